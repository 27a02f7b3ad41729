import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awaitTimingEnvironment, findAwaitTimingDir, isAwaitTimerFile, withoutAwaitTimerFrames } from '../../../src/core/awaitTiming';
import type { Profile } from '../../../src/core/model/profile';

test('the timer\'s files are recognised with full or short paths, and nothing else is', () => {
  assert.equal(isAwaitTimerFile('/ext/python/await_timing/profile_first_await_timing/timer.py'), true);
  assert.equal(isAwaitTimerFile('profile_first_await_timing/timer.py'), true);
  assert.equal(isAwaitTimerFile('C:\\ext\\python\\await_timing\\sitecustomize.py'), true);
  assert.equal(isAwaitTimerFile('/usr/lib/python3.11/sitecustomize.py'), false);
  assert.equal(isAwaitTimerFile('/app/my_profile_first_await_timing/x.py'), false);
  assert.equal(isAwaitTimerFile(undefined), false);
});

test('withoutAwaitTimerFrames joins each coroutine to the event loop and drops stacks of only timer frames', () => {
  const profile: Profile = {
    meta: { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 },
    frames: [
      { name: 'Handle._run', file: '/usr/lib/python3.11/asyncio/events.py', line: 80, kind: 'python' },
      { name: '_TimedCoroutine.send', file: '/ext/python/await_timing/profile_first_await_timing/timer.py', line: 75, kind: 'python' },
      { name: 'fetch_all', file: '/app/fetch.py', line: 79, kind: 'python' },
      { name: '<module>', file: '/ext/python/await_timing/sitecustomize.py', line: 40, kind: 'python' },
    ],
    stacks: [[0, 1, 2], [3, 1], [0]],
    weights: [5, 2, 3],
  };
  const out = withoutAwaitTimerFrames(profile);
  assert.deepEqual(out.stacks, [[0, 2], [0]]);
  assert.deepEqual(out.weights, [5, 3]);
  const plain: Profile = { ...profile, frames: [profile.frames[0]], stacks: [[0]], weights: [1] };
  assert.equal(withoutAwaitTimerFrames(plain), plain);
});

test('the launch environment puts the timer first on PYTHONPATH, keeps the user\'s, and names the awaits file', () => {
  const env = awaitTimingEnvironment({ PYTHONPATH: '/src', HOME: '/h' }, '/ext/python/await_timing', '/rec/p.speedscope.json', ':');
  assert.deepEqual(env, { PYTHONPATH: '/ext/python/await_timing:/src', HOME: '/h', PROFILE_FIRST_AWAITS: '/rec/p.speedscope.json.awaits.json' });
  assert.equal(awaitTimingEnvironment({ PYTHONPATH: '' }, '/t', '/p', ':').PYTHONPATH, '/t');
  assert.match(findAwaitTimingDir(), /[\\/]python[\\/]await_timing$/);
});
