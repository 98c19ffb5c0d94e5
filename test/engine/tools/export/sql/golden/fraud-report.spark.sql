-- fraud-report v1.0.0: User reported a push as fraud
-- parameters: none
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Spark SQL 3.0+. The DuckDB text in Spark’s spelling: identifiers in backticks (in Spark "…" is a string unless
-- spark.sql.ansi.doubleQuotedIdentifiers is on), string literals escaped with \, array(…) for ARRAY[…], collect_list for
-- array_agg. Spark’s aggregates take no ORDER BY, so a group’s evidence is array_sort of (time, id) structs, then their ids:
-- the order of DuckDB’s array_agg(id ORDER BY "time", id).
-- verified: parsed by the ANTLR grammar of Spark SQL (dt-sql-parser), not run on Spark. The DuckDB text of this query is run
-- and held to the streaming detector’s findings, and this ordering, in DuckDB’s function names, to DuckDB’s evidence order.
SELECT `user` AS entity, `time` AS decision_time, array(id) AS evidence
FROM events
WHERE `type` IN ('mfa.result') AND result IN ('fraud')
ORDER BY decision_time, entity;
