import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import type { ParamSpec, AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { formatParamValue } from '../../runtime/paramValues.ts';
import type { Recommendation, SweepEvidence } from './runSweep.ts';

/**
 * A recommendation as a parameter file holds it — the map form `pushstorm detect --params` (and `run`, `gate`) reads:
 * `{ [detector]: { param: value } }`, every parameter of the detector, durations written as such (`"10m"`).
 *
 * @example paramsFileOf({ detector: 'denied-burst', params: { threshold: 3, windowMs: 600000 }, … }, deniedBurst) // { 'denied-burst': { threshold: 3, windowMs: '10m' } }
 */
export function paramsFileOf(
  recommendation: Pick<Recommendation, 'detector' | 'params'>,
  definition: AnyDetectorDefinition,
): Record<string, Record<string, number | string>> {
  const specs = definition.params as Record<string, ParamSpec>;
  const params: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(recommendation.params))
    params[name] = specs[name]?.unit === 'ms' ? formatParamValue(specs[name], value) : value;
  return { [recommendation.detector]: params };
}

/**
 * Writes a recommendation as a parameter file ({@link paramsFileOf}): YAML for a `.yaml`/`.yml` name (with a comment
 * saying where it came from and, when tentative, why), JSON otherwise. For `-` nothing is written: the YAML text is
 * returned, for the caller to print on standard output. Returns the text either way.
 */
export function writeParamsFile(
  file: string,
  recommendation: Recommendation,
  definition: AnyDetectorDefinition,
  provenance: { pushstormVersion: string; evidence: SweepEvidence; grid: string },
): string {
  const content = paramsFileOf(recommendation, definition);
  let text: string;
  if (file === '-' || /^\.ya?ml$/i.test(extname(file))) {
    const note = [
      `# ${recommendation.detector} ${recommendation.name}: recommended by pushstorm ${provenance.pushstormVersion} tune --grid "${provenance.grid}"`,
      ...(recommendation.tentative ? [`# tentative: worlds too small to decide (${provenance.evidence.shortfalls.join('; ')})`] : []),
    ];
    text = `${note.join('\n')}\n${stringifyYaml(content)}`;
  } else {
    text = `${JSON.stringify(content, null, 2)}\n`;
  }
  if (file !== '-') writeFileSync(file, text);
  return text;
}
