// Reads salons straight from content/events for code that runs outside Astro
// (the CLI, the seed, the tests' fixtures), validated by the same schema as the
// content collection: a bad file fails here with its name and field, as it
// fails the build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { salonInfo, type SalonInfo } from './salon';
import { salonSchema } from './salon-schema';

export function readSalons(dir = 'content/events'): SalonInfo[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
      const parsed = salonSchema.safeParse(yaml.load(front));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${join(dir, file)}: ${issue.path.join('.') || 'front matter'}: ${issue.message}`);
      }
      return salonInfo(file.replace(/\.mdx$/, ''), parsed.data);
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
