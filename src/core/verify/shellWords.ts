/**
 * Splits a command line such as `python3 bench.py --n "1 000"` into an argument vector with
 * POSIX shell quoting rules (XCU §2.2) — and nothing else: no shell runs the command (DESIGN.md:
 * argument arrays, never a shell string), so characters a shell would interpret are refused
 * instead of being passed on silently as arguments.
 */
import { CommandLineError } from './errors';

/** Characters a shell would interpret when unquoted: operators, expansions, globs. */
const SHELL_SPECIAL = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[']);
/** Special only at the start of a word: comment, tilde expansion. */
const WORD_START_SPECIAL = new Set(['#', '~']);
const WHITESPACE = new Set([' ', '\t', '\n']);
/** Inside double quotes a backslash escapes only these (XCU §2.2.3). */
const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);

/**
 * Splits a command line into words: blanks separate words; `\` quotes the next character (and
 * `\` + newline is removed); '…' is literal; "…" is literal except `\` before $ ` " \ newline;
 * adjacent parts join ("a"'b'c is one word) and "" is an empty word.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const fail = (at: number, problem: string): never => {
    throw new CommandLineError(line, at + 1, problem);
  };
  while (i < line.length) {
    const ch = line[i];
    if (WHITESPACE.has(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) fail(i, 'a backslash at the end of the command has nothing to quote');
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      }
      i += 2;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) fail(i, 'unterminated single quote');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) fail(line.lastIndexOf('"'), 'unterminated double quote');
        const c = line[i];
        if (c === '"') break;
        if (c === '\\' && i + 1 < line.length && DOUBLE_QUOTE_ESCAPABLE.has(line[i + 1])) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else if (c === '$' || c === '`') {
          fail(i, `'${c}' inside double quotes would be expanded by a shell, and no shell runs this command: use single quotes to pass it literally`);
        } else {
          word += c;
          i++;
        }
      }
      i++;
    } else if (SHELL_SPECIAL.has(ch) || (!inWord && WORD_START_SPECIAL.has(ch))) {
      fail(
        i,
        `unquoted '${ch}': the command runs without a shell, so pipes, redirections, variables, globs and ~ are not interpreted; ` +
          `quote it to pass it literally, or run a shell yourself: sh -c '…'`,
      );
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new CommandLineError(line, 1, 'the command is empty');
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    fail(0, `'${words[0]}' is an environment assignment, which needs a shell: write \`env ${words[0]} …\` instead`);
  }
  return words;
}

/** The inverse of splitCommandLine, for messages: words with special characters single-quoted. */
export function quoteCommandLine(argv: readonly string[]): string {
  return argv.map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}
