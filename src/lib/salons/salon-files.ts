// Reads salons straight from content/events for code that runs outside Astro
// (the CLI, the seed, the tests' fixtures), validated by the same schema as the
// content collection: a bad file fails here with its name and field, as it
// fails the build. A salon's Chinese words are read from content/events/zh/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'astro/zod';
import type { Locale } from '../../i18n/locales';
import { salonInfo, type SalonInfo } from './salon';
import { salonSchema, salonTranslationSchema, translatedSalon } from './salon-schema';
import type { SalonSeed } from './salon-import';

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function frontMatter<T>(path: string, schema: z.ZodType<T>): T {
  const text = readFileSync(path, 'utf8');
  const front = FRONT.exec(text)?.[1] ?? '';
  const parsed = schema.safeParse(yaml.load(front));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.') || 'front matter'}: ${issue.message}`);
  }
  return parsed.data;
}

export function readSalons(dir = 'content/events'): SalonInfo[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => salonInfo(file.replace(/\.mdx$/, ''), frontMatter(join(dir, file), salonSchema)))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** One salon in a language, as getSalon(id, locale) gives it inside the server: English when it has no translation. */
export function readSalon(id: string, locale: Locale = 'en', dir = 'content/events'): SalonInfo | undefined {
  const path = join(dir, `${id}.mdx`);
  if (!/^[a-z0-9-]{1,120}$/.test(id) || !existsSync(path)) return undefined;
  const data = frontMatter(path, salonSchema);
  const translation = join(dir, locale, `${id}.mdx`);
  if (locale === 'en' || !existsSync(translation)) return salonInfo(id, data);
  return { ...salonInfo(id, translatedSalon(data, frontMatter(translation, salonTranslationSchema))), textLocale: 'zh' };
}

const bodyOf = (path: string): string => readFileSync(path, 'utf8').replace(FRONT, '').trim();

/** The salons of content/events as seed rows: front matter, Markdown body, and the Chinese file's words and body. */
export function readSalonSeeds(dir = 'content/events'): SalonSeed[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => {
      const id = file.replace(/\.mdx$/, '');
      const zh = join(dir, 'zh', file);
      const translated = existsSync(zh);
      return {
        id,
        data: frontMatter(join(dir, file), salonSchema),
        description: bodyOf(join(dir, file)),
        translation: translated ? frontMatter(zh, salonTranslationSchema) : null,
        descriptionZh: translated ? bodyOf(zh) : null,
      };
    });
}
