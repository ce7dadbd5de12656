/**
 * Just enough Prisma schema syntax to read the datasource and generator blocks.
 * Comments and string contents are blanked to spaces so that positions in the
 * masked text are positions in the original, and commented-out blocks vanish.
 */
export function maskCommentsAndStrings(text: string): string {
  // Fast path: most of a schema is plain text; copy runs between comments and strings.
  if (!text.includes('//') && !text.includes('"')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += '"' + blank(text.slice(i + 1, j)) + (text[j] === '"' ? '"' : '');
      i = text[j] === '"' ? j + 1 : j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

export interface Block {
  kind: string;
  name: string;
  /** Offsets of the body, between the braces. */
  start: number;
  end: number;
}

export function findBlocks(masked: string, kind: 'datasource' | 'generator'): Block[] {
  const blocks: Block[] = [];
  const re = new RegExp(`(^|\\n)[ \\t]*${kind}[ \\t]+(\\w+)[ \\t]*\\{`, 'g');
  for (const m of masked.matchAll(re)) {
    const start = m.index! + m[0].length;
    const close = masked.indexOf('}', start);
    blocks.push({ kind, name: m[2]!, start, end: close === -1 ? masked.length : close });
  }
  return blocks;
}

export interface Property {
  key: string;
  /** Offsets of the whole `key = value` text. */
  start: number;
  end: number;
  valueStart: number;
}

/** Top-level `key = value` properties of a block; a value may span lines inside [ ]. */
export function blockProperties(masked: string, block: Block): Property[] {
  const props: Property[] = [];
  const re = /(^|\n)[ \t]*(\w+)[ \t]*=/g;
  const body = masked.slice(block.start, block.end);
  for (const m of body.matchAll(re)) {
    const start = block.start + m.index! + m[1]!.length;
    const valueStart = block.start + m.index! + m[0].length;
    props.push({ key: m[2]!, start, end: valueEnd(masked, valueStart, block.end), valueStart });
  }
  return props;
}

function valueEnd(masked: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = masked[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === '\n' && depth <= 0) return i;
  }
  return limit;
}
