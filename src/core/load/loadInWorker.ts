import { Worker } from 'node:worker_threads';
import { ProfileFirstError, ProfileParseError } from '../errors';
import { nextTurn, unpackProfile } from './packedProfile';
import type { ViewLoad, ViewLoadRequest } from './viewLoad';
import { decode, type WorkerFailure, type WorkerReply } from './workerMessages';

/** Where the worker script is and how to start it. */
export interface WorkerScript {
  /** dist/profileWorker.js in the extension (tests: the TypeScript entry with tsx in execArgv). */
  readonly file: string;
  readonly execArgv?: readonly string[];
}

/**
 * loadForView in a worker thread: the parse and the tree build (seconds for a big file) run off
 * the calling thread, which takes the result once the worker has exited and only rebuilds the
 * profile's stacks, in short slices. The result and
 * the errors (class and message) are the same as loadForView's on the calling thread.
 */
export function loadForViewInWorker(script: WorkerScript, req: ViewLoadRequest): Promise<ViewLoad> {
  return new Promise<ViewLoad>((resolve, reject) => {
    let settled = false;
    let reply: WorkerReply | undefined;
    const worker = new Worker(script.file, { workerData: req, execArgv: script.execArgv ? [...script.execArgv] : undefined });
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      reject(err);
      void worker.terminate();
    };
    worker.once('message', (message: WorkerReply) => {
      reply = message;
      // The worker's event loop is empty after its one message, so it exits by itself; a
      // worker that lingers (an unforeseen handle) is stopped rather than waited for.
      setTimeout(() => void worker.terminate(), EXIT_GRACE_MS).unref();
    });
    worker.once('error', (err) => fail(new ProfileFirstError(`${req.path}: reading the profile failed (${err.message}). Try again; if it keeps failing, open the file with the CLI (profile-first report) to see why.`)));
    worker.once('exit', (code) => {
      if (settled) return;
      if (reply === undefined) {
        fail(new ProfileFirstError(`${req.path}: reading the profile stopped unexpectedly (worker exit code ${code}); the file may be too large for memory. Record a shorter profile or use --format raw.`));
        return;
      }
      // Decoded only now: see WorkerReply for why not on arrival.
      settled = true;
      decodeReply(reply).then(resolve, reject);
    });
  });
}

/** The load a reply carries, decoded one part per turn of the event loop; a failure as the error loadForView would have thrown. */
async function decodeReply(reply: WorkerReply): Promise<ViewLoad> {
  const result = decode(reply.result);
  if (result.type === 'failed') throw asError(result.error);
  const { loaded } = reply;
  if (loaded === undefined) throw new Error('the parse worker sent a loaded profile without its parts');
  const data = decode(loaded.data);
  await nextTurn();
  const lines = decode(loaded.lines);
  await nextTurn();
  const functions = decode(loaded.functions);
  await nextTurn();
  const frames = decode(loaded.frames);
  await nextTurn();
  const profile = await unpackProfile({ meta: result.meta, frames, ...loaded.stacks });
  return { profile, data, aggregates: { lines, functions } };
}

/** How long a worker may take to exit after its reply before it is stopped. */
const EXIT_GRACE_MS = 5_000;

/** The worker's failure as the error loadForView would have thrown. */
function asError(failure: WorkerFailure): Error {
  switch (failure.kind) {
    case 'parse':
      return new ProfileParseError(failure.file, failure.problem);
    case 'user':
      return new ProfileFirstError(failure.message);
    case 'other':
      return new Error(failure.message);
  }
}
