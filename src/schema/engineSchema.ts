import type { SchemaFile } from './locate';
import { blockProperties, findBlocks, maskCommentsAndStrings } from './prismaSyntax';

/**
 * Prisma 5/6 schemas carry `url`, `directUrl` and `shadowDatabaseUrl` in the datasource
 * and preview features that Prisma 7 has promoted or removed; the Prisma 7 engine
 * rejects both (P1012). We blank them out for the engine only, keeping every newline so
 * that the engine's file:line in error messages still points at the user's file.
 */
const DROPPED_DATASOURCE_KEYS = new Set(['url', 'directUrl', 'shadowDatabaseUrl']);

/** The preview features the pinned engine (7.10.0) still knows; any other is dropped. */
export const ENGINE_PREVIEW_FEATURES = new Set([
  'nativeDistinct',
  'partialIndexes',
  'postgresqlExtensions',
  'relationJoins',
  'schemaEngineDriverAdapters',
  'shardKeys',
  'strictUndefinedChecks',
  'typedSql',
  'views',
]);

export function schemaForEngine(files: SchemaFile[]): SchemaFile[] {
  return files.map((f) => ({ path: f.path, content: rewrite(f.content) }));
}

function rewrite(content: string): string {
  const masked = maskCommentsAndStrings(content);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const block of findBlocks(masked, 'datasource')) {
    for (const p of blockProperties(masked, block)) {
      if (DROPPED_DATASOURCE_KEYS.has(p.key))
        edits.push({ start: p.start, end: p.end, text: keepNewlines(content.slice(p.start, p.end)) });
    }
  }
  for (const block of findBlocks(masked, 'generator')) {
    for (const p of blockProperties(masked, block)) {
      if (p.key !== 'previewFeatures') continue;
      const original = content.slice(p.start, p.end);
      const known = [...original.matchAll(/"([^"]*)"/g)]
        .map((m) => m[1]!)
        .filter((f) => ENGINE_PREVIEW_FEATURES.has(f));
      const replacement = `previewFeatures = [${known.map((f) => JSON.stringify(f)).join(', ')}]`;
      edits.push({ start: p.start, end: p.end, text: replacement + '\n'.repeat(countNewlines(original)) });
    }
  }
  let out = content;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const countNewlines = (s: string) => (s.match(/\n/g) ?? []).length;
const keepNewlines = (s: string) => '\n'.repeat(countNewlines(s));

/** Extensions declared with the postgresqlExtensions preview feature, so PGlite can load them up front. */
export function declaredExtensions(files: SchemaFile[]): string[] {
  const names: string[] = [];
  for (const f of files) {
    const masked = maskCommentsAndStrings(f.content);
    for (const block of findBlocks(masked, 'datasource')) {
      const prop = blockProperties(masked, block).find((p) => p.key === 'extensions');
      if (!prop) continue;
      const value = f.content
        .slice(prop.valueStart, prop.end)
        .trim()
        .replace(/^\[|\]$/g, '');
      for (const item of splitTopLevel(value)) {
        const name = /^\s*(\w+)/.exec(item)?.[1];
        if (name) names.push(/map\s*:\s*"([^"]+)"/.exec(item)?.[1] ?? name);
      }
    }
  }
  return names;
}

function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of list) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items;
}
