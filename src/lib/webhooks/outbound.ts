// The one way a webhook leaves Flywheel: URL rules checked when a webhook is
// saved, and again on every send, where the connection is made only to an
// address checked the moment it was resolved (a host that resolves to a
// public address at creation and to 169.254.169.254 later — DNS rebinding —
// is refused at the socket). No redirects are followed, a send that has not
// answered in 10 s is abandoned, and at most 64 KB of the answer is read.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { WebhookKind } from '../../../db/tables';

export const SEND_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved ranges, both families. */
const blocked = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3]] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 127], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is one a webhook may not reach (IPv4-mapped IPv6 judged by its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return isPrivateAddress(dotted);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const bare = (hostname: string): string => hostname.replace(/^\[|\]$/g, '').toLowerCase();
const isLocalName = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal');

/** The official robot endpoints: a WeCom or DingTalk webhook must be one of them (anywhere, when private targets are allowed for tests). */
const ROBOTS: Record<Exclude<WebhookKind, 'json'>, { host: string; path: string; param: string }> = {
  wecom: { host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', param: 'key' },
  dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send', param: 'access_token' },
};

/**
 * What is wrong with a webhook URL, as an English sentence, or null. Only
 * https; http only for a local or private host when private targets are
 * allowed; no user name or password; no loopback, private or link-local
 * address literal unless allowed. Host names are resolved by `resolveCheck`.
 */
export function urlProblem(raw: string, kind: WebhookKind, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The URL is not a web address such as https://crm.example.com/hooks/flywheel.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL is not a web address such as https://crm.example.com/hooks/flywheel.';
  if (url.username || url.password) return 'The URL may not carry a user name or password.';
  const host = bare(url.hostname);
  const local = isLocalName(host) || (isIP(host) !== 0 && isPrivateAddress(host));
  if (local && !allowPrivate) return 'The URL points at a local or private address, which webhooks may not reach.';
  if (url.protocol === 'http:' && !(allowPrivate && local)) return 'The URL must start with https://.';
  if (kind !== 'json') {
    const robot = ROBOTS[kind];
    if ((!allowPrivate && host !== robot.host) || url.pathname !== robot.path || !url.searchParams.get(robot.param)) {
      return kind === 'wecom' ? 'A WeCom robot URL looks like https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=….' : 'A DingTalk robot URL looks like https://oapi.dingtalk.com/robot/send?access_token=….';
    }
  }
  return null;
}

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { all: true, ...(options.family ? { family: Number(options.family) || 0 } : {}) }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (refused || addresses.length === 0) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address (${refused?.address ?? 'none'})`), { code: 'EPRIVATE' }), []);
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Resolves the URL's host and says what is wrong (a private address, no address), or null. For the check when a webhook is saved. */
export async function resolveProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  const host = bare(new URL(raw).hostname);
  if (isIP(host) !== 0 || allowPrivate) return null;
  return new Promise((resolve) => {
    guardedLookup(false)(host, { all: true }, (error) => {
      if (!error) resolve(null);
      else resolve((error as NodeJS.ErrnoException).code === 'EPRIVATE' ? 'The URL points at a local or private address, which webhooks may not reach.' : "The URL's host name does not resolve.");
    });
  });
}

export interface OutboundRequest {
  url: string;
  kind: WebhookKind;
  body: string;
  headers: Record<string, string>;
}

/** What came back: the HTTP status (null when nothing answered), the start of the answer, or why it failed. */
export interface OutboundAnswer {
  status: number | null;
  text: string;
  error?: string;
}

export type OutboundSender = (request: OutboundRequest, options: { allowPrivate: boolean; timeoutMs?: number }) => Promise<OutboundAnswer>;

/** POSTs a webhook: the URL is checked again, the resolved address too; never throws. */
export const sendOutbound: OutboundSender = async (req, { allowPrivate, timeoutMs = SEND_TIMEOUT_MS }) => {
  const problem = urlProblem(req.url, req.kind, allowPrivate);
  if (problem) return { status: null, text: '', error: `refused: ${problem}` };
  const url = new URL(req.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<OutboundAnswer>((resolve) => {
    const outgoing = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Flywheel-Webhooks/1', ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        lookup: guardedLookup(allowPrivate) as never,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (answer: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
          else answer.destroy();
        });
        const done = (): void => resolve({ status: answer.statusCode ?? null, text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES) });
        answer.on('end', done);
        answer.on('close', done);
        answer.on('error', done);
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const message = error.name === 'AbortError' || error.name === 'TimeoutError' ? `timeout: no answer within ${timeoutMs / 1000} s` : error.message;
      resolve({ status: null, text: '', error: message.slice(0, 500) });
    });
    outgoing.end(req.body);
  });
};
