/** The file a sampled space's folder holds beside its scenarios: what was drawn, and how. */
export const SPACE_MANIFEST = 'space.json';

/** The contents of {@link SPACE_MANIFEST}. */
export interface SpaceManifest {
  pushstormVersion: string;
  seed: number;
  n: number;
  families: string[];
  /** One entry per scenario file, in the order drawn. */
  scenarios: Array<{ file: string; name: string; family: string; noise: string[] }>;
}
