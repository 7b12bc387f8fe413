// Small helpers for talking JSON to the running server.
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; res: Response }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, res };
}

export function sessionCookie(res: Response): string {
  const c = res.headers.getSetCookie().find((h) => h.startsWith('fw_session='));
  if (!c) throw new Error('no session cookie');
  return c.split(';')[0]!;
}

/**
 * A request from another loopback address (127.0.0.2, 127.0.0.3 …), so the
 * server sees a different client: "a stranger elsewhere" in one machine.
 */
export async function requestFrom(localAddress: string, method: string, url: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const headers = { ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}), ...options.headers };
    const req = request(url, { method, localAddress, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function postJsonFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  const res = await requestFrom(localAddress, 'POST', url, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  let parsed: unknown = res.text;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
