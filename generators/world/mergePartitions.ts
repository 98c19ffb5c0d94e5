import { BinaryHeap } from '../../engine/model/BinaryHeap.ts';
import { FileContentError } from '../../engine/model/errors/FileContentError.ts';
import { PartitionSetError, type PartitionSetIssue } from '../../engine/model/errors/PartitionSetError.ts';
import type { Truth } from '../../engine/model/generated/truth.ts';
import { combineRuns, type WorldFacts } from './_internal/assembleResult.ts';
import type { PartitionRun } from './_internal/runPartition.ts';
import { parseEventId } from './eventId.ts';
import { inPartition, type Partition } from './Partition.ts';
import type { SimulationResult, SimulationSummary } from './SimulationResult.ts';

/** One partition's output as {@link mergePartitions} reads it: what {@link simulatePartition} returned and wrote. */
export interface PartitionOutput {
  /** Names the partition in errors (its folder or file). */
  source: string;
  partition: Partition;
  /** Its events' JSON lines (no newline), in the order it wrote them. */
  lines: Iterable<string> | AsyncIterable<string>;
  truth: Truth;
  summary: SimulationSummary;
  incidentOrder: Record<string, number>;
}

/** The world facts two partitions of one world share, as text to compare and to show. */
const worldOf = (t: Truth) =>
  `scenario ${t.scenario.name} (hash ${t.scenario.hash.slice(0, 12)}), seed ${t.seed}, ${t.users} users from ${t.start} to ${t.end}, pushstorm ${t.pushstormVersion}`;

/** Every reason `parts` are not the partitions 1..N of one world, in a fixed order. */
function setIssues(parts: readonly PartitionOutput[]): PartitionSetIssue[] {
  if (parts.length === 0) return [{ message: 'no partitions given' }];
  const issues: PartitionSetIssue[] = [];
  const [first] = parts;
  const { count } = first.partition;
  const world = worldOf(first.truth);
  const seen = new Map<number, string>();
  for (const part of parts) {
    const { index, count: n } = part.partition;
    if (n !== count)
      issues.push({ source: part.source, message: `is partition ${index}/${n}, ${first.source} is ${first.partition.index}/${count}` });
    else if (seen.has(index)) issues.push({ source: part.source, message: `is partition ${index}/${n}, as ${seen.get(index)} is` });
    else seen.set(index, part.source);
    if (worldOf(part.truth) !== world)
      issues.push({ source: part.source, message: `is a partition of ${worldOf(part.truth)}; ${first.source} is of ${world}` });
  }
  for (let index = 1; index <= count; index++)
    if (!seen.has(index) && parts.every((p) => p.partition.count === count))
      issues.push({ message: `partition ${index}/${count} is missing` });
  return issues;
}

interface Head {
  time: number;
  cell: number;
  seq: number;
  id: string;
  text: string;
}

interface Feed {
  part: PartitionOutput;
  lines: Iterator<string> | AsyncIterator<string>;
  head: Head;
  line: number;
  labelled: number;
}

const before = (a: Head, b: Head) => a.time < b.time || (a.time === b.time && (a.cell < b.cell || (a.cell === b.cell && a.seq < b.seq)));

/** The id and time every canonical line starts with, read without parsing the line (the general case parses it). */
const LEAD = /^\{"id":"(u[0-9a-z]+\.[0-9a-z]+)","time":(\d{1,15})[,}]/;

/** The (time, cell, seq) key of one line of `feed`, checked to belong to its partition and to follow its previous line. */
function headOf(feed: Feed, text: string, previous: Head | undefined): Head {
  const fail = (path: string, message: string): never => {
    throw new FileContentError(feed.part.source, 'partition events file', [{ line: feed.line, path, message }]);
  };
  let id: unknown;
  let time: unknown;
  const lead = LEAD.exec(text);
  if (lead) {
    id = lead[1];
    time = Number(lead[2]);
  } else {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      return fail('', `not JSON (${(error as Error).message})`);
    }
    if (typeof event !== 'object' || event === null) return fail('', 'not a JSON object');
    ({ id, time } = event as { id?: unknown; time?: unknown });
  }
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) return fail('/time', 'must be an integer epoch ms');
  const key = typeof id === 'string' ? parseEventId(id) : undefined;
  if (!key || typeof id !== 'string')
    return fail('/id', `must be an event id a simulation gave (u<cell>.<seq>), got ${JSON.stringify(id)}`);
  const { partition } = feed.part;
  if (!inPartition(partition, key.cell))
    return fail('/id', `${id} is an event of user ${key.cell}, who is not in partition ${partition.index}/${partition.count}`);
  const head = { time, cell: key.cell, seq: key.seq, id, text };
  if (previous && !before(previous, head)) return fail('', `${id} is out of the order a simulation writes (after ${previous.id})`);
  return head;
}

