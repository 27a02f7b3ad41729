/**
 * Number tokens for jsonStream.ts: which bytes can be in one, its grammar, and a fast exact
 * conversion for the plain decimals py-spy writes, without building a string.
 */

/** JSON's number grammar (RFC 8259 §6). */
export const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Bytes that can be part of a number token (its grammar is checked when the token ends). */
export const NUMBER_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eE') NUMBER_BYTE[c.charCodeAt(0)] = 1;

/** A number an integer array may be shared for: an integer in [0, 2^30), and not -0 (which equality would merge with 0). */
export function isSmallInt(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < 0x40000000 && !Object.is(value, -0);
}

/** Exact powers of ten (all below 2^53). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `[-]digits[.digits]` with at most 15 digits in all, computed without building a string, or
 * undefined for any other number text. Exact: mantissa and power of ten are both exactly
 * representable, and one IEEE division rounds correctly (Clinger's fast path), so the result is
 * the double JSON.parse gives (py-spy writes every weight as such a decimal, `0.01`).
 */
export function simpleNumber(buf: Buffer, start: number, end: number): number | undefined {
  let k = start;
  const negative = buf[k] === 0x2d;
  if (negative) k++;
  if (k >= end || (buf[k] === 0x30 && k + 1 < end && buf[k + 1] !== 0x2e)) return undefined; // leading zero
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; k < end; k++) {
    const c = buf[k];
    if (c === 0x2e && fraction < 0 && digits > 0) {
      fraction = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return undefined;
    mantissa = mantissa * 10 + d;
    digits++;
    if (fraction >= 0) fraction++;
  }
  if (digits === 0 || digits > 15 || fraction === 0) return undefined;
  const value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  return negative ? -value : value;
}
