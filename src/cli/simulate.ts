/**
 * npm run simulate -- --agents N --days D --seed S [--start ISO] [--format eventstreams|eventsapi] [--out FILE]
 *
 * Writes the simulated TaskRouter events as NDJSON to stdout or FILE. Bad arguments: one
 * line on stderr and exit code 2. The same arguments always give byte-identical output.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { OUTPUT_FORMATS, formatEvent, resolveSimOptions, simulate, type OutputFormat, type SimOptions } from '../sources/simulator';

const USAGE = 'usage: simulate [--agents N] [--days D] [--seed S] [--start ISO] [--format eventstreams|eventsapi] [--out FILE]';

const FLAGS = ['agents', 'days', 'seed', 'start', 'format', 'out'] as const;
type Flag = (typeof FLAGS)[number];

/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20;

class UsageError extends Error {}

/** Asked for with --help: not an error, so it goes to stdout with exit code 0. */
class HelpRequested extends Error {}

interface CliArgs {
  readonly options: SimOptions;
  readonly format: OutputFormat;
  readonly out?: string;
}

function isFlag(name: string): name is Flag {
  return (FLAGS as readonly string[]).includes(name);
}

function integer(flag: Flag, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${flag} must be an integer, got "${value}"`);
  return Number(value);
}

function splitArgs(argv: readonly string[]): Map<Flag, string> {
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new HelpRequested(USAGE);
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}"; ${USAGE}`);
    const name = m[1];
    if (!isFlag(name)) throw new UsageError(`unknown option --${name}; ${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    values.set(name, value);
  }
  return values;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const v = splitArgs(argv);
  const format = v.get('format') ?? 'eventstreams';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${format}"`);
  }
  const agents = v.get('agents');
  const days = v.get('days');
  const seed = v.get('seed');
  const options: SimOptions = {
    agents: agents === undefined ? undefined : integer('agents', agents),
    days: days === undefined ? undefined : integer('days', days),
    seed: seed === undefined ? undefined : integer('seed', seed),
    start: v.get('start'),
  };
  try {
    resolveSimOptions(options);
  } catch (e) {
    throw new UsageError(`--${e instanceof Error ? e.message : String(e)}`);
  }
  return { options, format: format as OutputFormat, out: v.get('out') };
}

/** Writes one chunk and waits for the stream to drain when its buffer is full. */
async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function run(args: CliArgs): Promise<void> {
  const stream: Writable = args.out === undefined ? process.stdout : createWriteStream(args.out);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  const pump = async (): Promise<void> => {
    let lines: string[] = [];
    let size = 0;
    for (const ev of simulate(args.options)) {
      const line = formatEvent(ev, args.format);
      lines.push(line);
      size += line.length + 1;
      if (size >= CHUNK_CHARS) {
        await write(stream, `${lines.join('\n')}\n`);
        lines = [];
        size = 0;
      }
    }
    if (lines.length > 0) await write(stream, `${lines.join('\n')}\n`);
    if (stream !== process.stdout) {
      stream.end();
      await once(stream, 'finish');
    }
  };
  await Promise.race([pump(), failed]);
}

function main(argv: readonly string[]): void {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${e.message}\n`);
      return;
    }
    process.stderr.write(`simulate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
    return;
  }
  run(args).catch((e: unknown) => {
    // A closed pipe (e.g. `| head`) is the reader's choice, not a failure.
    if ((e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return;
    process.stderr.write(`simulate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}

main(process.argv.slice(2));
