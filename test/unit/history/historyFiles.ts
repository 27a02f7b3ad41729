/** Recordings on disk for the history tests: a profile file plus the sidecar the capture code writes. */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecordingSidecar } from '../../../src/core/capture/recordingFiles';
import { writeMemraySidecar } from '../../../src/core/capture/memrayFiles';

/** A fresh folder under the OS temp folder; removed by the returned function. */
export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A py-spy recording of `script` started at `startedAt`, with the sidecar fields PySpyRecording writes. */
export async function writeCpuRecording(dir: string, name: string, script: string, startedAt: string, extra: { git?: { commit: string; dirty: boolean } } = {}): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, '{"$schema":"https://www.speedscope.app/file-format-schema.json"}');
  await writeRecordingSidecar(file, {
    tool: 'py-spy',
    kind: 'cpu',
    sampleRate: 100,
    durationSec: 2.413,
    commandLine: `/usr/bin/python3 ${script}`,
    script,
    args: [],
    interpreter: '/usr/bin/python3',
    ...extra,
    startedAt,
    pid: 4242,
    mode: 'launch',
    recordedWith: `py-spy record -o ${file} -- /usr/bin/python3 ${script}`,
  });
  return file;
}

/** A memray recording of `script`, with the sidecar fields MemrayRecording writes. */
export async function writeMemoryRecording(dir: string, name: string, script: string, startedAt: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from([0x04, 0x22, 0x4d, 0x18]));
  await writeMemraySidecar(file, {
    tool: 'memray',
    kind: 'memory',
    interpreter: '/usr/bin/python3',
    durationSec: 0.84,
    commandLine: `/usr/bin/python3 ${script}`,
    script,
    args: ['--size', '3'],
    startedAt,
    pid: 5151,
    mode: 'launch',
    options: { native: false },
    recordedWith: `python3 -m memray run -o ${file} ${script}`,
  });
  return file;
}

/** A profile without a sidecar, last modified at `mtime`. */
export function writeBareProfile(dir: string, name: string, mtime: Date): string {
  const file = join(dir, name);
  writeFileSync(file, 'a;b 1\n');
  utimesSync(file, mtime, mtime);
  return file;
}
