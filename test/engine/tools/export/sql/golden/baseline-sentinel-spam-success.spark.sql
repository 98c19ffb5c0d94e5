-- baseline-sentinel-spam-success v1.0.0: Baseline (Sentinel): MFA spamming followed by successful login
-- parameters: failuresAbove=10, spanMs=300000
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Spark SQL 3.0+. The DuckDB text in Spark’s spelling: identifiers in backticks (in Spark "…" is a string unless
-- spark.sql.ansi.doubleQuotedIdentifiers is on), string literals escaped with \, array(…) for ARRAY[…], collect_list for
-- array_agg. Spark’s aggregates take no ORDER BY, so a group’s evidence is array_sort of (time, id) structs, then their ids:
-- the order of DuckDB’s array_agg(id ORDER BY "time", id).
-- verified: parsed by the ANTLR grammar of Spark SQL (dt-sql-parser), not run on Spark. The DuckDB text of this query is run
-- and held to the streaming detector’s findings, and this ordering, in DuckDB’s function names, to DuckDB’s evidence order.
-- at each trigger event, the counted events of its key in the 300000 ms up to it (same millisecond included); a finding when more than 10
WITH marked AS (
  SELECT id, `user`, `time`, (`type` IN ('mfa.result') AND result IN ('approved')) AS is_trigger, (`type` IN ('mfa.result') AND result IN ('denied', 'timeout')) AS is_counted
  FROM events
  WHERE (`type` IN ('mfa.result') AND result IN ('approved')) OR (`type` IN ('mfa.result') AND result IN ('denied', 'timeout'))
), counted AS (
  SELECT id, `user`, `time`, is_trigger,
    count(CASE WHEN is_counted THEN 1 END) OVER (PARTITION BY `user` ORDER BY `time` RANGE BETWEEN 300000 PRECEDING AND CURRENT ROW) AS before,
    collect_list(id) OVER (PARTITION BY `user` ORDER BY `time` RANGE BETWEEN 300000 PRECEDING AND CURRENT ROW) AS ids
  FROM marked
)
SELECT `user` AS entity, `time` AS decision_time, ids AS evidence
FROM counted
WHERE is_trigger AND before > 10
ORDER BY decision_time, entity;
