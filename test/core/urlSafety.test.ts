import { MAX_URL_LENGTH, safeUrl } from '../../src/core/urlSafety';

describe('safeUrl: refused, with the reason', () => {
  it.each([
    // text, what the reason says
    ['javascript:alert(1)', /scheme "javascript:"/],
    ['JaVaScRiPt:alert(1)', /scheme "javascript:"/], // mixed case is the same scheme
    ['javascript://example.com/%0Aalert(1)', /scheme "javascript:"/], // looks like a URL, runs script
    ['java\tscript:alert(1)', /control character U\+0009/], // the parser drops tabs inside the scheme
    ['java\nscript:alert(1)', /control character U\+000A/],
    ['java\rscript:alert(1)', /control character U\+000D/],
    ['\u0000javascript:alert(1)', /control character U\+0000/],
    ['https://example.com/\u0085', /control character U\+0085/],
    [' javascript:alert(1)', /leading or trailing whitespace/],
    ['https://example.com/ ', /leading or trailing whitespace/],
    ['\u00a0https://example.com/', /leading or trailing whitespace/], // no-break space
    ['https://example.com/\n', /control character|whitespace/],
    ['javascript%3Aalert(1)', /encoded/],
    ['%6Aavascript:alert(1)', /encoded/],
    ['javascript&colon;alert(1)', /encoded/],
    ['&#106;avascript:alert(1)', /encoded/],
    ['&#x6A;avascript:alert(1)', /encoded/],
    ['http&#58;//evil.example/', /encoded/],
    ['data:text/html,<script>alert(1)</script>', /scheme "data:"/],
    ['DATA:text/html;base64,PHNjcmlwdD4=', /scheme "data:"/],
    ['vbscript:msgbox(1)', /scheme "vbscript:"/],
    ['file:///etc/passwd', /scheme "file:"/],
    ['ftp://files.example.com/a', /scheme "ftp:"/],
    ['blob:https://example.com/0b1c', /scheme "blob:"/],
    ['about:blank', /scheme "about:"/],
    ['mailto:someone@example.com', /scheme "mailto:"/],
    ['//evil.example/path', /protocol-relative/],
    ['/relative/path', /relative URL/],
    ['relative/path', /relative URL/],
    ['./page', /relative URL/],
    ['../page', /relative URL/],
    ['?q=1', /relative URL/],
    ['#fragment', /relative URL/],
    ['https:\\\\evil.example', /backslash/], // browsers read \\ as //
    ['https://good.example\\@evil.example/', /backslash/],
    ['/\\evil.example', /backslash/],
    ['https://user:pass@example.com/', /credentials/],
    ['https://user@example.com/', /credentials/],
    ['https://bank.example@evil.example/', /credentials/], // the host is evil.example
    ['https://@example.com/', /credentials/],
    ['https:example.com', /must be followed by \/\/host/], // the parser would add the slashes
    ['http:/example.com', /must be followed by \/\/host/],
    ['https:///example.com', /too many slashes/],
    ['https://', /no host/],
    ['https://?q=1', /no host/],
    ['https://#x', /no host/],
    ['https://:443/', /no host/],
    ['https://%65vil.example/', /percent-encoded host/],
    ['https://exa\u200bmple.com/', /invisible .* U\+200B/], // zero-width space
    ['https://example.com/\u202Egnp.exe', /invisible .* U\+202E/], // right-to-left override
    ['\ufeffhttps://example.com/', /invisible .* U\+FEFF|whitespace/],
    ['https://exa mple.com/', /not a valid URL/],
    ['https://example.com:99999/', /not a valid URL/],
    ['https://[::1/', /not a valid URL/],
    ['', /empty/],
  ])('%j (%s)', (text, reason) => {
    const result = safeUrl(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [42, 'number'],
    [{ href: 'https://example.com/' }, 'object'],
    [['https://example.com/'], 'object'],
    [true, 'boolean'],
  ])('non-string %j is refused', (value, kind) => {
    expect(safeUrl(value)).toEqual({ ok: false, reason: `not a string (${kind})` });
  });

  it('refuses a text longer than MAX_URL_LENGTH', () => {
    const result = safeUrl(`https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`);
    expect(result).toEqual({ ok: false, reason: `longer than ${MAX_URL_LENGTH} characters` });
  });

  it('refuses every scheme but http and https, in any case', () => {
    const schemes = ['javascript', 'JAVASCRIPT', 'jAvAsCrIpT', 'data', 'vbscript', 'VBScript', 'file', 'ws', 'chrome', 'intent'];
    for (const scheme of schemes) {
      const result = safeUrl(`${scheme}://example.com/`);
      expect(result.ok).toBe(false);
    }
  });
});

describe('safeUrl: accepted, as the normalised href', () => {
  it.each([
    ['https://example.com/record-id', 'https://example.com/record-id'],
    ['http://example.com', 'http://example.com/'], // a bare host gets its slash
    ['HTTPS://EXAMPLE.COM/Path?Q=1#F', 'https://example.com/Path?Q=1#F'], // scheme and host lower case, the rest kept
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['https://example.com:443/a', 'https://example.com/a'], // default port dropped
    ['https://company.com/tickets/ticket-id', 'https://company.com/tickets/ticket-id'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['https://example.com/?next=javascript:alert(1)', 'https://example.com/?next=javascript:alert(1)'], // only the scheme matters
    ['https://example.com/#@evil.example', 'https://example.com/#@evil.example'], // "@" after the host is harmless
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'], // punycode, as the browser shows it
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/x'],
    ['https://[::1]/', 'https://[::1]/'],
  ])('%j -> %j', (text, href) => {
    expect(safeUrl(text)).toEqual({ ok: true, url: href });
  });
});
