import type { ProfileSidecar } from '../../formats/sidecar';

/**
 * "Verify with repeated runs" on a comparison re-runs the two programs the profiles were
 * recorded from. That needs each side's command line from its sidecar, and only a recording
 * Profile First launched has one that can run again: an attached recording's sidecar names the
 * process (`pid 1234`, or the command line it was found with, which Profile First did not start).
 */

/** The two command lines for `profileFirst.verifyChange`, or what stops the re-run. */
export type VerifyComparisonRequest =
  | { readonly ok: true; readonly baseline: string; readonly candidate: string }
  | { readonly ok: false; readonly message: string };

/** The request for a comparison of `baselineTitle` → `candidateTitle`, from their sidecars. */
export function verifyComparisonRequest(
  baseline: { readonly title: string; readonly sidecar: ProfileSidecar | undefined },
  candidate: { readonly title: string; readonly sidecar: ProfileSidecar | undefined },
): VerifyComparisonRequest {
  const b = rerunnableCommandLine(baseline.sidecar);
  const c = rerunnableCommandLine(candidate.sidecar);
  if (b !== undefined && c !== undefined) return { ok: true, baseline: b, candidate: c };
  const missing = [b === undefined ? baseline.title : undefined, c === undefined ? candidate.title : undefined].filter((t) => t !== undefined);
  const which = missing.length === 2 ? `${missing[0]} and ${missing[1]} have` : `${missing[0]} has`;
  return {
    ok: false,
    message: `This comparison cannot be re-run: ${which} no command line to run again (the profile was not recorded by Profile First, or was attached to a running process). Use "Profile First: Verify Change…" and enter the two commands.`,
  };
}

/** The command line a launched recording ran, or undefined (attached, missing, or empty). */
export function rerunnableCommandLine(sidecar: ProfileSidecar | undefined): string | undefined {
  const line = sidecar?.commandLine?.trim();
  if (line === undefined || line === '') return undefined;
  if (sidecar?.mode === 'attach' || /^pid \d+$/.test(line)) return undefined;
  return line;
}
