import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFixed } from '../../../src/core/model/units';

test('toFixed gives exactly Number.prototype.toFixed, ties and edge values included', () => {
  const tricky = [0, -0, 0.05, 0.15, 0.25, 0.35, 0.45, 1.005, 1.015, 2.675, 8.345, 99.95, 0.049999, 12.3449999, 1e9, 999_999_999.95, -1.25, NaN, Infinity, 1e21];
  // A seeded generator (xorshift), so a failure replays.
  let seed = 0x2545f491;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  const values = [...tricky];
  for (let i = 0; i < 20_000; i++) {
    const r = next();
    values.push(r * 100, r * 1e6, Math.round(r * 1e4) / 1e4, Math.round(r * 1000) / 1000 + 0.05, Math.round(r * 100) / 100 + 0.005, i / 100 + 0.05);
  }
  let checked = 0;
  for (const v of values) {
    for (const digits of [0, 1, 2] as const) {
      assert.equal(toFixed(v, digits), v.toFixed(digits), `toFixed(${v}, ${digits})`);
      checked++;
    }
  }
  assert.equal(checked, (tricky.length + 120_000) * 3);
});
