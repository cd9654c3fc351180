/**
 * Text for a terminal: control characters a task title may carry (ANSI/OSC escapes that set the
 * window title, erase lines or hide text; C1 controls; bytes of a BLOB) are shown as `\u001b`
 * instead of being obeyed. Newlines and tabs stay (they are the output's own layout).
 */

// C0 controls except \t and \n, DEL, C1 controls, and bidi overrides that reorder what is shown.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b]0;pwned\u0007` -> the literal text `\u001b]0;pwned\u0007` (valid inside JSON strings too). */
export function escapeControls(text: string): string {
  return text.replace(controls, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
