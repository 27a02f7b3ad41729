import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpeedscope } from '../../../src/core/formats/speedscope';
import { ProfileParseError } from '../../../src/core/errors';

/** A valid one-profile document; tests break one piece of it at a time. */
function doc(profile: Record<string, unknown>, frames: unknown[] = [{ name: 'a', file: '/a.py', line: 1 }, { name: 'b' }]) {
  return { shared: { frames }, profiles: [profile] };
}
function sampled(extra: Record<string, unknown> = {}) {
  return { type: 'sampled', name: 'p', unit: 'none', startValue: 0, endValue: 2, samples: [[0, 1], [0]], weights: [1, 1], ...extra };
}
function evented(events: unknown[], extra: Record<string, unknown> = {}) {
  return { type: 'evented', name: 'e', unit: 'none', startValue: 0, endValue: 10, events, ...extra };
}

/** Parses and expects a one-line ProfileParseError naming the file; returns the problem. */
function problem(input: unknown): string {
  try {
    parseSpeedscope(input, 'in.json');
  } catch (err) {
    assert.ok(err instanceof ProfileParseError, `expected ProfileParseError, got ${String(err)}`);
    assert.ok(err.message.startsWith('in.json: '));
    assert.ok(!err.message.includes('\n'), 'one line');
    return err.problem;
  }
  assert.fail('expected a ProfileParseError');
}

test('a document that is not an object is refused', () => {
  assert.equal(problem([1, 2]), 'the JSON document is an array, expected an object');
  assert.equal(problem(null), 'the JSON document is null, expected an object');
  assert.equal(problem(42), 'the JSON document is 42, expected an object');
});

test('JSON without a "profiles" array is said not to be a speedscope profile', () => {
  assert.match(problem({ nodes: [], samples: [] }), /^is JSON but not a speedscope profile \(no "profiles" array\)/);
});

test('missing or mistyped shared frames are named by their JSON path', () => {
  assert.equal(problem({ profiles: [] }), 'shared is missing, expected an object');
  assert.equal(problem({ profiles: [], shared: { frames: {} } }), 'shared.frames is an object, expected an array');
  assert.equal(problem(doc(sampled(), [{ name: 7 }])), 'shared.frames[0].name is 7, expected a string');
  assert.equal(problem(doc(sampled(), [{ name: 'a', line: '12' }])), 'shared.frames[0].line is the string "12", expected a line number');
  assert.equal(problem(doc(sampled(), [{ name: 'a', file: 3 }])), 'shared.frames[0].file is 3, expected a string');
});

test('an empty profiles array is refused', () => {
  assert.equal(problem({ shared: { frames: [] }, profiles: [] }), 'the speedscope file has no profiles');
});

test('an unknown profile type or unit is refused', () => {
  assert.equal(problem(doc(sampled({ type: 'cpuprofile' }))), 'profiles[0].type is the string "cpuprofile", expected "sampled" or "evented"');
  assert.match(problem(doc(sampled({ unit: 'furlongs' }))), /^profiles\[0\]\.unit is the string "furlongs", expected one of none, nanoseconds/);
});

test('start and end values must be numbers with the end not before the start', () => {
  assert.equal(problem(doc(sampled({ startValue: '0' }))), 'profiles[0].startValue is the string "0", expected a number');
  assert.equal(problem(doc(sampled({ endValue: -1 }))), 'profiles[0].endValue (-1) is less than its startValue (0)');
});

test('samples and weights of different lengths are refused', () => {
  assert.equal(problem(doc(sampled({ weights: [1] }))), 'profiles[0] has 2 samples but 1 weights');
});

test('frame indices out of range, fractional or of the wrong type are refused', () => {
  assert.equal(problem(doc(sampled({ samples: [[0, 2], [0]] }))), 'profiles[0].samples[0][1] is 2, expected a frame index from 0 to 1');
  assert.equal(problem(doc(sampled({ samples: [[-1], [0]] }))), 'profiles[0].samples[0][0] is -1, expected a frame index from 0 to 1');
  assert.equal(problem(doc(sampled({ samples: [[0.5], [0]] }))), 'profiles[0].samples[0][0] is 0.5, expected a frame index from 0 to 1');
  assert.equal(problem(doc(sampled({ samples: [['0'], [0]] }))), 'profiles[0].samples[0][0] is the string "0", expected a frame index from 0 to 1');
  assert.equal(problem(doc(sampled({ samples: [0, [0]] }))), 'profiles[0].samples[0] is 0, expected an array');
});

test('negative, NaN, infinite or non-numeric weights are refused', () => {
  assert.equal(problem(doc(sampled({ weights: [1, -3] }))), 'profiles[0].weights[1] is -3, expected a number ≥ 0');
  assert.equal(problem(doc(sampled({ weights: [Number.NaN, 1] }))), 'profiles[0].weights[0] is NaN, expected a number ≥ 0');
  assert.equal(problem(doc(sampled({ weights: [Infinity, 1] }))), 'profiles[0].weights[0] is Infinity, expected a number ≥ 0');
  assert.equal(problem(doc(sampled({ weights: [null, 1] }))), 'profiles[0].weights[0] is null, expected a number ≥ 0');
});

