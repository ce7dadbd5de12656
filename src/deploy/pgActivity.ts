import type pg from 'pg';
import { ok, type Result } from '../problem';
import { ADVISORY_LOCK_ID, DEPLOY_APP_NAME, type LiveDeploy, type LockFailure } from './targetDb';

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes Prisma's advisory lock by polling pg_try_advisory_lock, each try its own short
 * statement, so the session holds no transaction or snapshot while it waits. A blocking
 * pg_advisory_lock would hold one, and the holder's CREATE INDEX CONCURRENTLY waits for every
 * snapshot to go away: each deploy would then wait for the other (a deadlock).
 */
export async function pollAdvisoryLock(
  client: pg.Client,
  display: string,
  timeoutMs: number,
): Promise<Result<void, LockFailure>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.query(`SELECT pg_try_advisory_lock(${ADVISORY_LOCK_ID}) AS locked`);
    if ((r.rows[0] as { locked: boolean }).locked) return ok(undefined);
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(POLL_MS, left));
  }
  const holder = await lockHolder(client);
  const who = holder
    ? `it is held by backend pid ${holder.pid} (application_name "${holder.applicationName}"` +
      `${holder.since ? `, since ${holder.since}` : ''})`
    : 'its holder has just let go';
  const message =
    `${display}: timed out after ${timeoutMs / 1000} s waiting for the migration lock ` +
    `(pg_advisory_lock(${ADVISORY_LOCK_ID})): ${who}; another deploy (ours or prisma migrate deploy) is running ` +
    `against this database. Wait for it and run again (or raise --lock-timeout)` +
    `${holder ? `, or stop it with SELECT pg_cancel_backend(${holder.pid})` : ''}.`;
  return { ok: false, problem: { message, ...(holder ? { holder } : {}) } };
}

const SINCE = `to_char(coalesce(a.xact_start, a.query_start, a.backend_start) AT TIME ZONE 'UTC',
  'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Who holds Prisma's lock on this database: a bigint key shows as classid 0, objid, objsubid 1. */
async function lockHolder(client: pg.Client): Promise<LiveDeploy | undefined> {
  const r = await client.query(
    `SELECT l.pid, coalesce(a.application_name, '') AS app, ${SINCE} AS since
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      LIMIT 1`,
    [ADVISORY_LOCK_ID],
  );
  const row = r.rows[0] as { pid: number; app: string; since: string | null } | undefined;
  return row ? liveDeploy(row) : undefined;
}

function liveDeploy(row: { pid: number; app: string; since: string | null }): LiveDeploy {
  const prefix = `${DEPLOY_APP_NAME}: `;
  const migration = row.app.startsWith(prefix) ? row.app.slice(prefix.length) : undefined;
  return { pid: row.pid, applicationName: row.app, since: row.since, ...(migration ? { migration } : {}) };
}

/** Backends of our deploys on this database, other than this session (a killed client's backend runs on). */
export async function liveDeploys(client: pg.Client): Promise<LiveDeploy[]> {
  const r = await client.query(
    `SELECT a.pid, a.application_name AS app, ${SINCE} AS since FROM pg_stat_activity a
      WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.application_name LIKE $1
      ORDER BY a.backend_start`,
    [`${DEPLOY_APP_NAME}%`],
  );
  return (r.rows as { pid: number; app: string; since: string | null }[]).map(liveDeploy);
}

/** application_name holds at most 63 bytes and printable ASCII: longer names are cut, others shown as ?. */
export function activityName(migration: string | undefined): string {
  const name = migration ? `${DEPLOY_APP_NAME}: ${migration}` : DEPLOY_APP_NAME;
  return name.replace(/[^\x20-\x7e]/g, '?').slice(0, 63);
}
