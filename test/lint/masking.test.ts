/**
 * One masking for every place that shows or keeps a customer's contact: the views, the
 * store's selectors and the sources call the core's `maskingOf` (or take rows it masked);
 * none of them asks whether an access sees contacts, or calls the field masks itself, so
 * a new view cannot forget a case the core knows.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const src = path.resolve(__dirname, '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** What a room outside the core must not do with contacts: decide, or mask field by field. */
const FORBIDDEN = /\bseesContacts\b|\bmaskContact\s*\(|\bmaskedName\s*\(|\bmaskContactsInText\s*\(|\bmaskedAuthor\s*\(/;

describe('masking has one entry point', () => {
  it.each(['views', 'store', 'sources'])('src/%s never checks seesContacts nor masks a field itself', (room) => {
    const offenders = filesUnder(path.join(src, room))
      .filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(src, file));
    expect(offenders).toEqual([]);
  });

  it('the rule bites: a view that checks the access itself is found', () => {
    expect(FORBIDDEN.test('const shown = access.seesContacts ? phone : "•••";')).toBe(true);
    expect(FORBIDDEN.test('maskedName(access, name, undefined)')).toBe(true);
    expect(FORBIDDEN.test('const mask = maskingOf(access); mask.name(name)')).toBe(false);
  });
});
