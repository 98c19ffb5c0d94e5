import { stringify } from 'yaml';
import type { DetectorShape } from '../../../runtime/DetectorShape.ts';
import type { DetectorInstance } from '../../../runtime/DetectorRuntime.ts';
import { formatParamValue } from '../../../runtime/paramValues.ts';
import { sqlOfShape } from './sqlOfShape.ts';

/**
 * A detector instance as a SQL detector file (`pushstorm … --sql-detector FILE`): the `/* pushstorm detector … *\/`
 * header — id (`<id>-sql`), title, severity, entity, the parameters with the instance's values as defaults — and the
 * shape's query with `:name` placeholders. Run back through pushstorm, it finds what the streaming detector finds.
 */
export function sqlDetectorFile(instance: DetectorInstance, shape: DetectorShape): string {
  const { definition, params } = instance;
  const header = {
    id: `${definition.id}-sql`,
    version: definition.version,
    title: `${definition.title} (SQL)`,
    description: `${definition.description} Exported by pushstorm from ${definition.id} v${definition.version}.`,
    severity: definition.severity,
    attack: definition.attack,
    entity: definition.entity,
    needs: [...definition.needs],
    ...(definition.baseline === undefined ? {} : { baseline: definition.baseline }),
    params: Object.fromEntries(
      Object.entries(definition.params).map(([name, spec]) => {
        const value = (v: number) => (spec.unit === 'ms' ? formatParamValue(spec, v) : v);
        return [
          name,
          {
            default: value(params[name] ?? spec.default),
            min: value(spec.min),
            max: value(spec.max),
            step: value(spec.step),
            unit: spec.unit,
            description: spec.description,
          },
        ];
      }),
    ),
    columns: { key: 'entity', time: 'decision_time', evidence: 'evidence' },
  };
  return `/* pushstorm detector\n${stringify(header, { lineWidth: 0 })}*/\n${sqlOfShape(shape, 'placeholders')};\n`;
}
