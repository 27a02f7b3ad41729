/**
 * Entry point of the parse worker (bundled as dist/profileWorker.js): reads one profile and
 * builds its flame graph off the extension host's thread, then posts both back, the profile as
 * transferable typed arrays (packedProfile.ts). One worker per file; it exits when done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProfileFirstError, ProfileParseError } from '../errors';
import { packProfile } from './packedProfile';
import { loadForView, type ViewLoadRequest } from './viewLoad';
import type { WorkerFailure, WorkerReply } from './workerMessages';

async function main(port: NonNullable<typeof parentPort>): Promise<void> {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { profile, data } = await loadForView(workerData as ViewLoadRequest);
    const packed = packProfile(profile);
    transfer = packed.transfer;
    reply = { type: 'loaded', data, packed: packed.packed };
  } catch (err) {
    reply = { type: 'failed', error: asFailure(err) };
  }
  port.postMessage(reply, transfer);
}

function asFailure(err: unknown): WorkerFailure {
  if (err instanceof ProfileParseError) return { kind: 'parse', file: err.file, problem: err.problem };
  if (err instanceof ProfileFirstError) return { kind: 'user', message: err.message };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

if (parentPort !== null) void main(parentPort);
