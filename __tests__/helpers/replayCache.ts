import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import type { CheckReport } from '../../src/check';

/**
 * The report as --json prints it, without what may differ between a cold and a warm run: `timings`,
 * and each migration's `durationMs` and `cached` (tests assert the flags separately).
 */
export function comparable(report: CheckReport): string {
  const migrations = report.migrations.map(({ name, checksum }) => ({ name, checksum }));
  return JSON.stringify({ ...report, migrations, timings: undefined }, null, 2);
}

const MAGIC = 'prisma-drift-gate replay cache 1\n';

/** An entry's parts, to forge one as a pull request could. */
export function readEntry(file: string): { header: Record<string, unknown>; payload: Buffer } {
  const bytes = fs.readFileSync(file);
  const end = bytes.indexOf(0x0a, MAGIC.length);
  return { header: JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')), payload: bytes.subarray(end + 1) };
}

/** Writes an entry whose header's hash and size match its payload (a forged entry, not a damaged one). */
export function writeEntry(file: string, header: Record<string, unknown>, state: Buffer): void {
  const payload = zlib.gzipSync(state);
  const sha256 = createHash('sha256').update(payload).digest('hex');
  const head = JSON.stringify({ ...header, bytes: payload.length, sha256 });
  fs.writeFileSync(file, Buffer.concat([Buffer.from(MAGIC + head + '\n'), payload]));
}
