-- baseline-sentinel-spam-success v1.0.0: Baseline (Sentinel): MFA spamming followed by successful login
-- parameters: failuresAbove=10, spanMs=300000
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Trino 346+ (RANGE frames with an offset). The DuckDB text as it is, over the table you name; "/" of BIGINTs
-- truncates where DuckDB’s divides: the same floor for epoch times.
-- verified: parsed by the ANTLR grammar of Trino (dt-sql-parser), not run on Trino; the DuckDB text of this query is run and
-- held to the streaming detector’s findings.
-- at each trigger event, the counted events of its key in the 300000 ms up to it (same millisecond included); a finding when more than 10
WITH marked AS (
  SELECT id, "user", "time", ("type" IN ('mfa.result') AND result IN ('approved')) AS is_trigger, ("type" IN ('mfa.result') AND result IN ('denied', 'timeout')) AS is_counted
  FROM events
  WHERE ("type" IN ('mfa.result') AND result IN ('approved')) OR ("type" IN ('mfa.result') AND result IN ('denied', 'timeout'))
), counted AS (
  SELECT id, "user", "time", is_trigger,
    count(CASE WHEN is_counted THEN 1 END) OVER (PARTITION BY "user" ORDER BY "time" RANGE BETWEEN 300000 PRECEDING AND CURRENT ROW) AS before,
    array_agg(id) OVER (PARTITION BY "user" ORDER BY "time" RANGE BETWEEN 300000 PRECEDING AND CURRENT ROW) AS ids
  FROM marked
)
SELECT "user" AS entity, "time" AS decision_time, ids AS evidence
FROM counted
WHERE is_trigger AND before > 10
ORDER BY decision_time, entity;
