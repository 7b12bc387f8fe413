// Moves SQLite's WAL checkpoints off the event loop. A connection that commits
// past wal_autocheckpoint copies the WAL into the database file and syncs it
// inside that COMMIT, synchronously: under registration load one commit in ten
// took 7-27 ms that way (1.2 s of 15 s), and every request in flight waited.
// A worker thread with its own connection checkpoints instead (PASSIVE: it
// never blocks a writer or a reader); the writer keeps a far higher automatic
// threshold only as a safety net, should the thread fall behind or stop.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the thread checkpoints what the WAL has gathered. */
const CHECKPOINT_EVERY_MS = 200;
/** The writer's own threshold meanwhile (pages, 4 KB each): reached only if the thread stops keeping up. */
export const SAFETY_NET_PAGES = 8000;

// Plain CommonJS, run as the thread's whole program (no file to find in a bundled build).
const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop: () => Promise<void>;
}

export function startCheckpointer(path: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { driver, path, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref(); // never what keeps a process alive
  let reported = false;
  worker.on('message', (error: string) => {
    if (!reported) console.error(`sqlite: background checkpoint failed (the writer checkpoints itself past ${SAFETY_NET_PAGES} pages): ${error}`);
    reported = true;
  });
  worker.on('error', (error) => console.error(`sqlite: checkpoint thread stopped: ${error.message}`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      worker.postMessage('stop');
      await exited;
    },
  };
}
