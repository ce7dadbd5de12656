import { splitStatements, tokens, type Statement } from '../sql/tokens';

/** How a COPY statement moves its rows, read from its top-level words (not inside a `(SELECT …)`). */
export type CopyEndpoint = 'program' | 'stdin';

/**
 * The first COPY of a script that reads from the client (`FROM STDIN`) or runs a program (`FROM/TO PROGRAM`).
 * Read with the tokeniser, so a string, a comment or a quoted name that holds those words is not one.
 */
export function findClientCopy(sql: string, kind: CopyEndpoint): Statement | undefined {
  return splitStatements(sql, 'postgresql').find((stmt) => copyEndpoints(stmt.text).includes(kind));
}

function copyEndpoints(text: string): CopyEndpoint[] {
  const words: string[] = [];
  let depth = 0;
  for (const tok of tokens(text, 'postgresql')) {
    const t = text.slice(tok.start, tok.end);
    if (tok.kind === 'other' && t === '(') depth++;
    else if (tok.kind === 'other' && t === ')') depth--;
    else if (depth === 0) words.push(tok.kind === 'word' ? t.toUpperCase() : '');
    if (words.length === 1 && words[0] !== 'COPY') return [];
  }
  const found: CopyEndpoint[] = [];
  for (let i = 1; i < words.length; i++) {
    const direction = words[i - 1] === 'FROM' || words[i - 1] === 'TO';
    if (direction && words[i] === 'PROGRAM') found.push('program');
    if (words[i - 1] === 'FROM' && words[i] === 'STDIN') found.push('stdin');
  }
  return found;
}
