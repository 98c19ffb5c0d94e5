import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite chart to SVG text, in Node, without a browser or a canvas: vega's scenegraph writes SVG
 * directly (text widths are estimated). The same spec and data give the same bytes. Data must be inline: the loader
 * is never asked to fetch anything.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const remote = (compiled.data ?? []).find((d) => 'url' in d);
  if (remote) throw new Error(`report charts use inline data only; refused to load ${(remote as { url: unknown }).url}`);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: offlineLoader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A loader that refuses every load (fonts, images…): a report must never reach the network or the disk while rendering. */
const offlineLoader = vega.loader();
offlineLoader.load = async (uri: string) => {
  throw new Error(`report charts use inline data only; refused to load ${uri}`);
};
