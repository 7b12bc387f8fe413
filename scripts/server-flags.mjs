// Node flags for the server process, named once (npm start, the tests, Lighthouse and the bench use them).
// V8 sizes the young generation from the machine's memory: on a 24 GB machine its
// two semi-spaces reach 64 MB each, and the server idled at ~300 MB resident for
// 30 MB of live objects. 8 MB semi-spaces keep minor GCs cheap and the process small
// (16 MB measured no faster under registration load, and 15 MB larger; that room now
// goes to the WAL checkpoint thread, db/checkpointer.ts, ~17 MB).
// Under load V8 also lets the old generation grow to ~150 MB of garbage before it
// collects (the live set stays under 40 MB): 256 MB bounds it, and the server stays
// under 250 MB resident at 32 registrations in flight (~300 MB without), for about a
// tenth of its registration throughput. A job that needs more heap: SERVER_NODE_FLAGS.
export const SERVER_NODE_FLAGS = (process.env.SERVER_NODE_FLAGS ?? '--max-semi-space-size=8 --max-old-space-size=256').split(' ').filter(Boolean);
