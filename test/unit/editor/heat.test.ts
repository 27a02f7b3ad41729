import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MIN_LINE_SHARE, HEAT_LEVELS, HEAT_THRESHOLDS, heatLevel } from '../../../src/core/editor/heat';

test('there are five heat levels with bounds at 2 %, 5 %, 10 % and 25 %', () => {
  assert.equal(HEAT_LEVELS, 5);
  assert.deepEqual(HEAT_THRESHOLDS, [0.02, 0.05, 0.1, 0.25]);
  assert.equal(DEFAULT_MIN_LINE_SHARE, 0.005);
});

test('a share just below the minimum line share gets no heat', () => {
  assert.equal(heatLevel(0.0049999), 0);
});

test('a share exactly at the minimum line share gets level 1', () => {
  assert.equal(heatLevel(0.005), 1);
});

test('each level starts exactly at its bound and ends just below the next', () => {
  assert.equal(heatLevel(0.0199999), 1);
  assert.equal(heatLevel(0.02), 2);
  assert.equal(heatLevel(0.0499999), 2);
  assert.equal(heatLevel(0.05), 3);
  assert.equal(heatLevel(0.0999999), 3);
  assert.equal(heatLevel(0.1), 4);
  assert.equal(heatLevel(0.2499999), 4);
  assert.equal(heatLevel(0.25), 5);
  assert.equal(heatLevel(1), 5);
});

test('shares computed from weights land on the bounds exactly', () => {
  assert.equal(heatLevel(2 / 100), 2);
  assert.equal(heatLevel(5 / 100), 3);
  assert.equal(heatLevel(10 / 100), 4);
  assert.equal(heatLevel(25 / 100), 5);
});

test('a custom minimum line share moves only the floor', () => {
  assert.equal(heatLevel(0.01, 0.03), 0);
  assert.equal(heatLevel(0.03, 0.03), 2);
  assert.equal(heatLevel(0.001, 0), 1);
});

test('nothing measured gets no heat, even with a zero minimum', () => {
  assert.equal(heatLevel(0, 0), 0);
  assert.equal(heatLevel(Number.NaN, 0), 0);
  assert.equal(heatLevel(-0.5, 0), 0);
});
