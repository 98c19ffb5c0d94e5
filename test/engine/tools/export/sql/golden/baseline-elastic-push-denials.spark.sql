-- baseline-elastic-push-denials v1.0.0: Baseline (Elastic): potential MFA bombing via push notifications
-- parameters: runs=5, maxspanMs=600000
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Spark SQL 3.0+. The DuckDB text in Spark’s spelling: identifiers in backticks (in Spark "…" is a string unless
-- spark.sql.ansi.doubleQuotedIdentifiers is on), string literals escaped with \, array(…) for ARRAY[…], collect_list for
-- array_agg. Spark’s aggregates take no ORDER BY, so a group’s evidence is array_sort of (time, id) structs, then their ids:
-- the order of DuckDB’s array_agg(id ORDER BY "time", id).
-- verified: parsed by the ANTLR grammar of Spark SQL (dt-sql-parser), not run on Spark. The DuckDB text of this query is run
-- and held to the streaming detector’s findings, and this ordering, in DuckDB’s function names, to DuckDB’s evidence order.
-- sequences of 5 counted events at most 600000 ms from first to last, cut by any "until" event; a finding at each counted event that completes one
WITH marked AS (
  SELECT `user`, `time`, id, (`type` IN ('mfa.result') AND result IN ('denied')) AS is_counted, ((`type` IN ('session.start') AND (outcome IS NULL OR outcome <> 'failure')) OR (`type` IN ('mfa.result') AND result IN ('approved'))) AS is_until
  FROM events
  WHERE (`type` IN ('mfa.result') AND result IN ('denied')) OR (`type` IN ('session.start') AND (outcome IS NULL OR outcome <> 'failure')) OR (`type` IN ('mfa.result') AND result IN ('approved'))
), segmented AS (
  SELECT id, `user`, `time`, is_counted,
    count(CASE WHEN is_until THEN 1 END) OVER (PARTITION BY `user` ORDER BY `time`, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS segment
  FROM marked
), counted AS (
  SELECT `user`, `time`,
    count(*) OVER (PARTITION BY `user`, segment ORDER BY `time` RANGE BETWEEN 600000 PRECEDING AND CURRENT ROW) AS run,
    collect_list(id) OVER (PARTITION BY `user`, segment ORDER BY `time` RANGE BETWEEN 600000 PRECEDING AND CURRENT ROW) AS ids
  FROM segmented
  WHERE is_counted
)
SELECT DISTINCT `user` AS entity, `time` AS decision_time, ids AS evidence
FROM counted
WHERE run >= 5
ORDER BY decision_time, entity;
