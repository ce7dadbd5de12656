// Kept apart from pgServer.ts so that printing a masked URL does not load the pg driver.

/** `postgresql://user:***@host:5432/db`: URLs are shown only like this. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the database URL (unparsable, not shown)';
  }
}
