import { deserialize, serialize } from 'node:v8';
import type { FunctionStat, LineStat } from '../model/aggregate';
import type { FlameGraphData } from '../model/flameTree';
import type { Frame, ProfileMeta } from '../model/profile';
import type { PackedStacks } from './packedProfile';

/**
 * What the parse worker posts back, once (profileLoadWorker.ts → loadInWorker.ts). Errors cross
 * as data and are rebuilt as the same classes with the same messages on the host.
 */
export type WorkerResult = { readonly type: 'loaded'; readonly meta: ProfileMeta } | { readonly type: 'failed'; readonly error: WorkerFailure };

/**
 * The reply as it crosses: the WorkerResult and, when loaded, the rest of the load as
 * `v8.serialize` bytes, one buffer per part, and the profile's packed stacks, all moved
 * (transferred), none copied. A structured clone is decoded by the host the
 * moment it arrives, while the worker's isolate, just done with a heap of hundreds of MB, keeps
 * V8's shared GC threads busy: the host's own small collections then wait for them (bench/,
 * "host-thread": 8,000 frames took 50–110 ms to arrive, 6 ms to decode alone). Bytes and typed
 * arrays arrive without touching the host's heap; the host decodes them once the worker has
 * exited (loadInWorker.ts), one part per turn of its event loop (a 1.7 MB decode at once stopped
 * it for 40 ms).
 */
export interface WorkerReply {
  readonly result: Encoded<WorkerResult>;
  readonly loaded?: {
    readonly data: Encoded<FlameGraphData>;
    readonly lines: Encoded<LineStat[]>;
    readonly functions: Encoded<FunctionStat[]>;
    readonly frames: Encoded<readonly Frame[]>;
    readonly stacks: PackedStacks;
  };
}

/** `v8.serialize` bytes of a T, in a buffer of their own (so that moving it moves nothing else). */
export type Encoded<T> = Uint8Array & { readonly encodes?: T };

export function encode<T>(value: T): Encoded<T> {
  const bytes = serialize(value);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
}

export function decode<T>(bytes: Encoded<T>): T {
  return deserialize(bytes) as T;
}

/** A failure in the worker: a ProfileParseError (file + problem), another ProfileFirstError, or anything else. */
export type WorkerFailure =
  | { readonly kind: 'parse'; readonly file: string; readonly problem: string }
  | { readonly kind: 'user'; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };
