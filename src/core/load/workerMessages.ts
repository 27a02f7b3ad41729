import type { FlameGraphData } from '../model/flameTree';
import type { PackedProfile } from './packedProfile';

/**
 * What the parse worker posts back, once (profileLoadWorker.ts → loadInWorker.ts). Errors cross
 * as data and are rebuilt as the same classes with the same messages on the host.
 */
export type WorkerReply = { readonly type: 'loaded'; readonly data: FlameGraphData; readonly packed: PackedProfile } | { readonly type: 'failed'; readonly error: WorkerFailure };

/** A failure in the worker: a ProfileParseError (file + problem), another ProfileFirstError, or anything else. */
export type WorkerFailure =
  | { readonly kind: 'parse'; readonly file: string; readonly problem: string }
  | { readonly kind: 'user'; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };
