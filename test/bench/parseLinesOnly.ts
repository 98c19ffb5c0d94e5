import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * The floor any NDJSON reader pays, for the benchmarks' ratios: read `file` in 1 MiB chunks, split lines, `JSON.parse`
 * each — nothing else. Returns the number of non-empty lines parsed.
 */
export async function parseLinesOnly(file: string): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = rest + decoder.write(chunk as Buffer);
    let pos = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', pos)) {
      if (nl > pos && JSON.parse(text.slice(pos, nl)) !== null) n++;
      pos = nl + 1;
    }
    rest = text.slice(pos);
  }
  rest += decoder.end();
  if (rest !== '' && JSON.parse(rest) !== null) n++;
  return n;
}
