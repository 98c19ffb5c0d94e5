/** Whether `text` holds a C0 control but tab and newline, DEL or a C1 control: what may not reach a terminal. */
export function hasControl(text: string): boolean {
  return [...text].some((c) => {
    const n = c.codePointAt(0)!;
    return (n < 0x20 && n !== 0x09 && n !== 0x0a) || (n >= 0x7f && n <= 0x9f);
  });
}
