// Reads salon front matter straight from content/events for code that runs
// outside Astro (the CLI, the seed, the reminder job).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

export interface SalonFacts {
  id: string;
  title: string;
  start: Date;
  end: Date;
  timezone: string;
  capacity: number;
  couponPrefix: string;
}

export function readSalonFacts(dir = 'content/events'): SalonFacts[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
      const data = yaml.load(front) as Record<string, any>;
      return {
        id: file.replace(/\.mdx$/, ''),
        title: String(data.title),
        start: new Date(data.start),
        end: new Date(data.end),
        timezone: String(data.timezone),
        capacity: Number(data.capacity),
        couponPrefix: String(data.coupon?.prefix ?? 'SALON'),
      };
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