test('deeply nested arrays where a frame index belongs are refused, not a crash', () => {
  let deep: unknown = 0;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(problem(doc(sampled({ samples: [deep, [0]] }))), 'profiles[0].samples[0][0] is an array, expected a frame index from 0 to 1');
});

test('an evented close that does not match the innermost open frame is refused', () => {
  const events = [
    { type: 'O', frame: 0, at: 0 },
    { type: 'O', frame: 1, at: 1 },
    { type: 'C', frame: 0, at: 2 },
  ];
  assert.equal(problem(doc(evented(events))), 'profiles[0].events[2] closes frame 0 but frame 1 is the innermost open frame');
  assert.equal(problem(doc(evented([{ type: 'C', frame: 0, at: 0 }]))), 'profiles[0].events[0] closes frame 0 but no frame is open');
});

test('evented times that go backwards, bad event types and null events are refused', () => {
  const back = [
    { type: 'O', frame: 0, at: 5 },
    { type: 'C', frame: 0, at: 4 },
  ];
  assert.equal(problem(doc(evented(back))), 'profiles[0].events[1].at (4) is earlier than the event before it (5)');
  assert.equal(problem(doc(evented([{ type: 'X', frame: 0, at: 0 }]))), 'profiles[0].events[0].type is not "O" or "C"');
  assert.equal(problem(doc(evented([null]))), 'profiles[0].events[0] is null, expected an object');
});

test('frames still open after the last event are closed at the end value', () => {
  const p = parseSpeedscope(doc(evented([{ type: 'O', frame: 0, at: 4 }])), 'in.json');
  assert.deepEqual(p.stacks, [[0]]);
  assert.deepEqual(p.weights, [6]);
});

test('a 100,000-deep evented stack with time only at the bottom is read quickly', () => {
  const n = 100_000;
  const events: unknown[] = [];
  for (let i = 0; i < n; i++) events.push({ type: 'O', frame: i % 2, at: 0 });
  for (let i = n - 1; i >= 0; i--) events.push({ type: 'C', frame: i % 2, at: 1 });
  const p = parseSpeedscope(doc(evented(events)), 'in.json');
  assert.equal(p.stacks.length, 1);
  assert.equal(p.stacks[0].length, n);
});

test('a deep evented profile with time at every level is refused instead of expanding quadratically', () => {
  const n = 20_000;
  const events: unknown[] = [];
  for (let i = 0; i < n; i++) events.push({ type: 'O', frame: i % 2, at: i });
  for (let i = n - 1; i >= 0; i--) events.push({ type: 'C', frame: i % 2, at: 2 * n - i });
  assert.match(problem(doc(evented(events, { endValue: 3 * n }))), /^profiles\[0\] nests too deeply to expand/);
});

test('py-spy weights that are not all 1/rate stay in seconds without a rate', () => {
  const p = parseSpeedscope({ exporter: 'py-spy@0.4.3', ...doc(sampled({ unit: 'seconds', weights: [0.01, 0.02] })) }, 'in.json');
  assert.equal(p.meta.unit, 'seconds');
  assert.equal(p.meta.sampleRate, undefined);
  assert.deepEqual(p.weights, [0.01, 0.02]);
});

test('a memray speedscope export is a memory profile in bytes with the command line from its name', () => {
  // The layout `memray transform speedscope` (memray 1.20.0) writes: Memory (bytes) + Allocations (none).
  const memray = {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames: [{ name: 'main', file: '/m.py', line: 3 }] },
    profiles: [
      { type: 'sampled', name: 'Memory', unit: 'bytes', startValue: 0, endValue: 100, samples: [[0]], weights: [100] },
      { type: 'sampled', name: 'Allocations', unit: 'none', startValue: 0, endValue: 2, samples: [[0]], weights: [2] },
    ],
    name: 'python m.py',
    activeProfileIndex: 0,
    exporter: 'memray@1.20.0',
  };
  const p = parseSpeedscope(memray, 'm.json');
  assert.deepEqual(p.meta, {
    tool: 'memray',
    kind: 'memory',
    unit: 'bytes',
    commandLine: 'python m.py',
    details: { profiles: 1, exporter: 'memray@1.20.0', name: 'python m.py', skippedProfiles: 'Allocations (none)' },
  });
  assert.deepEqual(p.weights, [100]);
});

test('microsecond and nanosecond profiles are converted to seconds', () => {
  const p = parseSpeedscope(
    { shared: { frames: [{ name: 'a' }] }, profiles: [sampled({ unit: 'microseconds', samples: [[0]], weights: [250], endValue: 1000 }), sampled({ unit: 'nanoseconds', samples: [[0]], weights: [5e8], endValue: 2e9 })] },
    'in.json',
  );
  assert.equal(p.meta.unit, 'seconds');
  assert.deepEqual(p.weights, [0.50025]);
  assert.equal(p.meta.durationSec, 2);
});
