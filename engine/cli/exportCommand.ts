import { Option, type Command } from 'commander';
import { loadDetectorInstances } from '../evaluate/loadDetectorInstances.ts';
import { detectors } from '../../detectors/index.ts';
import {
  type ExportFormat,
  type ExportTargetId,
  exportDetector,
  exportFormats,
  exportTargetIds,
  exportTargets,
  exportsOf,
  type SqlDialectId,
  sqlDialectIds,
} from '../tools/export/index.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';

interface ExportOptions {
  detector: string;
  params?: string;
  to: ExportTargetId;
  format: ExportFormat;
  events?: string;
  asDetector?: boolean;
  dialect?: SqlDialectId;
}

/** Each target with the built-in detectors it takes, for `--help`. */
const exportable = () =>
  exportTargets
    .map(
      (t) =>
        `  ${t.id.padEnd(6)} ${
          detectors
            .filter((d) => exportsOf(d).includes(t.id))
            .map((d) => d.id)
            .join(', ') || 'none yet'
        }`,
    )
    .join('\n');

/** Registers `pushstorm export`: a detector, with its parameters, written for another engine. */
export function registerExportCommand(program: Command, io: CliIo): Command {
  return program
    .command('export')
    .summary('write a detector, with tuned parameters, for another engine: SQL, Sigma, SPL, KQL, EQL, ES|QL')
    .description(
      'Write a detector that states a declarative shape, with its default or tuned parameters, in another engine’s ' +
        'language, for the field names of a log (--format). Every text starts with a header saying what it does ' +
        'compared with the streaming detector and how far that is verified (docs/export.md).',
    )
    .requiredOption('--detector <id>', 'the detector to export')
    .option('--params <file>', 'parameter sets, YAML or JSON, as pushstorm detect --params reads them')
    .addOption(new Option('--to <target>', 'the language to write').choices([...exportTargetIds]).default('sql'))
    .addOption(new Option('--format <id>', 'the log whose field names the query uses').choices([...exportFormats]).default('canonical'))
    .addOption(
      new Option(
        '--dialect <engine>',
        'SQL only: the engine the query is written for (default duckdb; postgres is the same text; spark and trino are parsed by their grammars here, not run)',
      ).choices([...sqlDialectIds]),
    )
    .option(
      '--events <source>',
      'what the SQL reads: duckdb, a canonical NDJSON file or a .parquet file or glob (simulate --out-format parquet; the script then runs as is: duckdb < detector.sql); spark, such Parquet or a table; postgres and trino, a table ([catalog.]schema.table)',
    )
    .option(
      '--as-detector',
      'SQL only: write a SQL detector file (parameters as :placeholders, tuned values as defaults) for --sql-detector',
    )
    .addHelpText(
      'after',
      `
Exportable now, by target (pushstorm detectors --json: "exports"):
${exportable()}

What is verified, by target (docs/export.md):
  sql    run on DuckDB over simulated worlds and generated streams: the same
         entities and decision times as the detector, to the millisecond;
         run unchanged on PostgreSQL; --dialect spark|trino parsed by the
         engines' ANTLR grammars (dt-sql-parser), not run
  sigma  every document valid against the Sigma rule and correlation schemas
  kql    parsed by Microsoft's Kusto language service, columns checked
  spl, eql, esql  golden texts only (no engine runs here); esql counts in fixed
         buckets: see what that catches with run --windowing tumbling; eql
         counts a fixed-bucket detector in a sliding window (a sequence with
         runs): see what that catches with run --windowing sliding
A query returns one row per finding: entity (the key), decision_time (when the
detector decides) and evidence; score --alerts scores such rows from any engine.

${examplesHelp([
  ['pushstorm export --detector fraud-report', 'the SQL, over a relation named events'],
  [
    'pushstorm export --detector baseline-elastic-push-denials --to sigma --format okta > denials.yml',
    'Sigma rules for the Okta System Log',
  ],
  ['pushstorm export --detector baseline-sentinel-spam-success --to kql --format entra-sentinel', 'KQL over SigninLogs'],
  [
    'pushstorm export --detector baseline-splunk-failed-mfa --to eql --format okta',
    'an EQL sequence: the sliding variant that run --windowing sliding scores',
  ],
  [
    'pushstorm export --detector baseline-splunk-failed-mfa --params tuned.yaml --events out/tiny-seed1/events.ndjson > s1.sql',
    'a tuned set over a file: duckdb < s1.sql',
  ],
  [
    "pushstorm export --detector baseline-okta-abandonment --dialect spark --events 'out/big/part-*/events.parquet' > okta.spark.sql",
    'the same query for Spark SQL over Parquet partitions: spark-sql -f okta.spark.sql',
  ],
  ['pushstorm export --detector fraud-report --dialect trino --events hive.pushstorm.events', 'for Trino, over a table'],
  [
    'pushstorm export --detector baseline-okta-abandonment --as-detector > okta.sql',
    'a SQL detector: pushstorm run --sql-detector okta.sql --detectors baseline-okta-abandonment-sql',
  ],
])}

Exit codes:
  0  written to stdout
  1  a bug; see stderr
  2  bad input: an unknown detector, a bad parameter file, a detector that states no shape,
     --dialect with another target than sql or with --as-detector, --events a dialect cannot read`,
    )
    .action((options: ExportOptions) => {
      const [instance] = loadDetectorInstances({ detectors: [options.detector], params: options.params });
      io.stdout.write(
        exportDetector(instance, options.to, {
          format: options.format,
          events: options.events,
          asDetector: options.asDetector,
          dialect: options.dialect,
        }),
      );
    });
}
