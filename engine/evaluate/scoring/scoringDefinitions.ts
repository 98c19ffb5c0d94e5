/**
 * The scoring definitions (`docs/scoring.md`, Definitions), one sentence each, as every score output and report states them.
 */
export const scoringDefinitions: readonly string[] = [
  'An incident is one attack against one target user; a spray is one campaign with one incident per target.',
  "An alert is a thread (its open line and, if it grew, its closing line). It matches an incident when one of its lines names the incident's target user, or its Mac, or — for detectors keyed by source — one of the attacker's source IPs, with an alert time between the incident's start and its end plus the grace period.",
  'Alert precision = matched alerts / alerts. Incident recall = incidents with a matching alert / incidents. F1 = their harmonic mean (0 when nothing is caught).',
  "Time to detect = the first matching alert's time − the incident's start (median and p95 over detected incidents); prompts endured = the attack's pushes up to that time.",
  "Compromise prevented = an incident detected before the victim's approval, or detected and never approved.",
  'False alerts per 1,000 user-days = unmatched alerts × 1000 / (users × simulated days); alerts per day = alerts / simulated days.',
  'Overall = every non-baseline detector together; the public-rule baselines are scored alone, for comparison.',
];
