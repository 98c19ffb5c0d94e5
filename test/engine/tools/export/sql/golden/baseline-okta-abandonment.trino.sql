-- baseline-okta-abandonment v1.0.0: Baseline (Okta): suspicious MFA abandonment
-- parameters: eventsAbove=5, usersAbove=5, proxyClause=1, windowMs=3600000
-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence
-- over a relation named events (a table or view you provide) with the canonical event's columns (id, time, source, type, user, ip, asn, as_org, country, proxy, proxy_kind, device_id, device_kind, hostname, app, transaction, session, challenge_id, factor, result, outcome, reason, mac_process, mac_method)
-- dialect: Trino 346+ (RANGE frames with an offset). The DuckDB text as it is, over the table you name; "/" of BIGINTs
-- truncates where DuckDB’s divides: the same floor for epoch times.
-- verified: parsed by the ANTLR grammar of Trino (dt-sql-parser), not run on Trino; the DuckDB text of this query is run and
-- held to the streaming detector’s findings.
-- a window of 3600000 ms ending at each accepted event (same millisecond included), per source; a finding when any clause holds
WITH accepted AS (
  SELECT ip AS entity, "time", id, "user", proxy
  FROM events
  WHERE "type" IN ('mfa.result') AND result IN ('timeout') AND ip IS NOT NULL
), windowed AS (
  SELECT w.entity, w."time",
    count(*) AS events,
    count(DISTINCT a."user") AS users,
    count(CASE WHEN a.proxy THEN 1 END) AS proxies,
    array_agg(a.id ORDER BY a."time", a.id) AS ids
  FROM (SELECT DISTINCT entity, "time" FROM accepted) w
  JOIN accepted a ON a.entity = w.entity AND a."time" BETWEEN w."time" - 3600000 AND w."time"
  GROUP BY w.entity, w."time"
)
SELECT entity, "time" AS decision_time, ids AS evidence
FROM windowed
WHERE (users = 1 AND events > 5) OR (users > 5) OR (1 >= 1 AND proxies > 0)
ORDER BY decision_time, entity;
