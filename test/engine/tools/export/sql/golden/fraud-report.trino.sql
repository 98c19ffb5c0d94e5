-- fraud-report v1.0.0: User reported a push as fraud
-- parameters: none
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Trino 346+ (RANGE frames with an offset). The DuckDB text as it is, over the table you name; "/" of BIGINTs
-- truncates where DuckDB’s divides: the same floor for epoch times.
-- verified: parsed by the ANTLR grammar of Trino (dt-sql-parser), not run on Trino; the DuckDB text of this query is run and
-- held to the streaming detector’s findings.
SELECT "user" AS entity, "time" AS decision_time, ARRAY[id] AS evidence
FROM events
WHERE "type" IN ('mfa.result') AND result IN ('fraud')
ORDER BY decision_time, entity;
