import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProfileMeta } from '../../../src/core/model/profile';
import { describeTotal, describeWeight, formatCount, formatInUnit, shareNoun } from '../../../src/core/view/describeWeight';
import { visibleText } from '../../../src/core/view/visibleText';

const samplesAt100: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 };
const samplesNoRate: ProfileMeta = { tool: 'collapsed', kind: 'cpu', unit: 'samples' };
const seconds: ProfileMeta = { tool: 'speedscope', kind: 'cpu', unit: 'seconds' };
const bytes: ProfileMeta = { tool: 'memray', kind: 'memory', unit: 'bytes' };

describe('describeWeight', () => {
  it('shows samples, share and seconds when the sampling rate is known', () => {
    assert.equal(describeWeight(1234, 10000, samplesAt100), '1,234 samples · 12.3 % · 12.34 s');
  });

  it('never shows seconds for samples without a recorded rate', () => {
    assert.equal(describeWeight(1234, 10000, samplesNoRate), '1,234 samples · 12.3 %');
  });

  it('says "sample" for one', () => {
    assert.equal(formatInUnit(1, samplesNoRate), '1 sample');
  });

  it('shows weights in seconds as durations', () => {
    assert.equal(describeWeight(0.25, 1, seconds), '250 ms · 25.0 %');
  });

  it('shows memory in binary units', () => {
    assert.equal(describeWeight(3 * 1024 * 1024, 12 * 1024 * 1024, bytes), '3.0 MiB · 25.0 %');
  });
});

describe('describeTotal', () => {
  it('gives the recording time and rate for sampled CPU profiles', () => {
    assert.equal(describeTotal(10523, samplesAt100), '10,523 samples (105 s at 100 Hz)');
  });

  it('gives samples alone when the rate is unknown', () => {
    assert.equal(describeTotal(42, samplesNoRate), '42 samples');
  });

  it('says "allocated" for memory', () => {
    assert.equal(describeTotal(1536, bytes), '1.5 KiB allocated');
  });
});

describe('shareNoun and formatCount', () => {
  it('names what a share is a share of, per unit', () => {
    assert.deepEqual([samplesAt100, seconds, bytes].map(shareNoun), ['samples', 'time', 'memory']);
  });

  it('groups thousands', () => {
    assert.equal(formatCount(1234567), '1,234,567');
  });
});

describe('visibleText', () => {
  it('shows bidi controls as markers so a name cannot read backwards', () => {
    assert.equal(visibleText('safe\u202Eexe.txt'), 'safe⟨U+202E⟩exe.txt');
    assert.equal(visibleText('a\u2066b\u2069\u200F'), 'a⟨U+2066⟩b⟨U+2069⟩⟨U+200F⟩');
  });

  it('leaves other text alone, markup included', () => {
    assert.equal(visibleText('<img src=x> résumé 日本'), '<img src=x> résumé 日本');
  });
});
