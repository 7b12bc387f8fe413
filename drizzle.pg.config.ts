// drizzle-kit keeps one config per dialect: this one is PostgreSQL's
// (`npm run db:generate:pg`). The SQLite one is drizzle.config.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/flywheel' },
});
