/** What the front trades off: more recall and more prevented, fewer false alerts. */
export interface Tradeoff {
  recall: number;
  prevented: number;
  falseAlertsPer1000UserDays: number;
}

/**
 * Indexes of the points no other point beats: another dominates a point when it is at least as good on recall,
 * prevented and false alerts, and better on one. Equal points are all on the front. Ascending index order.
 */
export function paretoFront(points: readonly Tradeoff[]): number[] {
  const front: number[] = [];
  points.forEach((p, i) => {
    const dominated = points.some(
      (q, j) =>
        j !== i &&
        q.recall >= p.recall &&
        q.prevented >= p.prevented &&
        q.falseAlertsPer1000UserDays <= p.falseAlertsPer1000UserDays &&
        (q.recall > p.recall || q.prevented > p.prevented || q.falseAlertsPer1000UserDays < p.falseAlertsPer1000UserDays),
    );
    if (!dominated) front.push(i);
  });
  return front;
}
