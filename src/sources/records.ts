/**
 * Cuts a byte stream into records without holding it whole (Node only): what every sink
 * writes, in one pass. NDJSON (one value a line), JSON values run together with nothing
 * between them (a Firehose object in S3), pretty-printed values over several lines, and
 * lines that are not JSON (EventCallbackUrl bodies, form-encoded). A JSON value ends where
 * its braces balance, counted outside strings (escapes respected); a line that starts
 * with anything but `{` or `[` is one text record.
 *
 * A broken value must not swallow the records after it, so a value is also cut where a
 * new one must have begun: a `{` or `[` where JSON allows no value (after a complete
 * member of an object, say: the previous record was truncated), and a raw newline inside
 * a string (JSON strings cannot hold one). The cut text is still handed on, to be
 * rejected by the parser with its position. A value longer than `maxRecordBytes` is
 * given up (reported, then skipped to the next line) so memory stays bounded.
 */

/** Where a record stood: its first line, its first byte, its number in the stream. */
export interface RecordPlace {
  readonly line: number;
  readonly byte: number;
  /** 1-based count of records so far in the stream. */
  readonly index: number;
  /** Nothing but white space before it on its line: the NDJSON case. */
  readonly alone: boolean;
  /** Lines the record spans beyond its first. */
  readonly extraLines: number;
  /** Set when the record was given up rather than cut out. */
  readonly error?: string;
}

export type OnRecord = (text: string, place: RecordPlace) => void;

const NONE = 0;
const JSON_VALUE = 1;
const TEXT = 2;
const SKIP = 3;

const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const COLON = 58;
const COMMA = 44;

/** One Event Streams event is a few kB (a Kinesis record at most 1 MB); a JSON array document may be far larger. */
export const MAX_OBJECT_BYTES = 64 * 1024 * 1024;
export const MAX_ARRAY_BYTES = 256 * 1024 * 1024;

export class RecordSplitter {
  private mode = NONE;
  private line = 1;
  private base = 0;
  private index = 0;
  /** Only white space since the last newline, and no record ended on this line. */
  private clean = true;
  // The record being read.
  private parts: Buffer[] = [];
  private partBytes = 0;
  private recLine = 1;
  private recByte = 0;
  private recAlone = true;
  private recKind = 0;
  private depth = 0;
  private readonly stack: number[] = [];
  private inString = false;
  private escape = false;
  private last = 0;
  private started = false;
  /** After a string closed: where the `{` just before its quote was (-1: the last byte of the chunk before), -2 for none. */
  private braceBefore = -2;
  private lastByte = 0;

  constructor(
    private readonly onRecord: OnRecord,
    private readonly limits: { readonly objectBytes: number; readonly arrayBytes: number } = { objectBytes: MAX_OBJECT_BYTES, arrayBytes: MAX_ARRAY_BYTES },
  ) {}

