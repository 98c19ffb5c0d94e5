/**
 * Absolute path of the pushstorm package root (the folder holding `package.json`), found from the module's location
 * rather than the working directory, so bundled scenarios resolve wherever the CLI is run from — from the sources,
 * from `dist/`, or from an installed package.
 */
export { packageRoot } from '../model/packageRoot.ts';
