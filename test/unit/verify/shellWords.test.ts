import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandLineError } from '../../../src/core/verify/errors';
import { quoteCommandLine, splitCommandLine } from '../../../src/core/verify/shellWords';

test('blanks separate words and runs of blanks count once', () => {
  assert.deepEqual(splitCommandLine('  python3   bench.py\t--n 10 '), ['python3', 'bench.py', '--n', '10']);
});

test('single quotes keep everything literally, including backslashes and dollars', () => {
  assert.deepEqual(splitCommandLine(`python3 -c 'print("$HOME \\n")'`), ['python3', '-c', 'print("$HOME \\n")']);
});

test('double quotes keep blanks and let a backslash escape only $ ` " and \\', () => {
  assert.deepEqual(splitCommandLine('echo "a  b" "say \\"hi\\"" "C:\\dir" "\\$5"'), ['echo', 'a  b', 'say "hi"', 'C:\\dir', '$5']);
});

test('a backslash outside quotes escapes the next character', () => {
  assert.deepEqual(splitCommandLine('python3 my\\ script.py \\|'), ['python3', 'my script.py', '|']);
});

test('adjacent quoted and unquoted parts join into one word and "" is an empty word', () => {
  assert.deepEqual(splitCommandLine(`prog --name="a b"'c' ""`), ['prog', '--name=a bc', '']);
});

test('a backslash before a newline continues the line', () => {
  assert.deepEqual(splitCommandLine('python3 \\\nbench.py'), ['python3', 'bench.py']);
});

test('an unterminated quote is an error that says which quote', () => {
  assert.throws(() => splitCommandLine(`python3 -c 'print(1)`), (err: unknown) => err instanceof CommandLineError && /unterminated single quote/.test(err.message) && err.column === 12);
  assert.throws(() => splitCommandLine('echo "abc'), /unterminated double quote/);
});

test('unquoted shell operators are refused because no shell runs the command', () => {
  for (const line of ['python3 a.py | grep x', 'python3 a.py > out', 'python3 a.py && true', 'python3 $SCRIPT', 'ls *.py', 'python3 ~/a.py', 'python3 a.py # note']) {
    assert.throws(() => splitCommandLine(line), (err: unknown) => err instanceof CommandLineError && /without a shell/.test(err.message), line);
  }
});

test('expansions inside double quotes are refused rather than passed literally', () => {
  assert.throws(() => splitCommandLine('echo "$HOME"'), /use single quotes/);
});

test('a tilde or hash inside a word is an ordinary character', () => {
  assert.deepEqual(splitCommandLine('prog a~b c#d'), ['prog', 'a~b', 'c#d']);
});

test('a leading environment assignment is refused with the env form as the fix', () => {
  assert.throws(() => splitCommandLine('PYTHONHASHSEED=0 python3 a.py'), /env PYTHONHASHSEED=0/);
});

test('an empty command is refused', () => {
  assert.throws(() => splitCommandLine('   '), /the command is empty/);
});

test('quoting an argument vector and splitting it again gives the same words', () => {
  const argv = ['/usr/bin/python3', '-c', `import sys; sys.exit("it's bad")`, '', 'a b', 'plain-word_1.py'];
  assert.equal(quoteCommandLine(argv), `/usr/bin/python3 -c 'import sys; sys.exit("it'\\''s bad")' '' 'a b' plain-word_1.py`);
  assert.deepEqual(splitCommandLine(quoteCommandLine(argv)), argv);
});
