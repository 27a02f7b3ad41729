import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideAttach, gatherAttachFacts, hasCapSysPtrace, parseProcStatus, type AttachFacts, type TextFileReader } from '../../../src/core/capture/attachDiagnosis';

const cmd = ['/venv/bin/py-spy', 'record', '--pid', '300'];
const base: AttachFacts = { platform: 'linux', pid: 300, targetExists: true, targetUids: [1000, 1000, 1000, 1000], ourUid: 1000, hasCapSysPtrace: false, ptraceScope: 1, inContainer: false };

/** /proc as a map of file → text; anything else is absent. */
function fakeProc(files: Record<string, string>): TextFileReader {
  return async (file) => files[file];
}
const status = (uid: number, capEff: string): string => `Name:\tpython3\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\nGid:\t${uid}\t${uid}\t${uid}\t${uid}\nCapEff:\t${capEff}\n`;

test('CapEff bit 19 is CAP_SYS_PTRACE', () => {
  assert.equal(hasCapSysPtrace(parseProcStatus(status(0, '000001fffeffffff')).capEff), true);
  assert.equal(hasCapSysPtrace(parseProcStatus(status(0, '00000000a80425fb')).capEff), false); // Docker's default set
  assert.equal(hasCapSysPtrace(parseProcStatus(status(0, '0000000000080000')).capEff), true);
  assert.equal(hasCapSysPtrace(undefined), false);
});

test('ptrace_scope 1 without the capability refuses, with the sudo command first', () => {
  const d = decideAttach(base, cmd);
  assert.equal(d.allowed, false);
  assert.match(d.reason, /ptrace_scope = 1/);
  assert.equal(d.suggestedCommand, 'sudo env "PATH=$PATH" /venv/bin/py-spy record --pid 300');
  assert.ok(d.alternatives.includes('sudo setcap cap_sys_ptrace+ep /venv/bin/py-spy'));
  assert.ok(d.alternatives.includes('echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope'));
});

test('ptrace_scope 0 lets a user attach to their own process', () => {
  assert.equal(decideAttach({ ...base, ptraceScope: 0 }, cmd).allowed, true);
});

test('a missing Yama file means classic rules: same user allowed, other user refused', () => {
  assert.equal(decideAttach({ ...base, ptraceScope: undefined }, cmd).allowed, true);
  const other = decideAttach({ ...base, ptraceScope: undefined, targetUids: [0, 0, 0, 0] }, cmd);
  assert.equal(other.allowed, false);
  assert.match(other.reason, /belongs to another user \(uid 0\/0\/0\/0, you are 1000\)/);
});

test('a setuid target (saved uid differs) is another user too', () => {
  assert.equal(decideAttach({ ...base, ptraceScope: 0, targetUids: [1000, 0, 0, 0] }, cmd).allowed, false);
});

test('CAP_SYS_PTRACE allows scopes 1 and 2 but not 3', () => {
  assert.equal(decideAttach({ ...base, hasCapSysPtrace: true, ptraceScope: 1 }, cmd).allowed, true);
  assert.equal(decideAttach({ ...base, hasCapSysPtrace: true, ptraceScope: 2 }, cmd).allowed, true);
  const locked = decideAttach({ ...base, hasCapSysPtrace: true, ptraceScope: 3 }, cmd);
  assert.equal(locked.allowed, false);
  assert.match(locked.reason, /until reboot/);
});

test('root in a container without the capability is told about --cap-add SYS_PTRACE first', () => {
  const d = decideAttach({ ...base, ourUid: 0, targetUids: [0, 0, 0, 0], inContainer: true }, cmd);
  assert.equal(d.allowed, false);
  assert.match(d.reason, /root in a container without CAP_SYS_PTRACE/);
  assert.match(d.alternatives[0], /--cap-add SYS_PTRACE/);
  assert.match(d.suggestedCommand ?? '', /^sudo env/);
});

test('a target that does not exist is reported as such, not as a permission problem', () => {
  const d = decideAttach({ ...base, targetExists: false }, cmd);
  assert.deepEqual([d.allowed, d.processMissing, d.reason], [false, true, 'Process 300 is not running.']);
});

test('macOS needs root; root is allowed', () => {
  const mac = decideAttach({ ...base, platform: 'darwin' }, cmd);
  assert.equal(mac.allowed, false);
  assert.equal(mac.suggestedCommand, 'sudo /venv/bin/py-spy record --pid 300');
  assert.equal(decideAttach({ ...base, platform: 'darwin', ourUid: 0 }, cmd).allowed, true);
});

test('facts come from /proc: target uids, our CapEff, ptrace_scope, container hints', async () => {
  const facts = await gatherAttachFacts(
    300,
    fakeProc({
      '/proc/300/status': status(1001, '0000000000000000'),
      '/proc/self/status': status(1000, '0000000000000000'),
      '/proc/sys/kernel/yama/ptrace_scope': '2\n',
      '/proc/self/cgroup': '0::/docker/abc123\n',
    }),
    'linux',
    1000,
  );
  assert.deepEqual(facts, { platform: 'linux', pid: 300, targetExists: true, targetUids: [1001, 1001, 1001, 1001], ourUid: 1000, hasCapSysPtrace: false, ptraceScope: 2, inContainer: true });
});

test('an absent Yama file and an absent target are read as undefined scope and a missing process', async () => {
  const facts = await gatherAttachFacts(5, fakeProc({ '/proc/self/status': status(0, '000001ffffffffff') }), 'linux', 0);
  assert.equal(facts.ptraceScope, undefined);
  assert.equal(facts.targetExists, false);
  assert.equal(facts.hasCapSysPtrace, true);
  assert.equal(facts.inContainer, false);
});
