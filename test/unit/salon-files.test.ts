// Salons read outside Astro go through the same schema as the content
// collection: the CLI and the seed never run on unvalidated front matter.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSalons } from '../../src/lib/salons/salon-files';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyOfSalons(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-salons-'));
  dirs.push(dir);
  for (const f of readdirSync('content/events').filter((name) => name.endsWith('.mdx'))) copyFileSync(join('content/events', f), join(dir, f));
  return dir;
}

describe('reading salons outside Astro', () => {
  it('reads every demo salon with typed dates and its coupon rule', () => {
    const salons = readSalons();
    expect(salons.length).toBeGreaterThanOrEqual(5);
    for (const s of salons) {
      expect(s.start).toBeInstanceOf(Date);
      expect(s.end.getTime()).toBeGreaterThan(s.start.getTime());
      expect(s.coupon.prefix).toMatch(/^[A-Z0-9]{3,12}$/);
    }
  });

  it('refuses a salon the build would refuse, naming the file and the field', () => {
    const dir = copyOfSalons();
    const file = readdirSync(dir).find((f) => f.endsWith('.mdx'))!;
    const text = readFileSync(join(dir, file), 'utf8');
    writeFileSync(join(dir, file), text.replace(/^capacity: .*$/m, 'capacity: lots'));
    expect(() => readSalons(dir)).toThrow(new RegExp(`${file}: capacity: `));
  });
});
