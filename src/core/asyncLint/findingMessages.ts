/**
 * The words of a finding. Without evidence a finding only says what the code does; with
 * evidence it says how long the program waited there ("this loop waited 2.4 s, 96 % of the
 * run, 20 calls one at a time"), because that is what makes it worth changing.
 */
import type { AsyncRuleId, AwaitEvidence } from './types';

/** `2.4 s`, `350 ms`. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 10) return `${seconds.toFixed(0)} s`;
  if (seconds >= 1) return `${seconds.toFixed(1)} s`;
  return `${Math.round(seconds * 1000)} ms`;
}

/** `96 %` (rounded; `<1 %` below one percent). */
export function formatShare(share: number): string {
  const pct = share * 100;
  return pct < 1 ? '<1 %' : `${Math.round(pct)} %`;
}

/** The message of a PF101/PF102 finding; `count` is the number of awaits in a PF103 run. */
export function findingMessage(rule: AsyncRuleId, evidence: AwaitEvidence | undefined, notFixableReason: string | undefined, count = 2): string {
  let text: string;
  const waited = evidence === undefined ? '' : `${formatSeconds(evidence.seconds)}, ${formatShare(evidence.waitingShare)} of the run`;
  switch (rule) {
    case 'PF101':
      text =
        evidence === undefined
          ? 'await inside a for loop: each call waits for the previous one, though the calls look independent'
          : `await inside a for loop: this loop waited ${waited}, ${counted(evidence.calls, 'call')} one at a time`;
      break;
    case 'PF102':
      text =
        evidence === undefined
          ? 'await inside a comprehension: each element waits for the previous one, though the calls look independent'
          : `await inside a comprehension: it waited ${waited}, ${counted(evidence.calls, 'element')} one at a time`;
      break;
    case 'PF103':
      text = `${count} independent awaits in a row waited ${waited}, one after the other; they could run concurrently`;
      break;
  }
  return notFixableReason === undefined ? text : `${text} (no automatic fix: ${notFixableReason})`;
}

/** `20 calls`; `calls` without a count when the profile did not count them. */
function counted(n: number | undefined, noun: string): string {
  if (n === undefined) return `${noun}s`;
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
