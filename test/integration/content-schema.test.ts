// A content entry with a missing or wrong-typed field must stop the build with
// a message naming the file and the field. Runs `astro sync` (the content
// validation step of `astro build`) on a scratch copy of the project.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'flywheel-content-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function projectCopy(name: string): string {
  const dir = join(scratch, name);
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(f, join(dir, f));
  // The build step the config adds (precompression) and what it imports.
  cpSync('scripts/serve', join(dir, 'scripts/serve'), { recursive: true });
  // The collections' config and the schema modules it imports.
  for (const f of ['src/content.config.ts', 'src/lib/salons/salon-schema.ts', 'src/lib/sharing/card.ts']) cpSync(f, join(dir, f));
  cpSync('content', join(dir, 'content'), { recursive: true });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function sync(dir: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'sync'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const anArticle = readdirSync('content/articles').find((f) => f.endsWith('.mdx'))!;
const anEvent = readdirSync('content/events').find((f) => f.endsWith('.mdx'))!;

describe('content schema', () => {
  it('accepts the content as committed', () => {
    const r = sync(projectCopy('good'));
    expect(r.output).toMatch(/Synced content/);
    expect(r.status).toBe(0);
  });

  it('rejects an article without a description, naming the file and the field', () => {
    const dir = projectCopy('missing');
    const path = join(dir, 'content/articles', anArticle);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^description:.*\n/m, ''));
    const r = sync(dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(anArticle);
    expect(r.output).toMatch(/description/);
  });

  it('rejects a salon whose capacity is not a number', () => {
    const dir = projectCopy('wrong-type');
    const path = join(dir, 'content/events', anEvent);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^capacity:.*$/m, 'capacity: thirty'));
    const r = sync(dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(anEvent.replace(/\.mdx$/, ''));
    expect(r.output).toMatch(/capacity/);
  });

  it('rejects a Chinese article whose share description the WeChat card would cut, naming the file and the field', () => {
    const dir = projectCopy('card');
    const zhArticle = readdirSync('content/articles/zh').find((f) => f.endsWith('.mdx'))!;
    const path = join(dir, 'content/articles/zh', zhArticle);
    const long = '这一句分享描述写得实在太长了，微信卡片只显示三行，读者看到一半就会被截断，话说不完。';
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^shareDescription:.*$/m, `shareDescription: "${long}"`));
    const r = sync(dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(zhArticle.replace(/\.mdx$/, ''));
    expect(r.output).toMatch(/shareDescription/);
    expect(r.output).toMatch(/WeChat card/);
  });
});
