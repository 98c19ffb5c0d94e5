import type { ScenarioIssue } from '../../../engine/model/errors/ScenarioError.ts';
import { MAX_NESTING, nestingDepth, tooDeep } from '../../../engine/model/text/nestingDepth.ts';
import { parseYamlText } from '../../../engine/model/text/parseYamlText.ts';

/** The parsed value, or the one syntax issue that stopped parsing (later errors usually follow from the first). */
export type ParsedText = { ok: true; value: unknown } | { ok: false; issue: ScenarioIssue };

/** 1-based line and column of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Parses scenario text as JSON (`format: 'json'`) or YAML 1.2. YAML duplicate keys are errors, not "last wins":
 * a scenario with two `attacks:` keys almost always means one was meant to be edited, not silently dropped. An alias
 * bomb or a document nested absurdly deep is a syntax issue too, never a crash.
 */
export function parseScenarioText(text: string, format: 'json' | 'yaml'): ParsedText {
  if (format === 'json') {
    try {
      const value: unknown = JSON.parse(text);
      if (nestingDepth(value) > MAX_NESTING) return { ok: false, issue: { path: '', message: tooDeep() } };
      return { ok: true, value };
    } catch (error) {
      const message = (error as Error).message;
      const offset = /at position (\d+)/.exec(message);
      if (!offset) return { ok: false, issue: { path: '', message: `JSON syntax error: ${message}` } };
      const { line, column } = position(text, Number(offset[1]));
      const reason = message.replace(/ in JSON at position \d+.*$/, '');
      return {
        ok: false,
        issue: { path: '', message: `JSON syntax error at line ${line}, column ${column}: ${reason}`, line, column },
      };
    }
  }
  const parsed = parseYamlText(text);
  if (parsed.ok) return parsed;
  const { message, line, column } = parsed;
  return { ok: false, issue: { path: '', message, ...(line === undefined ? {} : { line, column }) } };
}
