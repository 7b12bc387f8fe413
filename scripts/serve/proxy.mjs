// The client address from X-Forwarded-For when the peer is a trusted proxy (TRUST_PROXY).
const trustedProxies = new Set((process.env.TRUST_PROXY ?? '').split(',').map((a) => normalizeAddress(a.trim())).filter(Boolean));

/** "::ffff:127.0.0.1" and "127.0.0.1" are the same peer. */
function normalizeAddress(address) {
  return (address ?? '').replace(/^::ffff:/, '');
}

/** Behind a trusted proxy, the client is the last X-Forwarded-For hop that is not itself a trusted proxy. */
const peers = new WeakMap();
export function applyTrustedProxy(req) {
  const socket = req.socket;
  if (!peers.has(socket)) peers.set(socket, normalizeAddress(socket.remoteAddress));
  const peer = peers.get(socket);
  let client = peer;
  if (trustedProxies.has(peer)) {
    const hops = String(req.headers['x-forwarded-for'] ?? '').split(',').map((h) => normalizeAddress(h.trim())).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      client = hops[i];
      if (!trustedProxies.has(client)) break;
    }
  }
  // Astro reads the socket's address for Astro.clientAddress; a keep-alive socket keeps its real peer in `peers`.
  Object.defineProperty(socket, 'remoteAddress', { value: client, configurable: true });
}
