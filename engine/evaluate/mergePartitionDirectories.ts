import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergePartitions, type PartitionOutput } from '../../generators/world/mergePartitions.ts';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { EVENTS_FILE_FORMATS, EventsFileWriter, type EventsFileFormat } from '../formats/files/EventsFileWriter.ts';
import { replaceOwnedFiles } from '../formats/files/ownedFiles.ts';
import { writeJsonFileAtomic } from '../formats/files/writeJsonFileAtomic.ts';
import { chooseLogFormats, writeVendorLogs } from '../formats/files/writeVendorLogs.ts';
import { readTruthFile } from '../formats/canonical/readTruthFile.ts';
import { readParquetEventLines } from '../formats/parquet/readParquetEventLines.ts';
import { openEventInput, readLines } from '../formats/reader/readEventLines.ts';
import { FileContentError } from '../model/errors/FileContentError.ts';
import { OptionError, type OptionIssue } from '../model/errors/OptionError.ts';
import { readPartitionManifest } from './readPartitionManifest.ts';
import type { RunSummary } from './RunSummary.ts';
import { runSummaryOf } from './_internal/runSummaryOf.ts';

/** Options of {@link mergePartitionDirectories}: what `pushstorm simulate merge` takes. */
export interface MergePartitionsOptions {
  /** The whole world's folder, relative to `cwd`; never one of the partitions'. */
  out: string;
  /** What relative paths are relative to (default the process's working directory). */
  cwd?: string;
  /** The events file written: `ndjson` (default) or `parquet`, whatever the partitions' own. */
  outFormat?: EventsFileFormat;
  /** Format of the IdP log written under `logs/` from the merged events (default canonical: none). */
  format?: string;
  /** Format of the Mac log written under `logs/` (default canonical); one log per Mac cannot be written from partitions. */
  macFormat?: string;
  /** A wall clock in ms for the summary's `wallMs` and speed; without one they are 0. */
  now?: () => number;
}

const COMMAND = 'simulate merge';

/** A partition's events file as lines of text, NDJSON or Parquet alike. */
async function* linesOf(path: string): AsyncGenerator<string, void, undefined> {
  if (path.endsWith('.parquet')) {
    yield* readParquetEventLines(path);
    return;
  }
  for await (const item of readLines(openEventInput(path))) {
    if (!('text' in item))
      throw new FileContentError(path, 'partition events file', [
        { line: item.line, path: '', message: `${item.bytes} bytes: longer than any event` },
      ]);
    yield item.text;
  }
}

/**
 * Rebuilds a whole world from the folders of its N partitions (`simulate --partition K/N`, given in any order) into
 * `out`: the events, exactly the bytes one run of the world writes (`events.ndjson`, or `events.parquet`, then
 * the same Parquet one run writes), and its `truth.json`, byte for byte; with `format`/`macFormat`, the vendor logs
 * one run would write. Returns the summary one run would print (its wall time aside).
 *
 * @throws OptionError for a bad option, an output folder that is one of the partitions', or a per-Mac log format;
 * PartitionSetError when the folders are not the N partitions of one world (nothing written); InputError or
 * FileContentError for a folder without a partition's files or with damaged ones.
 */
export async function mergePartitionDirectories(dirs: readonly string[], options: MergePartitionsOptions): Promise<RunSummary> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.out);
  const issues: OptionIssue[] = [];
  const folderIssue = checkOutputFolder('--out', options.out, cwd);
  if (folderIssue) issues.push(folderIssue);
  if (dirs.some((d) => resolve(cwd, d) === outDir))
    issues.push({ option: '--out', value: options.out, message: 'is one of the partitions being merged: name a folder of its own' });
  const outFormat = options.outFormat ?? 'ndjson';
  if (!(EVENTS_FILE_FORMATS as readonly string[]).includes(outFormat))
    issues.push({ option: '--out-format', value: String(outFormat), message: `must be one of ${EVENTS_FILE_FORMATS.join(', ')}` });
  const { idpFormat, macFormat } = chooseLogFormats(options);
  if (macFormat.perHost)
    issues.push({
      option: '--mac-format',
      value: macFormat.id,
      message: 'writes one log per Mac, which needs the Mac inventory only a run of the whole world has; simulate it in one run',
    });
  if (issues.length > 0) throw new OptionError(COMMAND, issues);

  const parts: PartitionOutput[] = dirs.map((dir) => {
    // Named as the user typed it in errors; resolved only when relative to another folder than the process's.
    const folder = cwd === process.cwd() ? dir : resolve(cwd, dir);
    const manifest = readPartitionManifest(folder);
    const truthPath = join(folder, 'truth.json');
    const truth = readTruthFile(truthPath);
    if (truth.scenario.hash !== manifest.scenario.hash || truth.seed !== manifest.seed)
      throw new FileContentError(truthPath, 'partition truth', [
        { path: '', message: `is the truth of another world than its partition.json (scenario hash, seed)` },
      ]);
    return {
      source: dir,
      partition: manifest.partition,
      lines: linesOf(join(folder, manifest.events)),
      truth,
      summary: manifest.summary,
      incidentOrder: manifest.incidentOrder,
    };
  });

  const now = options.now ?? (() => 0);
  const started = now();
  mkdirSync(outDir, { recursive: true });
  const truthPath = join(outDir, 'truth.json');
  const events = new EventsFileWriter(outDir, outFormat);
  let logs: Awaited<ReturnType<typeof writeVendorLogs>> | undefined;
  let merged: Awaited<ReturnType<typeof mergePartitions>>;
  try {
    merged = await mergePartitions(parts, (line) => events.writeLine(line));
    events.closeLines();
    writeJsonFileAtomic(truthPath, merged.truth);
    logs =
      idpFormat.id === 'canonical' && macFormat.id === 'canonical'
        ? undefined
        : await writeVendorLogs([], events.ndjsonPath, join(outDir, 'logs'), idpFormat, macFormat);
    await events.close();
  } catch (error) {
    events.abort();
    throw error;
  }
  replaceOwnedFiles(outDir, [events.path, truthPath, ...(logs?.files.map((f) => f.path) ?? [])]);
  const wallMs = now() - started;

  const { truth, summary } = merged;
  return runSummaryOf({
    scenario: truth.scenario,
    seed: truth.seed,
    summary,
    records: events.lines,
    dir: outDir,
    events: events.path,
    truth: truthPath,
    logs,
    wallMs,
  });
}
