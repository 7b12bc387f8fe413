// Reads salon front matter straight from content/events for code that runs
// outside Astro (the CLI, the seed, the reminder job).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { salonInfo, type SalonInfo } from './salon';

export function readSalons(dir = 'content/events'): SalonInfo[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
      return salonInfo(file.replace(/\.mdx$/, ''), yaml.load(front) as Record<string, unknown>);
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
