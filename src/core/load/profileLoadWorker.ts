/**
 * Entry point of the parse worker (bundled as dist/profileWorker.js): reads one profile and
 * builds its flame graph off the extension host's thread, then posts both back, the profile as
 * transferable typed arrays (packedProfile.ts). One worker per file; it exits when done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProfileFirstError, ProfileParseError } from '../errors';
import { packProfile } from './packedProfile';
import { loadForView, type ViewLoadRequest } from './viewLoad';
import { encode, type WorkerFailure, type WorkerReply, type WorkerResult } from './workerMessages';

async function main(port: NonNullable<typeof parentPort>): Promise<void> {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { profile, data, aggregates } = await loadForView(workerData as ViewLoadRequest);
    const packed = packProfile(profile);
    const { meta, frames, ...stacks } = packed.packed;
    const loaded = { data: encode(data), lines: encode(aggregates.lines), functions: encode(aggregates.functions), frames: encode(frames), stacks };
    reply = { result: encode<WorkerResult>({ type: 'loaded', meta }), loaded };
    transfer = [...[loaded.data, loaded.lines, loaded.functions, loaded.frames].map((b) => b.buffer as ArrayBuffer), ...packed.transfer];
  } catch (err) {
    reply = { result: encode<WorkerResult>({ type: 'failed', error: asFailure(err) }) };
  }
  port.postMessage(reply, [reply.result.buffer as ArrayBuffer, ...transfer]);
}

function asFailure(err: unknown): WorkerFailure {
  if (err instanceof ProfileParseError) return { kind: 'parse', file: err.file, problem: err.problem };
  if (err instanceof ProfileFirstError) return { kind: 'user', message: err.message };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

if (parentPort !== null) void main(parentPort);
