import type { CanonicalEvent } from '../../../../../../engine/model/generated/event.ts';

interface Partial {
  start: CanonicalEvent;
  last: CanonicalEvent;
}

const before = (a: CanonicalEvent, b: CanonicalEvent) => a.time < b.time || (a.time === b.time && a.id < b.id);

/**
 * A model of how Elasticsearch's EQL sequence matcher runs `sequence by <key> with maxspan=<span> [filter] with
 * runs=<runs>` (one stage repeated), as read in its source (`SequenceMatcher`): the stages are matched one after the
 * other over records in (time, tiebreaker) order — here (time, id); a record of stage k extends, of its key's partial
 * sequences that reached stage k − 1 with an earlier last record, the latest one, dropping it and every earlier one
 * from that stage (`trimBefore`); the extension is rejected when the record lies more than `span` after the
 * sequence's first record (`exceedsMaxSpan`: `>`, so exactly `span` is in). The completed sequences' last records, as
 * `key time`.
 */
export function sequenceMatches(
  records: readonly CanonicalEvent[],
  keyOf: (e: CanonicalEvent) => string | undefined,
  runs: number,
  span: number,
): string[] {
  const keyed = records.filter((e) => keyOf(e) !== undefined);
  let stage = new Map<string, Partial[]>();
  for (const e of keyed) stage.set(keyOf(e)!, [...(stage.get(keyOf(e)!) ?? []), { start: e, last: e }]);
  for (let k = 2; k <= runs; k++) {
    const next = new Map<string, Partial[]>();
    for (const e of keyed) {
      const key = keyOf(e)!;
      const group = stage.get(key) ?? [];
      let latest = -1;
      for (let i = 0; i < group.length; i++) if (before(group[i].last, e)) latest = i;
      if (latest < 0) continue;
      const sequence = group[latest];
      stage.set(key, group.slice(latest + 1));
      if (e.time - sequence.start.time > span) continue;
      next.set(key, [...(next.get(key) ?? []), { start: sequence.start, last: e }]);
    }
    stage = next;
  }
  return [...new Set([...stage].flatMap(([key, done]) => done.map((s) => `${key} ${s.last.time}`)))].sort();
}
