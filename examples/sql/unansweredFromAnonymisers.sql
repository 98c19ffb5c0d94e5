/* pushstorm detector
id: unanswered-from-anonymisers
version: 1.0.0
title: Unanswered pushes requested through anonymising networks
description: >-
  A user left at least :threshold pushes unanswered or denied within :window, every one of them requested from a
  VPN, hosting, residential-proxy or Tor address: an attacker hiding behind an anonymiser, not the user at their desk.
severity: high
attack: { technique: T1621 }
entity: user
needs: [mfa.result]
params:
  threshold: { default: 4, min: 2, max: 30, step: 1, unit: count, description: failed pushes from anonymisers in the window (>=) }
  window: { default: 30m, min: 5m, max: 6h, step: 5m, unit: ms, description: sliding window ending at each failed push }
columns: { key: entity, time: decision_time, evidence: evidence }
*/
-- A SQL detector: pushstorm run|detect|tune|gate --sql-detector examples/sql/unansweredFromAnonymisers.sql
-- The relation "events" has one row per canonical event (docs/sql-detectors.md lists its columns).
WITH failed AS (
  SELECT id, "user", "time"
  FROM events
  WHERE "type" = 'mfa.result' AND result IN ('timeout', 'denied') AND proxy
), windowed AS (
  SELECT "user", "time",
    count(*) OVER (PARTITION BY "user" ORDER BY "time" RANGE BETWEEN :window PRECEDING AND CURRENT ROW) AS pushes,
    array_agg(id) OVER (PARTITION BY "user" ORDER BY "time" RANGE BETWEEN :window PRECEDING AND CURRENT ROW) AS ids
  FROM failed
)
SELECT DISTINCT "user" AS entity, "time" AS decision_time, ids AS evidence
FROM windowed
WHERE pushes >= :threshold
ORDER BY decision_time, entity
