import type { DetectorShape, EventFilter } from '../../runtime/DetectorShape.ts';
import type { VendorFields } from './vendor/VendorFields.ts';

/** Every event filter a shape reads. */
function shapeFilters(shape: DetectorShape): EventFilter[] {
  switch (shape.kind) {
    case 'each':
    case 'bucketCount':
    case 'windowAt':
      return [shape.where];
    case 'countBefore':
      return [shape.trigger, shape.counted];
    case 'runUntil':
      return [shape.counted, ...shape.until];
  }
}

/**
 * Why a log's field names cannot say a shape under these parameter values — a filter the log has no record for, or
 * a proxy clause that is on for a log without a proxy flag — or `undefined` when they can. Every target checks it
 * before writing, so `pushstorm export` refuses with the reason instead of writing a query that cannot match.
 */
export function whyFieldsCannot(shape: DetectorShape, fields: VendorFields, params: Readonly<Record<string, number>>): string | undefined {
  for (const filter of shapeFilters(shape)) {
    const condition = fields.where(filter);
    if ('cannot' in condition) return `${fields.title}: ${condition.cannot}`;
  }
  const proxyOn = shape.kind === 'windowAt' && shape.anyOf.some((c) => c.anyProxyWhen !== undefined && (params[c.anyProxyWhen] ?? 0) >= 1);
  if (proxyOn && fields.proxy === undefined) return `${fields.title} has no proxy flag for the proxy clause (set it to 0)`;
  return undefined;
}
