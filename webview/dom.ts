/** Small DOM helpers for the page skeleton built by src/core/view/pageBody.ts. */

/** The element with this id, checked to be of the expected type (the skeleton and the code must agree). */
export function elementById<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`flame graph page: #${id} is missing or not a ${type.name}`);
  return element;
}

/** True on macOS, where Cmd (not Ctrl) is the modifier for "open". */
export const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Cmd" or "Ctrl", for hints. */
export const openModifierName = isMac ? 'Cmd' : 'Ctrl';
