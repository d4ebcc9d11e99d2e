/**
 * `npm run bundle:report [-- --no-build] [--top N]`: what the production bundle is made of.
 *
 * Runs the production build (`flex-plugin build`) with BUNDLE_REPORT_DIR set, so that
 * tools/bundleReportPlugin.cjs writes the minified bundle, its source map back to the
 * original files and webpack's stats into build/bundle-report/ (`--no-build` reads the
 * last ones). Every byte of the minified bundle is given to the original file the source
 * map points it at (bytes the map leaves out: to the module they lie in), files to
 * packages and to groups. A file's group is the package our code imported to reach it
 * (webpack's issuer chain): lodash's per-function modules count with recharts, Paste's
 * parts with Paste. Paste is also split into its parts.
 *
 * Sizes: minified bytes as in the bundle; "gzip alone" is the group's (or package's)
 * minified text gzipped on its own, the way bench:live gzips the whole file. Parts
 * gzipped apart add up to more than the whole, so "gzip share" scales them to the
 * whole bundle's gzip size.
 *
 * Prints the optimization settings webpack ran with, Markdown tables (groups, Paste
 * parts, packages, our code by folder, largest files) and the packages bundled in more
 * than one copy, and writes build/bundle-report/report.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';

const root = resolve(__dirname, '..');
const reportDir = join(root, 'build', 'bundle-report');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
const bundleName = `${pkg.name}.js`;
const argv = process.argv.slice(2);
const topIndex = argv.indexOf('--top');
const top = topIndex >= 0 ? Number(argv[topIndex + 1]) : 25;

if (!argv.includes('--no-build')) {
  process.stderr.write('Building (flex-plugin build) with the bundle report on...\n');
  const run = spawnSync('npx', ['flex-plugin', 'build'], {
    cwd: root,
    env: { ...process.env, BUNDLE_REPORT_DIR: reportDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) {
    process.stderr.write(`flex-plugin build failed (exit ${run.status})\n`);
    process.exit(1);
  }
}
for (const file of [bundleName, `${bundleName}.map`, 'stats.json']) {
  if (!existsSync(join(reportDir, file))) {
    process.stderr.write(`${join(reportDir, file)} is missing: run without --no-build\n`);
    process.exit(1);
  }
}

// ---- the source map: each minified byte to the original file ----

interface RawMap {
  sources: string[];
  mappings: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one segment's base-64 VLQ fields. */
