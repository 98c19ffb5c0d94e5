/** The CLI names files as the pipeline's provenance does: one rule, kept in engine/evaluate. */
export { displayPath } from '../../evaluate/displayPath.ts';
