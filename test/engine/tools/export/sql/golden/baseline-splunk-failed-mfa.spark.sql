-- baseline-splunk-failed-mfa v1.0.0: Baseline (Splunk): multiple failed MFA requests for user
-- parameters: threshold=10, bucketMs=300000
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Spark SQL 3.0+. The DuckDB text in Spark’s spelling: identifiers in backticks (in Spark "…" is a string unless
-- spark.sql.ansi.doubleQuotedIdentifiers is on), string literals escaped with \, array(…) for ARRAY[…], collect_list for
-- array_agg. Spark’s aggregates take no ORDER BY, so a group’s evidence is array_sort of (time, id) structs, then their ids:
-- the order of DuckDB’s array_agg(id ORDER BY "time", id).
-- verified: parsed by the ANTLR grammar of Spark SQL (dt-sql-parser), not run on Spark. The DuckDB text of this query is run
-- and held to the streaming detector’s findings, and this ordering, in DuckDB’s function names, to DuckDB’s evidence order.
-- tumbling buckets of 300000 ms aligned to the epoch; a finding at each bucket's end with >= 10 events
SELECT `user` AS entity, CAST((floor(`time` / 300000) + 1) * 300000 AS BIGINT) AS decision_time, transform(array_sort(collect_list(named_struct('time', `time`, 'id', id))), e -> e.id) AS evidence
FROM events
WHERE `type` IN ('mfa.result') AND outcome = 'failure'
GROUP BY `user`, floor(`time` / 300000)
HAVING count(*) >= 10
ORDER BY decision_time, entity;
