-- Decision batches written by one function call (issue 5, performance). The group-commit writer
-- used to send the whole INSERT (a recursive CTE) and the rollup upsert as text with every batch,
-- so PostgreSQL parsed and planned both each time; here their plans are cached per connection
-- and the chain is linked in an O(n) loop instead of a recursive self-join.
--
-- batch: [{"canon": <canonical JSON text of the row's chained fields>, "response": <answer>}, ...]
-- in chain order. Under the chain lock (727290, the same lock every writer takes) the function
-- reads the head, links each row as sha256(prev || "\n" || canon) — exactly what the verifier
-- (lib/audit/chain.ts) recomputes — inserts the rows unpacked from the same canonical text, and
-- adds them to the per-minute decision counts. Returns the number of rows written.
CREATE FUNCTION write_decision_batch(batch jsonb) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  -- One plan per statement for every batch: the shape never changes, only the JSON does.
  SET plan_cache_mode = force_generic_plan
  AS $fn$
DECLARE
  head text;
  canon text;
  i integer := 0;
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(727290);
  -- A new snapshot per statement (READ COMMITTED): the head committed before the lock was granted.
  SELECT d.hash INTO head FROM decisions d ORDER BY d.seq DESC LIMIT 1;
  head := coalesce(head, 'sha256:0000000000000000000000000000000000000000000000000000000000000000');
  FOR canon IN SELECT e.v ->> 'canon' FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(v, n) ORDER BY e.n LOOP
    i := i + 1;
    prevs[i] := head;
    head := 'sha256:' || encode(sha256(convert_to(head || E'\n' || canon, 'UTF8')), 'hex');
    hashes[i] := head;
  END LOOP;

  WITH rows AS (
    SELECT e.n, e.v -> 'response' AS response, f.*
    FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(v, n)
    CROSS JOIN LATERAL jsonb_to_record((e.v ->> 'canon')::jsonb) AS f(
      "id" uuid, "at" timestamptz, "environment" text, "agentId" uuid, "clientId" text, "server" text, "tool" text,
      "action" text, "risk" text, "decision" text, "outcome" text, "ruleId" text, "reason" text, "constraints" jsonb,
      "policyVersion" int, "policyHash" text, "requestHash" text, "arguments" jsonb, "approvalId" uuid, "idempotencyKey" text,
      "tokenJti" text, "latencyMs" float8, "httpStatus" int)
  ), inserted AS (
    INSERT INTO decisions ("id", "at", "environment", "agentId", "clientId", "server", "tool", "action", "risk", "decision",
      "outcome", "ruleId", "reason", "constraints", "policyVersion", "policyHash", "requestHash", "arguments", "approvalId",
      "idempotencyKey", "tokenJti", "latencyMs", "httpStatus", "response", "prevHash", "hash")
    SELECT r."id", r."at", r."environment"::"Environment", r."agentId", r."clientId", r."server", r."tool", r."action", r."risk",
      r."decision", r."outcome", r."ruleId", r."reason", r."constraints", r."policyVersion", r."policyHash", r."requestHash",
      r."arguments", r."approvalId", r."idempotencyKey", r."tokenJti", r."latencyMs", r."httpStatus", r.response,
      prevs[r.n::int], hashes[r.n::int]
    FROM rows r ORDER BY r.n
    RETURNING "at", "environment", "server", "action", "outcome"
  )
  INSERT INTO metric_decision_rollups (minute, environment, server, action, outcome, count)
  SELECT date_trunc('minute', i."at", 'UTC'), i."environment", i."server", coalesce(i."action", ''), i."outcome", count(*)
  FROM inserted i
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 2, 1, 3, 4, 5
  ON CONFLICT (environment, minute, server, action, outcome) DO UPDATE SET count = metric_decision_rollups.count + EXCLUDED.count;

  RETURN i;
END
$fn$;
