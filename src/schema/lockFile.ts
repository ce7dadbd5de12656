import * as path from 'node:path';
import { fail, ok, pathSlot, type Result } from '../problem';
import { readRepoFile, realRoot } from '../repoFiles';
import { withoutBom } from '../sql/utf8';
import { normaliseProvider, type Provider } from './provider';

export const LOCK_FILE_NAME = 'migration_lock.toml';

type Parsed = { ok: true; provider?: string; line?: number } | { ok: false; line: number; reason: string };

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/**
 * The subset of TOML that Prisma writes into migration_lock.toml: `key = "string"` lines, `#` comments and
 * blank lines. Prisma itself only looks for a line starting `provider = `, so a typo or a second provider left
 * by a merge goes unseen there; here anything outside that subset is refused with its line.
 */
export function parseLockFile(text: string): Parsed {
  const seen = new Map<string, number>();
  let provider: { value: string; line: number } | undefined;
  const lines = withoutBom(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const content = lines[i]!.replace(/\r$/, '');
    const pair = /^[ \t]*(?:([A-Za-z0-9_-]+)[ \t]*=[ \t]*)?/.exec(content)!;
    const key = pair[1];
    let rest = content.slice(pair[0].length);
    if (key !== undefined) {
      const value = readString(rest);
      if (typeof value === 'string') return { ok: false, line, reason: value };
      rest = rest.slice(value.length);
      if (seen.has(key)) {
        const before = seen.get(key)!;
        const reason =
          key === 'provider' && provider!.value !== value.value
            ? `a second provider ("${value.value}"; line ${before} says "${provider!.value}")`
            : `"${key}" is set twice (also on line ${before})`;
        return { ok: false, line, reason };
      }
      seen.set(key, line);
      if (key === 'provider') provider = { value: value.value, line };
    }
    if (!/^[ \t]*(#.*)?$/.test(rest)) {
      return { ok: false, line, reason: key === undefined ? 'not a key = "string" line' : 'text after the value' };
    }
  }
  return provider ? { ok: true, provider: normaliseProvider(provider.value), line: provider.line } : { ok: true };
}

/** A TOML basic ("…") or literal ('…') string at the start of `text`: its value and length, or why not. */
function readString(text: string): { value: string; length: number } | string {
  const quote = text[0];
  if (quote !== '"' && quote !== "'") return 'the value is not a quoted string';
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return { value, length: i + 1 };
    if (c === '\\' && quote === '"') {
      const e = text[++i] ?? '';
      const hex = e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const digits = text.slice(i + 1, i + 1 + hex);
      if (hex && /^[0-9A-Fa-f]+$/.test(digits) && digits.length === hex) {
        const code = parseInt(digits, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return `\\${e}${digits} is not a character`;
        value += String.fromCodePoint(code);
        i += hex;
      } else if (ESCAPES[e] !== undefined) value += ESCAPES[e];
      else return `unknown escape \\${e}`;
    } else value += c;
  }
  return 'the string has no closing quote';
}

/** The provider migration_lock.toml names (normalised); undefined without the file or a provider line. */
export function readLockedProvider(migrationsDir: string): Result<string | undefined> {
  const file = path.join(migrationsDir, LOCK_FILE_NAME);
  // Read as the repository's other files are: a regular UTF-8 file inside the migrations folder.
  const read = readRepoFile(file, realRoot(migrationsDir), LOCK_FILE_NAME);
  if (!read.ok) return read;
  if (read.value.kind === 'missing') return ok(undefined);
  const parsed = parseLockFile(read.value.text);
  if (parsed.ok) return ok(parsed.provider);
  return fail({
    file,
    line: parsed.line,
    message:
      `${pathSlot(file)}:${parsed.line}: ${parsed.reason}. Prisma's lock file holds one line provider = "<provider>" ` +
      `(and # comments); fix that line, e.g. to the provider of the schema's datasource.`,
  });
}

/** The provider a migration_lock.toml text names (normalised); undefined when it names none or is malformed. */
export function lockedProviderIn(text: string): string | undefined {
  const parsed = parseLockFile(text);
  return parsed.ok ? parsed.provider : undefined;
}

/**
 * migration_lock.toml records the provider the history was written for. A missing lock
 * file is allowed (hand-made histories lack it); a different provider is not, because
 * the chain's SQL would be replayed in the wrong dialect.
 */
export function checkLockedProvider(
  locked: string | undefined,
  migrationsDir: string,
  provider: Provider,
): Result<void> {
  if (locked === undefined || locked === provider) return ok(undefined);
  const file = path.join(migrationsDir, LOCK_FILE_NAME);
  return fail({
    file,
    message:
      `${pathSlot(file)}: the migrations were written for provider "${locked}" but the ` +
      `schema's datasource says "${provider}". Make them agree (a provider switch needs a new migration history).`,
  });
}
