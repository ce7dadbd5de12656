// Kept apart from pgServer.ts so that printing a masked URL does not load the pg driver.

/** Query parameters that carry secrets (libpq and Prisma accept passwords there too). */
const SECRET_PARAMS = ['password', 'sslpassword'];

/** `postgresql://user:***@host:5432/db`: URLs are shown only like this. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of SECRET_PARAMS) if (u.searchParams.has(key)) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    return 'the database URL (unparsable, not shown)';
  }
}

/** Every secret inside a URL, to mask wherever it might appear (the runner's log, error text). */
export function secretsOf(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    if (u.password) out.push(u.password, decodeURIComponent(u.password));
    for (const key of SECRET_PARAMS) {
      const v = u.searchParams.get(key);
      if (v) out.push(v);
    }
  } catch {
    // not a URL: the whole string is the secret
  }
  return [...new Set(out.filter((s) => s.length >= 3))];
}

/** Replaces each secret in a text by its masked form. */
export function scrubText(text: string, urls: (string | undefined)[]): string {
  let out = text;
  for (const url of urls) {
    if (!url) continue;
    out = out.split(url).join(maskUrl(url));
    for (const s of secretsOf(url).slice(1)) out = out.split(s).join('***');
  }
  return out.replace(/(\/\/[^:/\s@]+:)[^@\s/]+@/g, '$1***@');
}
