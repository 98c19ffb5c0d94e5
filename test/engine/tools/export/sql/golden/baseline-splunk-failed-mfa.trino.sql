-- baseline-splunk-failed-mfa v1.0.0: Baseline (Splunk): multiple failed MFA requests for user
-- parameters: threshold=10, bucketMs=300000
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Trino 346+ (RANGE frames with an offset). The DuckDB text as it is, over the table you name; "/" of BIGINTs
-- truncates where DuckDB’s divides: the same floor for epoch times.
-- verified: parsed by the ANTLR grammar of Trino (dt-sql-parser), not run on Trino; the DuckDB text of this query is run and
-- held to the streaming detector’s findings.
-- tumbling buckets of 300000 ms aligned to the epoch; a finding at each bucket's end with >= 10 events
SELECT "user" AS entity, CAST((floor("time" / 300000) + 1) * 300000 AS BIGINT) AS decision_time, array_agg(id ORDER BY "time", id) AS evidence
FROM events
WHERE "type" IN ('mfa.result') AND outcome = 'failure'
GROUP BY "user", floor("time" / 300000)
HAVING count(*) >= 10
ORDER BY decision_time, entity;
