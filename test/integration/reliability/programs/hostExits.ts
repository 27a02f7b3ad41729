/**
 * Stands in for the extension host when VS Code closes mid-recording: starts a py-spy or a
 * memray recording of `examples/cpu_hot.py 60 MARKER`, waits until the program runs, then
 * ends this process the way a closing window ends the host:
 * - `dispose`: the extension's subscriptions are disposed (deactivation), and the process
 *   exits right after, without waiting for the asynchronous cancel to finish;
 * - `exit`: the process exits with the recording still running (no deactivation at all).
 * Usage: node --import tsx hostExits.ts pyspy|memray dispose|exit PYSPY PYTHON OUTDIR MARKER
 */
import { join } from 'node:path';
import { MemrayRecording } from '../../../../src/core/capture/memrayRecording';
import { PySpyRecording } from '../../../../src/core/capture/pyspyRecording';

const [tool, how, pyspy, python, outDir, marker] = process.argv.slice(2);
const script = join(__dirname, '..', '..', '..', '..', 'examples', 'cpu_hot.py');
const target = { python, script, args: ['60', marker] };
const recording =
  tool === 'pyspy'
    ? PySpyRecording.launch({ pyspy, outputFile: join(outDir, 'host-exit.speedscope.json'), options: { rate: 100 }, target })
    : MemrayRecording.launch({ target, outputFile: join(outDir, 'host-exit.bin'), options: {} });
// Failures are the parent's to judge (from the processes left behind), not this stand-in's.
recording.result.catch(() => undefined);

setTimeout(() => {
  // Tell the parent the program ran long enough to be recorded, then end as a closing window does.
  process.stdout.write('recording\n');
  if (how === 'dispose') recording.dispose();
  process.exit(0);
}, 1500);
