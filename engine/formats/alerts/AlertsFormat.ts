/**
 * How an alerts file is written: `pushstorm` — alert lines as `pushstorm detect` writes them (NDJSON) —, or rows of
 * findings from another engine, one a row, as `csv` (with a header), `parquet` or `ndjson` (an object a line).
 */
export type AlertsFormat = 'pushstorm' | 'csv' | 'parquet' | 'ndjson';

/** Every alerts format, as `--alerts-format` takes them. */
export const alertsFormats: readonly AlertsFormat[] = ['pushstorm', 'csv', 'parquet', 'ndjson'];
