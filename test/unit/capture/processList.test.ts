import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuPercentBetween, isPythonExecutable, parseEtime, parsePasswd, parseProcCmdline, parsePsOutput, processAgeSec } from '../../../src/core/capture/processList';
import { parseProcStat } from '../../../src/core/capture/processTree';

// Real macOS `ps -axo pid=,pcpu=,etime=,command=` shape (right-aligned numbers, etime forms).
const PS = [
  '    1   0.0 01-02:03:04 /sbin/launchd',
  '  412  97.3       12:34 /Library/Frameworks/Python.framework/Versions/3.12/Resources/Python.app/Contents/MacOS/Python server.py --port 8000',
  '  977   3.1       00:05 python3 -m http.server',
  '  978   0.0    02:00:01 /usr/local/bin/python3.11 worker.py',
  '  990  50.0       00:09 /usr/local/bin/py-spy record --pid 412',
  '  991  12,5       00:09 /opt/venv/bin/python /opt/venv/bin/py-spy record --pid 977',
  '  992   1.0       00:01 /bin/zsh -c python3 x.py',
].join('\n');

test('ps output: only Python processes, py-spy excluded, busiest first, etime in seconds', () => {
  assert.deepEqual(parsePsOutput(PS), [
    { pid: 412, commandLine: '/Library/Frameworks/Python.framework/Versions/3.12/Resources/Python.app/Contents/MacOS/Python server.py --port 8000', cpuPercent: 97.3, ageSec: 754 },
    { pid: 977, commandLine: 'python3 -m http.server', cpuPercent: 3.1, ageSec: 5 },
    { pid: 978, commandLine: '/usr/local/bin/python3.11 worker.py', cpuPercent: 0, ageSec: 7201 },
  ]);
});

test('ps output: excluded PIDs are left out', () => {
  assert.deepEqual(parsePsOutput(PS, new Set([412, 977])).map((p) => p.pid), [978]);
});

test('etime forms mm:ss, hh:mm:ss and dd-hh:mm:ss', () => {
  assert.equal(parseEtime('00:05'), 5);
  assert.equal(parseEtime('02:00:01'), 7201);
  assert.equal(parseEtime('01-02:03:04'), 93784);
  assert.equal(parseEtime('bad'), undefined);
});

test('Python executables are recognised by basename', () => {
  for (const yes of ['python', 'python3', 'python3.11', '/usr/bin/python3.13', 'pythonw', 'C:\\Py\\python.exe', '/usr/bin/python3.11 (deleted)']) assert.ok(isPythonExecutable(yes), yes);
  for (const no of ['py-spy', 'ipython', 'python-config', '/bin/bash', 'mypython3']) assert.ok(!isPythonExecutable(no), no);
});

test('/proc cmdline splits on NUL and keeps empty arguments', () => {
  assert.deepEqual(parseProcCmdline('python3\0app.py\0\0--x\0'), ['python3', 'app.py', '', '--x']);
});

test('/proc stat survives a command name with spaces and parentheses', () => {
  const line = '4242 (python3 (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 3 0 123456 1000 100 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';
  const stat = parseProcStat(line);
  assert.deepEqual(stat, { pid: 4242, comm: 'python3 (x) y', state: 'S', ppid: 1, pgrp: 4242, utime: 150, stime: 50, starttime: 123456 });
});

test('CPU % is CPU ticks over wall time between two samples', () => {
  const before = parseProcStat('1 (python3) R 0 1 1 0 -1 0 0 0 0 0 100 20 0 0 20 0 1 0 500 0 0')!;
  const after = parseProcStat('1 (python3) R 0 1 1 0 -1 0 0 0 0 0 115 25 0 0 20 0 1 0 500 0 0')!;
  assert.equal(cpuPercentBetween(before, after, 0.2), 100); // 20 ticks = 0.2 s in 0.2 s
  assert.equal(cpuPercentBetween(before, after, 0.4), 50);
  assert.equal(processAgeSec(after, 65), 60); // started 5 s after boot, uptime 65 s
});

test('passwd maps uids to names', () => {
  assert.deepEqual([...parsePasswd('root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\n# comment\n')], [[0, 'root'], [65534, 'nobody']]);
});
