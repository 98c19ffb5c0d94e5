import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the pushstorm package root (the folder holding `package.json`), found from this file's location
 * rather than the working directory, so bundled scenarios resolve wherever the CLI is run from.
 */
export const packageRoot: string = fileURLToPath(new URL('../../', import.meta.url));
