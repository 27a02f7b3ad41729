// What the extension does between py-spy writing its file and the panel showing it (the
// profileViewer + hot lines path): read and parse, aggregate lines and functions, build and prune
// the call tree, serialise the panel message. Run as its own process so the code is as cold as
// it is after a real recording; prints {"ms": N} for the bench.
//
//   node --import tsx bench/lib/processRecording.ts FILE
import { readProfileFile } from '../../src/core/formats/readProfileFile';
import { aggregateFunctions, aggregateLines } from '../../src/core/model/aggregate';
import { buildFlameGraphData } from '../../src/core/model/callTree';

/** Milliseconds from reading the file to the serialised panel message. */
export async function processRecording(file: string): Promise<number> {
  const started = performance.now();
  const profile = await readProfileFile(file);
  aggregateLines(profile);
  aggregateFunctions(profile);
  // 0.1 %: the profileFirst.flameGraph.minFramePercent default.
  const data = buildFlameGraphData(profile, { title: 'recording', minFramePercent: 0.1 });
  JSON.stringify({ type: 'showProfile', data });
  return performance.now() - started;
}

if (require.main === module) {
  processRecording(process.argv[2]).then(
    (ms) => console.log(JSON.stringify({ ms })),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
