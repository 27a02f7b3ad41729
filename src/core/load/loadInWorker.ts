import { Worker } from 'node:worker_threads';
import { ProfileFirstError, ProfileParseError } from '../errors';
import { unpackProfile } from './packedProfile';
import type { ViewLoad, ViewLoadRequest } from './viewLoad';
import type { WorkerFailure, WorkerReply } from './workerMessages';

/** Where the worker script is and how to start it. */
export interface WorkerScript {
  /** dist/profileWorker.js in the extension (tests: the TypeScript entry with tsx in execArgv). */
  readonly file: string;
  readonly execArgv?: readonly string[];
}

/**
 * loadForView in a worker thread: the parse and the tree build (seconds for a big file) run off
 * the calling thread, which only rebuilds the profile's stacks in short slices. The result and
 * the errors (class and message) are the same as loadForView's on the calling thread.
 */
export function loadForViewInWorker(script: WorkerScript, req: ViewLoadRequest): Promise<ViewLoad> {
  return new Promise<ViewLoad>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(script.file, { workerData: req, execArgv: script.execArgv ? [...script.execArgv] : undefined });
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      reject(err);
      void worker.terminate();
    };
    worker.once('message', (reply: WorkerReply) => {
      if (reply.type === 'failed') {
        fail(asError(reply.error));
        return;
      }
      settled = true;
      unpackProfile(reply.packed).then((profile) => resolve({ profile, data: reply.data }), reject);
    });
    worker.once('error', (err) => fail(new ProfileFirstError(`${req.path}: reading the profile failed (${err.message}). Try again; if it keeps failing, open the file with the CLI (profile-first report) to see why.`)));
    worker.once('exit', (code) => {
      fail(new ProfileFirstError(`${req.path}: reading the profile stopped unexpectedly (worker exit code ${code}); the file may be too large for memory. Record a shorter profile or use --format raw.`));
    });
  });
}

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
