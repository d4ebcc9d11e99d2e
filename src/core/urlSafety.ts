/**
 * Which URLs the drill-down may open, embed or play: absolute `http:` and `https:` URLs
 * with a host and no credentials, written plainly. Media links and drill-down URLs come
 * from task attributes that anyone with TaskRouter write access can set, so everything
 * else is refused with a reason, and the caller shows the refused text as inert text.
 *
 * The WHATWG `URL` parser decides what the browser would do; the checks before it refuse
 * what the parser silently normalises away (surrounding whitespace, tabs and newlines
 * inside the scheme, backslashes read as slashes, `http:host` without `//`), so the text
 * a person sees is the URL that is opened.
 */

export const SAFE_URL_SCHEMES = ['http:', 'https:'] as const;

/** Longer texts are refused: no real media link needs more, and a view should not have to render it. */
export const MAX_URL_LENGTH = 8192;

export type SafeUrl = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// Percent escapes or HTML character references before the first slash: an encoded scheme.
const ENCODED_SCHEME = /^[^/]*(%[0-9a-fA-F]{2}|&#|&[a-zA-Z]+;)/;

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isControl(c: number): boolean {
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f);
}

// Zero-width, soft hyphen, bidi overrides and isolates, word joiners, BOM: they hide
// or reorder what a person reads.
function isInvisible(c: number): boolean {
  return (
    c === 0x00ad ||
    c === 0x034f ||
    c === 0x061c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  );
}

function refuse(reason: string): SafeUrl {
  return { ok: false, reason };
}

/**
 * The normalised `href` of a URL that may be opened, embedded or played, or the reason it may not.
 *
 * Refused: non-strings; empty text; texts over `MAX_URL_LENGTH`; leading or trailing
 * whitespace; control characters anywhere (`java\tscript:`); invisible or
 * direction-changing characters; backslashes; protocol-relative `//host`; relative
 * paths; percent- or entity-encoded schemes; any scheme but `http:` / `https:` in any
 * case (`JaVaScRiPt:`, `data:`, `vbscript:`, `file:`, `ftp:`, `blob:`…); a scheme not
 * followed by exactly `//`; credentials or any `@` before the host
 * (`https://bank.example@evil.example`); a percent-encoded or missing host; anything the
 * `URL` parser rejects. The scheme and host may be in any case; the result has them in
 * lower case (and an internationalised host in punycode), as the browser would.
 */
export function safeUrl(text: unknown): SafeUrl {
  if (typeof text !== 'string') return refuse(`not a string (${text === null ? 'null' : typeof text})`);
  if (text.length === 0) return refuse('empty');
  if (text.length > MAX_URL_LENGTH) return refuse(`longer than ${MAX_URL_LENGTH} characters`);
  if (text.trim() !== text) return refuse('leading or trailing whitespace');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c)) return refuse(`control character ${codePoint(c)} at position ${i}`);
    if (isInvisible(c)) return refuse(`invisible or direction-changing character ${codePoint(c)} at position ${i}`);
    if (c === 0x5c) return refuse(`backslash at position ${i} (browsers read it as a slash)`);
  }
  if (text.startsWith('//')) return refuse('protocol-relative URL (//host): the scheme must be written out');

  const scheme = SCHEME.exec(text);
  if (!scheme) {
    if (ENCODED_SCHEME.test(text)) return refuse('percent- or entity-encoded characters where the scheme should be');
    return refuse('relative URL: an absolute http: or https: URL is needed');
  }
  const protocol = `${scheme[1].toLowerCase()}:`;
  if (!(SAFE_URL_SCHEMES as readonly string[]).includes(protocol)) {
    return refuse(`scheme "${protocol}" is not allowed (only http: and https:)`);
  }
  const rest = text.slice(scheme[0].length);
  if (!rest.startsWith('//')) return refuse(`"${protocol}" must be followed by //host`);
  if (rest.startsWith('///')) return refuse(`too many slashes after "${protocol}"`);

  const authority = rest.slice(2).split(/[/?#]/, 1)[0];
  if (authority.includes('@')) return refuse('credentials or "@" before the host (a phishing trick)');
  if (authority === '' || authority.startsWith(':')) return refuse('no host');
  if (authority.includes('%')) return refuse('percent-encoded host');

  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return refuse('not a valid URL');
  }
  // The checks above should make these unreachable; they stay as the last word of the parser.
  if (!(SAFE_URL_SCHEMES as readonly string[]).includes(parsed.protocol)) {
    return refuse(`scheme "${parsed.protocol}" is not allowed (only http: and https:)`);
  }
  if (parsed.username !== '' || parsed.password !== '') return refuse('credentials or "@" before the host (a phishing trick)');
  if (parsed.hostname === '') return refuse('no host');
  return { ok: true, url: parsed.href };
}
