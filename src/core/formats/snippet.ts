/**
 * Shows a piece of untrusted input inside a one-line error message: control characters
 * (including line breaks) are escaped and long text is cut, so the message stays one line.
 */
export function snippet(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
