// The Chinese versions (content/*/zh/) stay twins of their English originals:
// the same pieces exist, salons keep their agenda times and speakers, articles
// keep their facts (author, category, tags, dates), and Chinese text uses
// Chinese punctuation. The build wires these files up per language (issue 11).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

type Front = Record<string, unknown>;
const front = (path: string): Front => yaml.load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1] ?? '') as Front;
const body = (path: string): string => readFileSync(path, 'utf8').replace(/^---[\s\S]*?\n---\r?\n/, '');
const mdx = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.mdx'));

describe('Chinese salons', () => {
  const files = mdx('content/events/zh');
  it('exist for every salon', () => expect(files.sort()).toEqual(mdx('content/events').sort()));

  it.each(files)('%s keeps the agenda times and speakers of the English salon, in Chinese', (file) => {
    const en = front(join('content/events', file));
    const zh = front(join('content/events/zh', file));
    const agenda = (f: Front) => (f.agenda as Array<{ time: string; speaker?: string }>).map((a) => [a.time, a.speaker ?? null]);
    expect(agenda(zh)).toEqual(agenda(en));
    expect((zh.speakers as Array<{ name: string }>).map((s) => s.name)).toEqual((en.speakers as Array<{ name: string }>).map((s) => s.name));
    expect(Boolean(zh.venue)).toBe(Boolean(en.venue));
    for (const key of ['title', 'summary', 'city', 'attendeeGift', 'couponDescription']) expect(zh[key], key).toMatch(/\p{Script=Han}/u);
    expect(String(zh.title).length).toBeGreaterThanOrEqual(8);
    expect(String(zh.summary).length).toBeGreaterThanOrEqual(40);
  });
});

describe('Chinese articles and resources', () => {
  it.each(mdx('content/articles/zh'))('%s keeps the facts of its English original', (file) => {
    const en = front(join('content/articles', file));
    const zh = front(join('content/articles/zh', file));
    for (const key of ['publishedAt', 'author', 'category', 'tags', 'featured', 'event', 'resource']) expect(zh[key], key).toEqual(en[key]);
    expect((zh.metrics as unknown[] | undefined)?.length).toBe((en.metrics as unknown[] | undefined)?.length);
    expect(String(zh.description).length).toBeGreaterThanOrEqual(40);
    // The table of contents is built from ## headings: the same number in both.
    const headings = (text: string) => text.match(/^## /gm)?.length ?? 0;
    expect(headings(body(join('content/articles/zh', file)))).toBe(headings(body(join('content/articles', file))));
  });

  it('cover the five case studies and the playbooks', () => {
    const categories = mdx('content/articles/zh').map((f) => front(join('content/articles/zh', f)).category);
    expect(categories.filter((c) => c === 'case-study')).toHaveLength(5);
    expect(categories.filter((c) => c === 'playbook').length).toBeGreaterThanOrEqual(2);
  });

  it.each(mdx('content/resources/zh'))('%s has its document in Chinese too', (file) => {
    const zh = front(join('content/resources/zh', file));
    expect(zh.file).toBe(front(join('content/resources', file)).file);
    expect(readFileSync(join('content/resources/files/zh', String(zh.file)), 'utf8')).toMatch(/\p{Script=Han}/u);
  });

  it('writes Chinese sentences with Chinese punctuation', () => {
    const dirs = ['content/articles/zh', 'content/events/zh', 'content/resources/zh'];
    for (const dir of dirs) {
      for (const file of mdx(dir)) {
        const text = body(join(dir, file)).replace(/`[^`]*`/g, '');
        // A half-width comma or full stop right after a Han character is a typo in Chinese text.
        expect(text.match(/\p{Script=Han}[,.;:?!](?=\s|\p{Script=Han}|$)/gmu) ?? [], `${dir}/${file}`).toEqual([]);
      }
    }
  });
});
