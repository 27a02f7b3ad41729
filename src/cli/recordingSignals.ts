import type { CliIo } from './cliIo';

/** What the CLI needs of any recording (py-spy, memray run, memray attach). */
export interface StoppableRecording<R> {
  readonly result: Promise<R>;
  stop(): Promise<unknown>;
  cancel(): Promise<unknown>;
}

/**
 * Waits for a recording while turning Ctrl-C into stop() (the profiler still writes its file)
 * and a second Ctrl-C, SIGTERM or SIGHUP into cancel(). `stopAfterSec` stops it after that long
 * (for profilers without a duration of their own).
 */
export async function runWithSignals<R>(recording: StoppableRecording<R>, io: CliIo, writing: string, stopAfterSec?: number): Promise<R> {
  let interrupts = 0;
  const onInterrupt = (): void => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr(`Stopping: ${writing}… (Ctrl-C again to abort without it)\n`);
      void recording.stop();
    } else {
      void recording.cancel();
    }
  };
  const onTerminate = (): void => void recording.cancel();
  const timer = stopAfterSec !== undefined ? setTimeout(() => void recording.stop(), stopAfterSec * 1000) : undefined;
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  process.on('SIGHUP', onTerminate);
  try {
    return await recording.result;
  } finally {
    if (timer) clearTimeout(timer);
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onTerminate);
    process.removeListener('SIGHUP', onTerminate);
  }
}
