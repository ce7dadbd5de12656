import type pg from 'pg';
import { maskUrl } from '../maskUrl';

/**
 * What the pull request's SQL could reach besides the temporary database, said before it runs:
 * the other databases the role may connect to, and what it owns outside the temporary one.
 */
export async function reachBeyond(admin: pg.Client, temporary: string, url: string): Promise<string[]> {
  const r = await admin.query<{ dbs: string[] | null; owned: string }>(
    `SELECT (SELECT array_agg(datname::text ORDER BY datname) FROM pg_database
              WHERE datname NOT IN ($1, 'template0', 'template1')
                AND has_database_privilege(datname, 'CONNECT')) AS dbs,
            (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                AND n.nspname NOT IN ('pg_catalog', 'information_schema', $1) AND n.nspname NOT LIKE 'pg_toast%'
            )::text AS owned`,
    [temporary],
  );
  const { dbs, owned } = r.rows[0]!;
  const reach = [
    ...(dbs?.length ? [`may connect to ${dbs.length} other database(s) (${dbs.slice(0, 3).join(', ')})`] : []),
    ...(owned !== '0' ? [`owns ${owned} table(s), index(es) or sequence(s) outside the temporary database`] : []),
  ];
  if (reach.length === 0) return [];
  return [
    `the shadow server's role ${reach.join(' and ')}: migration SQL from the pull request runs with that role ` +
      `and could change them. Use a disposable server (${maskUrl(url)}) whose role owns nothing else.`,
  ];
}