  push(b: Buffer): void {
    const n = b.length;
    let i = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3; // a byte order mark
    }
    let start = 0;
    let { mode, clean, depth, inString, escape, last, braceBefore } = this;
    const stack = this.stack;
    for (; i < n; i++) {
      const c = b[i];
      if (mode === NONE) {
        if (c === NEWLINE) {
          this.line++;
          clean = true;
        } else if (c !== 32 && c !== 9 && c !== 13) {
          start = i;
          this.begin(i, clean);
          clean = false;
          if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
            mode = JSON_VALUE;
            this.recKind = c;
            depth = 1;
            stack[0] = c;
            last = c;
            inString = false;
            escape = false;
          } else {
            mode = TEXT;
          }
        }
        continue;
      }
      if (mode === TEXT) {
        if (c === NEWLINE) {
          this.emit(b, start, i);
          this.line++;
          clean = true;
          mode = NONE;
        }
        continue;
      }
      if (mode === SKIP) {
        if (c === NEWLINE) {
          this.line++;
          clean = true;
          mode = NONE;
        }
        continue;
      }
      // Inside a JSON value.
      if (inString) {
        if (escape) escape = false;
        else if (c === BACKSLASH) escape = true;
        else if (c === QUOTE) {
          inString = false;
          last = QUOTE;
          // `{"` inside a string: if no `,` `:` `}` `]` follows, that `{` began the next record.
          braceBefore = i > 0 ? (b[i - 1] === OPEN_OBJECT ? i - 1 : -2) : this.lastByte === OPEN_OBJECT && this.parts.length > 0 ? -1 : -2;
        } else if (c === NEWLINE) {
          // A raw newline cannot be in a JSON string: this value was cut short.
          this.emit(b, start, i);
          this.line++;
          clean = true;
          mode = NONE;
        }
        continue;
      }
      if (braceBefore !== -2 && c !== 32 && c !== 9 && c !== 13 && c !== NEWLINE) {
        const at = braceBefore;
        braceBefore = -2;
        if (c !== COMMA && c !== COLON && c !== CLOSE_OBJECT && c !== CLOSE_ARRAY) {
          // The record so far was cut inside a string; the next one is `{"` and a key.
          start = this.cutBefore(b, start, at);
          this.recKind = OPEN_OBJECT;
          depth = 1;
          stack[0] = OPEN_OBJECT;
          last = OPEN_OBJECT;
          inString = true;
          escape = false;
          clean = false;
          i--; // read this byte again, inside the key
          continue;
        }
      }
      switch (c) {
        case QUOTE:
          inString = true;
          clean = false;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY: {
          const top = stack[depth - 1];
          const allowed = top === OPEN_OBJECT ? last === COLON : last === OPEN_ARRAY || last === COMMA;
          if (allowed) {
            stack[depth++] = c;
          } else {
            // No value can start here: the record so far was truncated; a new one begins.
            this.emit(b, start, i);
            start = i;
            this.begin(i, clean);
            this.recKind = c;
            depth = 1;
            stack[0] = c;
          }
          last = c;
          clean = false;
          break;
        }
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          depth--;
          last = c;
          clean = false;
          if (depth === 0) {
            this.emit(b, start, i + 1);
            mode = NONE;
          }
          break;
        case NEWLINE:
          this.line++;
          clean = true;
          if (this.partBytes + i - start > (this.recKind === OPEN_ARRAY ? this.limits.arrayBytes : this.limits.objectBytes)) {
            this.giveUp();
            mode = NONE;
          }
          break;
        case 32:
        case 9:
        case 13:
          break;
        default:
          last = c;
          clean = false;
      }
    }
    if (mode === JSON_VALUE || mode === TEXT) {
      this.parts.push(b.subarray(start));
      this.partBytes += n - start;
      const limit = this.recKind === OPEN_ARRAY ? this.limits.arrayBytes : this.limits.objectBytes;
      if (mode === JSON_VALUE && this.partBytes > limit) {
        this.giveUp();
        mode = SKIP;
      }
    }
    if (n > 0) this.lastByte = b[n - 1];
    this.mode = mode;
    this.clean = clean;
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    this.last = last;
    // A `{` before a quote that closed at the very end of this chunk is not followed up (rare).
    this.braceBefore = braceBefore === -1 ? -1 : -2;
    this.base += n;
  }

  /** The stream has ended: a record still open is handed on as it is. */
  end(): void {
    if ((this.mode === JSON_VALUE || this.mode === TEXT) && this.parts.length > 0) {
      const text = Buffer.concat(this.parts).toString('utf8');
      this.parts = [];
      this.onRecord(text, this.place());
    }
    this.mode = NONE;
  }

  private giveUp(): void {
    const limit = this.recKind === OPEN_ARRAY ? this.limits.arrayBytes : this.limits.objectBytes;
    this.onRecord('', {
      ...this.place(),
      error: `a JSON value over ${Math.round(limit / (1024 * 1024))} MB with its braces still open (truncated, or not one record); skipped to the next line`,
    });
    this.parts = [];
    this.partBytes = 0;
  }

  /**
   * Hands on the record so far up to the `{` at `brace` (an index in `b`, or -1 for the last
   * byte of the chunk before) and begins the next record there; returns its start in `b`.
   */
  private cutBefore(b: Buffer, start: number, brace: number): number {
    if (brace >= 0) {
      this.emit(b, start, brace);
      this.begin(brace, false);
      return brace;
    }
    const lastPart = this.parts[this.parts.length - 1];
    this.parts[this.parts.length - 1] = lastPart.subarray(0, lastPart.length - 1);
    this.emit(b, 0, 0);
    this.begin(-1, false);
    this.parts = [Buffer.from('{')];
    this.partBytes = 1;
    return 0;
  }

  private begin(i: number, clean: boolean): void {
    this.index++;
    this.recLine = this.line;
    this.recByte = this.base + i;
    this.recAlone = clean;
    this.recKind = 0;
  }

  private place(): RecordPlace {
    return { line: this.recLine, byte: this.recByte, index: this.index, alone: this.recAlone, extraLines: this.line - this.recLine };
  }

  private emit(b: Buffer, start: number, end: number): void {
    let text: string;
    if (this.parts.length === 0) text = b.toString('utf8', start, end);
    else {
      this.parts.push(b.subarray(0, end));
      text = Buffer.concat(this.parts).toString('utf8');
      this.parts = [];
      this.partBytes = 0;
    }
    this.onRecord(text, this.place());
  }
}
