/**
 * readProfileFile reads raw/collapsed files on a byte path (forEachLineBytes + addLineBytes) that
 * decodes only new frames; parsePySpyRawText reads decoded text. Both must give the same profile
 * and the same error, whatever the bytes and however the stream is cut into chunks.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { forEachLineBytes } from '../../../src/core/formats/lineReader';
import { parsePySpyRawText, PySpyRawParser } from '../../../src/core/formats/pySpyRaw';
import type { Profile } from '../../../src/core/model/profile';

type Outcome = { profile: Profile } | { error: string };

/** The byte path as readProfileFile drives it, on `data` cut into chunks of `chunkBytes` (the sniffer left out). */
async function viaBytes(data: Buffer, source: string, chunkBytes: number): Promise<Outcome> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkBytes) chunks.push(data.subarray(i, i + chunkBytes));
  const parser = new PySpyRawParser(source);
  try {
    await forEachLineBytes(Readable.from(chunks), 64 * 1024 * 1024, (buf, latin1, start, end, line) => parser.addLineBytes(buf, latin1, start, end, line));
    return { profile: parser.finish() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function viaText(data: Buffer, source: string): Outcome {
  try {
    return { profile: parsePySpyRawText(data.toString('utf8'), source) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Checks the byte path against the text path for several chunk sizes; returns the text path's outcome. */
async function same(bytes: Buffer | string): Promise<Outcome> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const expected = viaText(data, 'x.txt');
  for (const chunkBytes of [1, 3, 7, 64, 1024 * 1024]) {
    assert.deepEqual(await viaBytes(data, 'x.txt', chunkBytes), expected, `chunks of ${chunkBytes} bytes`);
  }
  return expected;
}

test('ordinary py-spy lines, merged stacks and decimal counts read the same on both paths', async () => {
  const r = await same('a (/a.py:1);b (/b.py:2) 3\na (/a.py:1);b (/b.py:2) 4\na (/a.py:1);c (/c.py:9) 1.5\nmain;foo 2\n');
  assert.ok('profile' in r && r.profile.stacks.length === 3);
});

test('CRLF, a byte-order mark, blank lines, tabs and an empty stack read the same on both paths', async () => {
  await same('\ufeffa (/a.py:1) 2\r\n\r\n   \n\t\na (/a.py:1)\t5\r\n 3\n');
  await same('\ufeff 7\n');
  await same('\ufeff\n');
  await same('a 1\r\r\n');
});

test('empty segments, leading and trailing separators read the same on both paths', async () => {
  await same('a;;b 1\n;a;b 2\na;b; 3\n; 4\n;;; 5\na;b 6\n');
});

test('counts too long to sum exactly, and ones that are not numbers, read the same on both paths', async () => {
  await same(`a ${'9'.repeat(30)}\nb 123456789012345\nc 1234567890123456\n`);
  await same('a 1\nb 1.\n');
  await same('a 1\nb .5\n');
  await same('a 1\nb 1e3\n');
  await same('a 1\nb ١٢\n'); // Arabic-Indic digits are not \d
  await same('no count at all\n');
  await same('a;b\n');
});

test('non-ASCII names and paths, and invalid UTF-8, read the same on both paths', async () => {
  await same('módulo (/tmp/é.py:3);数 (/x/ü.py:4) 2\nmódulo (/tmp/é.py:3) 1\n');
  await same(Buffer.concat([Buffer.from('a (/a'), Buffer.from([0xff, 0xfe]), Buffer.from('.py:1);b (/b.py:2) 2\na (/a'), Buffer.from([0xc3]), Buffer.from('.py:1) 1\n')]));
  await same(Buffer.concat([Buffer.from('x'), Buffer.from([0xe2, 0x82]), Buffer.from(';y 1\n')]));
  await same(Buffer.from([0xef, 0xbb, 0x20, 0x31, 0x0a]));
});

test('thread and process pseudo-frames, with ASCII and non-ASCII names, read the same on both paths', async () => {
  await same('thread (9): w;x;run (/a.py:3) 5\nthread (9): w;x;run (/a.py:3) 1\nthread (10) 2\n');
  await same('process 7:"python -c "import x; x.run()" a;b (c d)";process 9:"child (1); x";thread (9): w;x;run (/a.py:3) 5\n');
  await same('thread (9): wörker;run (/a.py:3) 5\nthread (9): wörker;run (/a.py:3);go (/b.py:1) 1\n');
  await same('process 3:"python -c "a"; b";main (/m.py:1) 2\nmain (/m.py:1);thread (12) 1\n');
});

test('frames whose sampled characters agree but whose middles differ stay apart', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) lines.push(`fn_${String(i).padStart(4, '0')}_x (/same/path/to/mod.py:10);fn_AAAA_x (/same/path/to/mod.py:10) ${i + 1}`);
  const r = await same(`${lines.join('\n')}\n`);
  assert.ok('profile' in r && r.profile.frames.length === 301);
});

test('a missing final newline and a line across many chunks read the same on both paths', async () => {
  await same(`${'deep (/d.py:1);'.repeat(500)}leaf (/l.py:2) 9`);
});

test('the line limit counts characters, not bytes, on the byte path too', async () => {
  const lines = async (text: string, limit: number): Promise<string> => {
    const seen: string[] = [];
    try {
      await forEachLineBytes(Readable.from([Buffer.from(text.slice(0, 4)), Buffer.from(text.slice(4))]), limit, (buf, _latin1, start, end, line) => {
        seen.push(`${line}:${buf.toString('utf8', start, end)}`);
      });
      return seen.join(' ');
    } catch (err) {
      return `${seen.join(' ')} ! ${(err as Error).message}`;
    }
  };
  assert.equal(await lines('ééééé\nab\n', 5), '1:ééééé 2:ab');
  assert.equal(await lines('éééééé\nab\n', 5), ' ! line 1 is longer than 5 characters');
  assert.equal(await lines('ab\néééééééééééééééé', 5), '1:ab ! line 2 is longer than 5 characters');
});
