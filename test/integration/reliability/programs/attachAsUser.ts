/**
 * Run as a non-root user by permissions.test.ts (bundled first, see asOtherUser.ts). Prints one
 * JSON object on stdout.
 *
 *   attach PYSPY PID OUTDIR    diagnoseAttach, then a real PySpyRecording.attach, on PID
 *   launch PYSPY PYTHON OUTDIR a launch recording into OUTDIR (which this user cannot write)
 */
import { join } from 'node:path';
import { diagnoseAttach } from '../../../../src/core/capture/attachDiagnosis';
import { buildAttachArgs } from '../../../../src/core/capture/pyspyArgs';
import { PySpyRecording } from '../../../../src/core/capture/pyspyRecording';

interface ErrorReport {
  readonly name: string;
  readonly message: string;
  readonly suggestedCommand?: string;
}

function report(err: unknown): ErrorReport {
  const e = err as Error & { suggestedCommand?: string };
  return { name: e.constructor.name, message: e.message, ...(e.suggestedCommand !== undefined && { suggestedCommand: e.suggestedCommand }) };
}

async function main(): Promise<unknown> {
  const [mode, pyspy, third, outDir] = process.argv.slice(2);
  const uid = process.getuid?.();
  if (mode === 'attach') {
    const pid = Number(third);
    const outputFile = join(outDir, 'attach.speedscope.json');
    const options = { rate: 100, durationSec: 1 };
    const command = [pyspy, ...buildAttachArgs(options, outputFile, pid)];
    const diagnosis = await diagnoseAttach(pid, command);
    try {
      const result = await PySpyRecording.attach({ pyspy, outputFile, options, pid }).result;
      return { uid, command, diagnosis, result: result.outcome };
    } catch (err) {
      return { uid, command, diagnosis, error: report(err) };
    }
  }
  if (mode === 'launch') {
    try {
      const rec = PySpyRecording.launch({ pyspy, outputFile: join(outDir, 'launch.speedscope.json'), options: { rate: 100 }, target: { python: third, script: '-c', args: ['pass'] } });
      return { uid, result: (await rec.result).outcome };
    } catch (err) {
      return { uid, error: report(err) };
    }
  }
  throw new Error(`unknown mode ${mode}`);
}

main().then(
  (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 3;
  },
);
