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