function decodeSegment(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64_VALUE.get(c);
    if (digit === undefined) throw new Error(`bad source map character ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

const UNMAPPED = '(webpack runtime, module wrappers)';

/** Where each module function of the bundle starts and ends, by module id. */
function moduleRanges(code: string): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  const program = parse(code, { ecmaVersion: 'latest' }) as unknown as AcornNode;
  // `!function(modules){...runtime...}([function(module, exports, require){...}, ...])`
  const statement = program.body?.find((n) => n.type === 'ExpressionStatement');
  let call = statement?.expression;
  if (call?.type === 'UnaryExpression') call = call.argument;
  const list = call?.type === 'CallExpression' ? call.arguments?.[0] : undefined;
  if (list?.type === 'ArrayExpression') {
    list.elements?.forEach((el, i) => el && ranges.set(String(i), [el.start, el.end]));
  } else if (list?.type === 'ObjectExpression') {
    for (const prop of list.properties ?? []) {
      const key = prop.key?.type === 'Literal' ? String(prop.key.value) : prop.key?.name;
      const value = prop.value as AcornNode | undefined;
      if (key !== undefined && value) ranges.set(key, [value.start, value.end]);
    }
  } else {
    process.stderr.write('bundle layout not recognised: bytes without a source map stay unattributed\n');
  }
  return ranges;
}

interface AcornNode {
  type: string;
  start: number;
  end: number;
  body?: AcornNode[];
  expression?: AcornNode;
  argument?: AcornNode;
  arguments?: AcornNode[];
  elements?: (AcornNode | null)[];
  properties?: AcornNode[];
  key?: AcornNode;
  value?: AcornNode | string | number;
  name?: string;
}

/** A module's file from its webpack identifier (`loader!loader!/path/file.js?query`). */
const fileOf = (identifier: string): string => identifier.slice(identifier.lastIndexOf('!') + 1).split('?')[0];

interface StatsModule {
  id: number | string | null;
  identifier?: string;
  name: string;
  chunks: unknown[];
  modules?: StatsModule[];
  issuerPath?: { identifier: string }[] | null;
}

/**
 * The bundle's text per source file. A source-map segment's text runs to the next
 * segment on its line (the build is ASCII only, so a column is a byte). Text the map
 * leaves out (JSON modules, CommonJS wrappers) goes to the module it lies in when that
 * module is one file; the rest is webpack's runtime and the glue around modules.
 */
function attribute(code: string, map: RawMap, modules: StatsModule[]): Map<string, string[]> {
  const owner = new Int32Array(code.length).fill(-1);
  const lines = map.mappings.split(';');
  let offset = 0;
  let source = 0;
  const lineTexts = code.split('\n');
  for (let l = 0; l < lineTexts.length; l++) {
    const lineEnd = offset + lineTexts[l].length + 1;
    const segments = (lines[l] ?? '').split(',').filter(Boolean);
    let column = 0;
    let current = -1;
    let from = offset;
    for (const segment of segments) {
      const fields = decodeSegment(segment);
      column += fields[0];
      owner.fill(current, from, offset + column);
      from = offset + column;
      if (fields.length >= 4) {
        source += fields[1];
        current = source;
      } else {
        current = -1;
      }
    }
    owner.fill(current, from, Math.min(lineEnd, code.length));
    offset = lineEnd;
  }
  const names = [...map.sources];
  const ranges = moduleRanges(code);
  for (const m of modules) {
    if (m.id === null || !m.chunks.length || m.modules) continue; // concatenated: its glue stays with the runtime
    const range = ranges.get(String(m.id));
    if (!range) continue;
    const index = names.push(m.identifier ? fileOf(m.identifier) : m.name) - 1;
    for (let i = range[0]; i < range[1]; i++) if (owner[i] === -1) owner[i] = index;
  }
  const pieces = new Map<string, string[]>();
  for (let i = 0; i < code.length; ) {
    let j = i + 1;
    while (j < code.length && owner[j] === owner[i]) j++;
    const name = owner[i] < 0 ? UNMAPPED : names[owner[i]];
    const list = pieces.get(name);
    if (list) list.push(code.slice(i, j));
    else pieces.set(name, [code.slice(i, j)]);
    i = j;
  }
  return pieces;
}

// ---- files to packages, packages to groups ----

interface Part {
  bytes: number;
  text: string[];
}

/** `node_modules/<name>` directory (the innermost) and package name of a source path, or null for our code. */
function packageOf(source: string): { name: string; dir: string } | null {
  const parts = source.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const scoped = parts[at + 1]?.startsWith('@');
  const name = scoped ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  return { name, dir: parts.slice(0, at + (scoped ? 3 : 2)).join(sep) };
}

function readManifest(dir: string): { version?: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> } {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return {};
  }
}

const code = readFileSync(join(reportDir, bundleName), 'utf8');
const map = JSON.parse(readFileSync(join(reportDir, `${bundleName}.map`), 'utf8')) as RawMap;
const stats = JSON.parse(readFileSync(join(reportDir, 'stats.json'), 'utf8')) as { modules: StatsModule[] };

const files = new Map<string, Part>();
for (const [source, text] of attribute(code, map, stats.modules)) {
  files.set(source, { bytes: text.reduce((n, t) => n + t.length, 0), text });
}

const packageDirs = new Map<string, Set<string>>(); // name -> directories bundled
for (const source of files.keys()) {
  const p = packageOf(source);
  if (p) packageDirs.set(p.name, (packageDirs.get(p.name) ?? new Set()).add(p.dir));
}

// How webpack first reached each file: the chain of modules from the entry (issuerPath).
const chains = new Map<string, string[]>();
for (const m of stats.modules) {
  for (const inner of [m, ...(m.modules ?? [])]) {
    if (!inner.identifier || !inner.issuerPath) continue;
    chains.set(fileOf(inner.identifier), inner.issuerPath.map((step) => fileOf(step.identifier)));
  }
}

const ourCode = 'our code (src/, flex-plugin.config.js)';
/**
 * The package our code imported to get this file: the first package on the chain from
 * the entry (so lodash goes with recharts, which imports it), else the file's own.
 */
function groupOf(source: string): string {
  if (source.startsWith('external ')) return 'externals (React, ReactDOM)';
  if (!source.startsWith(sep)) return UNMAPPED; // webpack/bootstrap and the glue
  if (!source.startsWith(root + sep)) return `(outside the project) ${source}`;
  for (const step of [...(chains.get(source) ?? []), source]) {
    const p = packageOf(step);
    if (!p) continue;
    if (p.name === 'webpack') return 'webpack (node globals shims)';
    // src/ imports Paste by @twilio-paste/core/<name>, which the build resolves to @twilio-paste/<name>.
    if (p.name.startsWith('@twilio-paste/') && p.name !== '@twilio-paste/icons') return 'Paste (@twilio-paste/core/*)';
    return p.name;
  }
  return ourCode;
}

/** The Paste parts worth telling apart. */
function pastePart(name: string): string | null {
  if (!name.startsWith('@twilio-paste/')) return null;
  if (name === '@twilio-paste/icons') return 'icons';
  if (name === '@twilio-paste/styling-library') return 'styling-library (emotion, styled-system)';
  if (['@twilio-paste/design-tokens', '@twilio-paste/theme', '@twilio-paste/color-contrast-utils'].includes(name)) return 'theme and design tokens';
  if (name === '@twilio-paste/reakit-library') return 'reakit-library (tabs, disclosure)';
  if (name === '@twilio-paste/animation-library') return 'animation-library (react-spring)';
  if (name === '@twilio-paste/date-picker') return 'date-picker';
  if (name === '@twilio-paste/style-props') return 'style-props';
  return 'components and the rest';
}

interface Row {
  name: string;
  bytes: number;
  gzip: number;
  files: number;
}

function rows(keyOf: (source: string) => string | null): Row[] {
  const byKey = new Map<string, { bytes: number; text: string[]; files: number }>();
  for (const [source, part] of files) {
    const key = keyOf(source);
    if (key === null) continue;
    const entry = byKey.get(key) ?? { bytes: 0, text: [], files: 0 };
    entry.bytes += part.bytes;
    entry.text.push(...part.text);
    entry.files++;
    byKey.set(key, entry);
  }
  return [...byKey]
    .map(([name, e]) => ({ name, bytes: e.bytes, gzip: gzipSync(e.text.join('')).length, files: e.files }))
    .sort((a, b) => b.bytes - a.bytes);
}

const bundlePath = join(root, 'build', bundleName);
const built = readFileSync(bundlePath);
const total = { bytes: built.length, gzip: gzipSync(built).length };
const kb = (n: number): string => (n / 1024).toFixed(1);

const groups = rows(groupOf);
/** Gzip alone to a share of the whole: the groups' gzip sizes scaled to add up to the bundle's. */
const shareFactor = total.gzip / groups.reduce((n, r) => n + r.gzip, 0);

function table(title: string, header: string, list: Row[]): string {
  const lines = [`### ${title}`, '', `| ${header} | files | min KB | gzip KB alone | gzip KB share |`, '|---|--:|--:|--:|--:|'];
  for (const r of list) lines.push(`| ${r.name} | ${r.files} | ${kb(r.bytes)} | ${kb(r.gzip)} | ${kb(r.gzip * shareFactor)} |`);
  return lines.join('\n');
}

const paste = rows((s) => pastePart(packageOf(s)?.name ?? ''));
const packages = rows((s) => packageOf(s)?.name ?? null);
const ours = rows((s) => {
  if (packageOf(s) || !s.startsWith(root + sep)) return null;
  const rel = relative(root, s).split(sep);
  return rel[0] === 'src' && rel.length > 2 ? `src/${rel[1]}/` : rel.join('/');
});
const largest = [...files]
  .filter(([s]) => s !== UNMAPPED)
  .map(([s, p]) => ({ name: s.startsWith(sep) ? relative(root, s) : s, bytes: p.bytes, gzip: gzipSync(p.text.join('')).length, files: 1 }))
  .sort((a, b) => b.bytes - a.bytes)
  .slice(0, top);
const duplicates = [...packageDirs]
  .filter(([, dirs]) => dirs.size > 1)
  .map(([name, dirs]) => `- ${name}: ${[...dirs].map((d) => `${relative(root, d)}@${readManifest(d).version}`).join(', ')}`);

const optionsFile = join(reportDir, 'options.json');
const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as { mode?: string; publicPath?: string; optimization?: Record<string, unknown> }) : null;

const out = [
  `## ${bundleName}: ${kb(total.bytes)} KB minified, ${kb(total.gzip)} KB gzip`,
  '',
  options
    ? `webpack ran with mode ${options.mode}, publicPath ${JSON.stringify(options.publicPath ?? '')}, ${Object.entries(options.optimization ?? {})
        .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
        .join(', ')}.`
    : '(options.json missing: run without --no-build)',
  '',
  table('Groups (the package our code imports to reach the code)', 'group', groups),
  '',
  table('Paste, by part', 'part', paste),
  '',
  table('Packages', 'package', packages),
  '',
  table('Our code', 'folder', ours),
  '',
  table(`Largest ${top} files`, 'file', largest),
  '',
  '### Packages bundled in more than one copy',
  '',
  duplicates.length ? duplicates.join('\n') : '(none)',
  '',
];
process.stdout.write(out.join('\n'));
writeFileSync(join(reportDir, 'report.json'), JSON.stringify({ total, options, groups, paste, packages, ours, largest, duplicates }, null, 2));
