const maxLength = 60;

/**
 * A short JSON rendering of a value for an issue message, `"brust"`, `0`, `{"a":1,...`: enough to recognise the
 * offending value without pasting a whole object into a one-line message.
 */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}
