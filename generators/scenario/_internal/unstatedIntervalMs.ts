/**
 * The mean gap between one target's attempts when the scenario states no `interval`: a minute, or for low-and-slow
 * its spread divided among its pushes. The resolver and the scenario-length check both use it, so they agree.
 */
export function unstatedIntervalMs(strategy: unknown, spreadMs: number, pushes: number): number {
  return strategy === 'low-and-slow' ? Math.round(spreadMs / pushes) : 60_000;
}
