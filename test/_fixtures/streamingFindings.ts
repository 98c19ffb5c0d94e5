import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { AnyDetectorDefinition } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';

/**
 * The findings of a streaming detector as `"<entity> <decision time>"`, sorted and distinct — what an export's rows
 * are compared with. With a thread gap of 0 each finding opens its own thread, so the opening lines are the findings.
 */
export function streamingFindings(
  definition: AnyDetectorDefinition,
  params: Record<string, number>,
  events: Iterable<CanonicalEvent>,
): string[] {
  const opened = new Set<string>();
  const runtime = new DetectorRuntime(
    [{ definition, params }],
    (a) => {
      if (a.status === 'open') opened.add(`${a.entity.value} ${a.alertTime}`);
    },
    { threadGapMs: 0 },
  );
  for (const e of events) runtime.push(e);
  runtime.finish();
  return [...opened].sort();
}
