import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { JsonStreamError, JsonStreamParser, MAX_JSON_DEPTH } from '../../../src/core/formats/jsonStream';

/** Parses `text` fed in chunks of `size` bytes (1 cuts every token, escape and UTF-8 sequence). */
function parseInChunks(text: string | Buffer, size: number, shareIntegerArrays = false): unknown {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const parser = new JsonStreamParser({ shareIntegerArrays });
  for (let i = 0; i < bytes.length; i += size) parser.write(bytes.subarray(i, i + size));
  return parser.end();
}

const CHUNK_SIZES = [1, 2, 3, 5, 64, 1 << 20];

const VALID = [
  '{"a":[1,2,[3,4]],"b":{"c":"d\\u00e9\\n\\"q\\"\\\\","e":null,"f":true,"g":false}}',
  '[-0, 0, 1.5e-3, 12345678901234567890, 1E+2, 0.01, 2.5, -7, 123456789, 1234567890, 0.1234567890123456789]',
  '"é😀 \\ud83d\\ude00 tab\\t"',
  '  [ 1 , 2 ]  ',
  '[[], {}, [[]], [{}]]',
  '{"a":1,"a":2}',
  '{"__proto__":{"x":1}}',
  '[9007199254740993, 1e308, 5e-324, 123.456e-7]',
];

test('the stream parser gives what JSON.parse gives, however the bytes are cut', () => {
  for (const text of VALID) {
    for (const size of CHUNK_SIZES) {
      assert.deepStrictEqual(parseInChunks(text, size), JSON.parse(text), `${text} in chunks of ${size}`);
    }
  }
});

test('negative zero and a __proto__ key come back as JSON.parse makes them', () => {
  assert.ok(Object.is((parseInChunks('[-0]', 1) as number[])[0], -0));
  const doc = parseInChunks('{"__proto__":{"x":1}}', 1) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(doc), Object.prototype);
  assert.deepEqual(Object.keys(doc), ['__proto__']);
});

test('every real speedscope fixture parses to the same document as JSON.parse', () => {
  const dir = join(__dirname, '..', '..', 'fixtures', 'pyspy');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    for (const size of [7, 4096]) assert.deepStrictEqual(parseInChunks(bytes, size, true), JSON.parse(bytes.toString('utf8')), file);
  }
});

test('a UTF-8 byte-order mark before the document is skipped', () => {
  assert.deepEqual(parseInChunks('\ufeff{"a":1}', 64), { a: 1 });
});

test('invalid or truncated JSON is a JsonStreamError (a SyntaxError), as JSON.parse refuses it', () => {
  const invalid = ['', '{', '[1,]', '{"a":1,}', '01', '1.', '.5', '-', '+1', '1e', 'tru', 'truex', 'nul', '[1 2]', '{"a" 1}', '{1:2}', '"\u0001"', '"\\x"', '1 2', '[1]]', '{"a":}', 'NaN', '"abc', '[1,2', '[1,2,]'];
  for (const text of invalid) {
    assert.throws(() => JSON.parse(text), SyntaxError, `JSON.parse accepts ${JSON.stringify(text)}`);
    for (const size of [1, 3, 64]) {
      assert.throws(() => parseInChunks(text, size), (err: unknown) => err instanceof JsonStreamError && err instanceof SyntaxError, `${JSON.stringify(text)} in chunks of ${size}`);
    }
  }
});

test('a truncated document says where it ended', () => {
  assert.throws(() => parseInChunks('{"profiles":[1,2', 4), /Unexpected end of JSON input \(at byte 16\)/);
});

test('nesting deeper than the limit is refused instead of filling memory', () => {
  const deep = '['.repeat(MAX_JSON_DEPTH + 1);
  assert.throws(() => parseInChunks(deep, 1 << 20), /nested more than 1000 levels deep/);
  const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
  assert.doesNotThrow(() => parseInChunks(ok, 1 << 20));
});

test('with sharing, equal arrays of small integers become one object and other arrays stay apart', () => {
  const doc = parseInChunks('{"s":[[1,2,3],[4],[1,2,3],[1,2,3.5],[1,2,3.5],[],[]],"w":[1,2,3]}', 3, true) as { s: number[][]; w: number[] };
  assert.equal(doc.s[0], doc.s[2]);
  assert.equal(doc.s[0], doc.w);
  assert.notEqual(doc.s[3], doc.s[4]); // not all integers: never shared
  assert.deepEqual(doc.s[3], [1, 2, 3.5]);
  assert.equal(doc.s[5], doc.s[6]);
});

test('without sharing, equal arrays stay distinct objects', () => {
  const doc = parseInChunks('[[1,2],[1,2]]', 64) as number[][];
  assert.notEqual(doc[0], doc[1]);
});

test('decimals read without a string (py-spy weights such as 0.01) are the doubles JSON.parse gives', () => {
  let state = 7;
  const digit = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % 10;
  };
  const numbers: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const intDigits = 1 + (i % 8);
    const fracDigits = i % 9;
    let text = String(1 + (digit() % 9));
    for (let k = 1; k < intDigits; k++) text += digit();
    if (i % 3 === 0) text = '0';
    if (fracDigits > 0) text += `.${Array.from({ length: fracDigits }, digit).join('')}`;
    numbers.push(i % 5 === 0 ? `-${text}` : text);
  }
  const text = `[${numbers.join(',')}]`;
  assert.deepStrictEqual(parseInChunks(text, 1 << 20), JSON.parse(text));
  assert.deepStrictEqual(parseInChunks(text, 7), JSON.parse(text));
});
