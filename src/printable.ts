/**
 * Text from the repository (folder names, statements, database messages quoting them) must
 * not steer the terminal or the runner. Control characters are shown escaped, never raw: a
 * newline would split a one-line message, and an ESC or OSC sequence would reach the terminal.
 */
// C0 and DEL; C1, the line and paragraph separators, and the bidirectional overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]|[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE_AND_TAB =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f]|[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(c: string): string {
  const code = c.charCodeAt(0);
  // \uXXXX for everything above ASCII: the same text is a valid escape inside a JSON string.
  return (
    NAMED[c] ?? (code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/** One line, whatever the input: every control character escaped. */
export const printable = (s: string): string => s.replace(CONTROL, escape);

/** A block of lines (SQL, a summary): newlines and tabs kept, every other control character escaped. */
export const printableLines = (s: string): string => s.replace(CONTROL_BUT_NEWLINE_AND_TAB, escape);

export const hasControl = (s: string): boolean => new RegExp(CONTROL.source).test(s);

/**
 * The runner reads every line a step prints, on stdout and stderr, and runs it as a workflow
 * command when it starts with `::` or `##[` after leading whitespace (add-mask, warning,
 * stop-commands, …). A line we print never has one of ours at its start, so any such line
 * came from the repository: it is shown behind a visible `›`, and the runner ignores it.
 */
export function withoutWorkflowCommands(text: string): string {
  // `^` with /m starts a line after \n, \r, U+2028 and U+2029: .NET's ReadLine also breaks at a lone \r.
  // The whitespace is .NET's TrimStart set (Unicode spaces, NEL).
  return text.replace(/^([\s\u0085]*)(::|##\[)/gm, '$1› $2');
}
