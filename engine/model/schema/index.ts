export { generatedTypeFiles, schemaSources, staleTypeFiles } from './generateTypes.ts';
