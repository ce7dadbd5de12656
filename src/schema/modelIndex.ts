import type { SchemaFile } from './locate';
import { lineFinder } from '../sql/tokens';
import { maskCommentsAndStrings } from './prismaSyntax';

export interface FieldInfo {
  name: string;
  /** The column name: `@map("…")`, else the field name. */
  dbName: string;
  line: number;
  hasDefault: boolean;
}

export interface ModelInfo {
  kind: 'model' | 'enum';
  name: string;
  /** The table or enum type name: `@@map("…")`, else the model name. */
  dbName: string;
  file: string;
  line: number;
  fields: FieldInfo[];
}

/**
 * Where each model and field is declared, keyed by the database names the engine's SQL and
 * summary use. Lets a report point at schema lines and tell Prisma-level defaults apart.
 */
export function indexSchema(files: SchemaFile[]): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const file of files) {
    const masked = maskCommentsAndStrings(file.content);
    const lineOf = lineFinder(file.content);
    for (const m of masked.matchAll(/(^|\n)[ \t]*(model|view|enum)[ \t]+(\w+)[ \t]*\{/g)) {
      const start = m.index! + m[0].length;
      const end = masked.indexOf('}', start);
      const body = file.content.slice(start, end === -1 ? undefined : end);
      const bodyMasked = masked.slice(start, end === -1 ? undefined : end);
      const kind = m[2] === 'enum' ? 'enum' : 'model';
      const info: ModelInfo = {
        kind,
        name: m[3]!,
        dbName: /@@map\(\s*(?:name\s*:\s*)?"([^"]+)"/.exec(body)?.[1] ?? m[3]!,
        file: file.path,
        line: lineOf(m.index! + m[1]!.length),
        fields: [],
      };
      if (kind === 'model') {
        let offset = 0;
        for (const rawLine of bodyMasked.split('\n')) {
          const field = /^\s*(\w+)\s+\w/.exec(rawLine);
          if (field) {
            const original = body.slice(offset, offset + rawLine.length);
            info.fields.push({
              name: field[1]!,
              dbName: /@map\(\s*(?:name\s*:\s*)?"([^"]+)"/.exec(original)?.[1] ?? field[1]!,
              line: lineOf(start + offset),
              hasDefault: /@default\(/.test(rawLine),
            });
          }
          offset += rawLine.length + 1;
        }
      }
      out.push(info);
    }
  }
  return out;
}

/** The first model (or, with `anyKind`, model or enum) whose table is `dbName`. */
export function findModel(index: ModelInfo[], dbName: string, anyKind = false): ModelInfo | undefined {
  return byDbName(index)[anyKind ? 'any' : 'model'].get(dbName);
}

interface ByDbName {
  model: Map<string, ModelInfo>;
  any: Map<string, ModelInfo>;
}
const lookups = new WeakMap<ModelInfo[], ByDbName>();

/**
 * Maps built once per index: the warnings and annotations look up a model per statement or
 * summary line, and a scan each time made them quadratic in the number of models.
 */
function byDbName(index: ModelInfo[]): ByDbName {
  let found = lookups.get(index);
  if (!found) {
    found = { model: new Map(), any: new Map() };
    for (const m of index) {
      // The first declaration wins, as Array.find did.
      if (!found.any.has(m.dbName)) found.any.set(m.dbName, m);
      if (m.kind === 'model' && !found.model.has(m.dbName)) found.model.set(m.dbName, m);
    }
    lookups.set(index, found);
  }
  return found;
}
