import { readFileSync } from 'node:fs';

/** The pushstorm version from package.json, recorded in every output that carries figures. */
export const pushstormVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
