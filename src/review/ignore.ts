/**
 * `-- prisma-drift-gate-ignore <rule>[, <rule>]`: in the comment block right above a statement
 * it silences those rules for that statement; anywhere else above the first statement, for the
 * whole file. A comment is text for people, so a plain pattern is the right reader here.
 */
const IGNORE = /--\s*prisma-drift-gate-ignore\s+([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)/;

export interface Ignores {
  file: Set<string>;
  /** Per statement, in order. */
  statements: Set<string>[];
}

export function readIgnores(leadings: string[]): Ignores {
  const file = new Set<string>();
  const statements = leadings.map((leading, i) => {
    const lines = leading.replace(/\r\n/g, '\n').split('\n');
    // The last element is the start of the statement's own line.
    lines.pop();
    let above = lines.length;
    while (above > 0 && lines[above - 1]!.trim() !== '') above--;
    const own = new Set<string>();
    lines.forEach((line, n) => {
      const rules = rulesIn(line);
      if (n >= above) rules.forEach((r) => own.add(r));
      else if (i === 0) rules.forEach((r) => file.add(r));
    });
    return own;
  });
  return { file, statements };
}

function rulesIn(line: string): string[] {
  const m = IGNORE.exec(line);
  return m ? m[1]!.split(',').map((r) => r.trim()) : [];
}
