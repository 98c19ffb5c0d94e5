/** C0 controls but tab and newline, DEL, and C1 controls: what can move a terminal's cursor, recolour it or retitle it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text safe to print on a terminal: every control character that is not a tab or a newline is shown as `�` (so an
 * ESC sequence in a user name, a file name or a log record cannot clear the screen, hide lines or retitle the
 * window), and a carriage return no longer rewrites the line it ends. Everything printable, any script, is kept.
 *
 * @example stripControl('ann\u001b[2J') // 'ann�[2J'
 */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '\ufffd');
}
