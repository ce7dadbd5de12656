/**
 * The lines a GitHub runner would execute as workflow commands: it reads stdout and stderr
 * line by line (.NET ReadLine: \n, \r\n or a lone \r), trims leading whitespace (.NET's
 * TrimStart: Unicode spaces and NEL), and runs a line starting with `::` or `##[`.
 */
export function workflowCommandLines(output: string): string[] {
  return output
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^[\s\u0085]+/, ''))
    .filter((l) => l.startsWith('::') || l.startsWith('##['));
}

/** Folder-name payloads that try to run a command: each must come out as plain text. */
export const INJECTIONS = [
  '\n::add-mask::PWNED',
  '\r::stop-commands::PWNED',
  '\n  ::set-output name=result::PWNED',
  '\n##[add-mask]PWNED',
  '\u2028::notice::PWNED',
  '\r\n\u00a0::warning::PWNED',
];
