import { stripControl } from './stripControl.ts';

/** Characters with a meaning in GitHub-flavoured Markdown inline text or tables, escaped with a backslash. */
const MARKDOWN_SPECIAL = /[\\`*_[\]|#~]/g;

/**
 * Text from input (a user, host, scenario or file name, a detail) made inert in GitHub-flavoured Markdown, on one
 * line: `&`, `<` and `>` as entities, so no HTML tag or autolink comes through (`<img src=x onerror=…>` reads as
 * text); the characters that start emphasis, code, links, headings, strikethrough or table cells backslash-escaped
 * (they render as themselves); line breaks and control characters turned into spaces and U+FFFD, so a name can
 * neither end a table row nor start a block. Safe in a table cell, a list item or a heading.
 *
 * @example escapeMarkdown('<b>ann</b> | *x*') // '&lt;b&gt;ann&lt;/b&gt; \\| \\*x\\*'
 */
export function escapeMarkdown(text: string): string {
  return stripControl(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIAL, '\\$&');
}
