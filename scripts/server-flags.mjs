// Node flags for the server process, named once (npm start, the tests, Lighthouse and the bench use them).
// V8 sizes the young generation from the machine's memory: on a 24 GB machine its
// two semi-spaces reach 64 MB each, and the server idled at ~300 MB resident for
// 30 MB of live objects. 16 MB semi-spaces keep minor GCs cheap and the process small.
export const SERVER_NODE_FLAGS = (process.env.SERVER_NODE_FLAGS ?? '--max-semi-space-size=16').split(' ').filter(Boolean);