/** Moves `feed` to its next line; false at its end. */
async function advance(feed: Feed): Promise<boolean> {
  let next = feed.lines.next();
  if (next instanceof Promise) next = await next;
  if (next.done) return false;
  feed.line++;
  feed.head = headOf(feed, next.value, feed.line === 1 ? undefined : feed.head);
  return true;
}

/**
 * Rebuilds a whole world from its partitions ({@link simulatePartition}, run anywhere, given in any order): writes
 * every partition's lines to `writeLine` interleaved in the order the whole world writes them — by (time, cell, seq),
 * the event's `time` and the cell and sequence number its id encodes ({@link parseEventId}) — and returns the whole
 * world's truth and summary. The lines are exactly those {@link simulate} writes for the world, in the same order, and
 * the truth is its truth: incidents in the attack plan's order (`incidentOrder`), labels in event order.
 *
 * Checks as it goes that the lines are a partition's: ids a simulation gives, of users in that partition, in
 * order, as many as its summary says, every label's event among them.
 *
 * @throws PartitionSetError when `parts` are not the partitions 1..N of one world (nothing is written);
 * FileContentError for a line that is not one of its partition's events.
 */
export async function mergePartitions(parts: readonly PartitionOutput[], writeLine: (line: string) => void): Promise<SimulationResult> {
  const issues = setIssues(parts);
  if (issues.length > 0) throw new PartitionSetError(issues);

  const heap = new BinaryHeap<Feed>((a, b) => before(a.head, b.head));
  const feeds: Feed[] = parts.map((part) => ({
    part,
    lines: Symbol.asyncIterator in part.lines ? part.lines[Symbol.asyncIterator]() : part.lines[Symbol.iterator](),
    head: undefined as never,
    line: 0,
    labelled: 0,
  }));
  const labels: Record<string, string> = {};
  try {
    for (const feed of feeds) if (await advance(feed)) heap.push(feed);
    for (;;) {
      const feed = heap.pop();
      if (!feed) break;
      const { id, text } = feed.head;
      writeLine(text);
      const partLabels = feed.part.truth.labels;
      if (Object.hasOwn(partLabels, id)) {
        labels[id] = partLabels[id];
        feed.labelled++;
      }
      if (await advance(feed)) heap.push(feed);
    }
  } catch (error) {
    // The other partitions' readers stop too (a Parquet reader holds a DuckDB instance open).
    await Promise.allSettled(feeds.map((f) => f.lines.return?.()));
    throw error;
  }

  const runs: PartitionRun[] = feeds.map(({ part, line, labelled }) => {
    const fail = (message: string): never => {
      throw new FileContentError(part.source, 'partition', [{ path: '', message }]);
    };
    if (line !== part.summary.records) fail(`holds ${line} events; the partition wrote ${part.summary.records}`);
    const unmatched = Object.keys(part.truth.labels).length - labelled;
    if (unmatched > 0) fail(`its truth labels ${unmatched} events its events file does not hold`);
    return {
      incidents: part.truth.incidents.map((incident) => {
        const order = part.incidentOrder[incident.id];
        if (!Number.isSafeInteger(order)) fail(`incident ${incident.id} has no place in the attack plan (incidentOrder)`);
        return { order, incident };
      }),
      records: part.summary.records,
      byType: part.summary.byType,
      bySource: part.summary.bySource,
      transitions: part.summary.transitions,
      macs: part.summary.macs,
      phones: part.summary.phones,
    };
  });
  const { incidents: _i, labels: _l, ...facts } = parts[0].truth;
  return combineRuns(facts satisfies WorldFacts, runs, labels);
}
