-- Stage capture, issue 10: its CDC engine was 'stage-capture-<connector>' (Debezium name, and topic prefix
-- 'etlhub-stage-capture-<connector>') while quality ran it; it is now the route routes/stage-capture.yaml, engine
-- 'stage-capture'. An engine finds its position and schema history under its own id and names, so without this the
-- route would ignore the old position and take a new snapshot. The rows of the old engine are carried over, with the names
-- inside them rewritten, only while the new engine has no position yet and only when there is one old engine.
-- Re-runnable: a second run finds the position of the new engine and copies nothing. The old rows stay (nothing reads them).

INSERT INTO cdc_event_seen (engine, event_key, seen_at)
SELECT 'stage-capture', s.event_key, s.seen_at
FROM cdc_event_seen s
WHERE s.engine LIKE 'stage-capture-%'
  AND NOT EXISTS (SELECT 1 FROM cdc_offset n WHERE n.engine = 'stage-capture')
  AND NOT EXISTS (SELECT 1 FROM cdc_offset x WHERE x.engine LIKE 'stage-capture-%' AND x.engine <> s.engine)
  AND EXISTS (SELECT 1 FROM cdc_offset o WHERE o.engine = s.engine)
  AND NOT EXISTS (SELECT 1 FROM cdc_event_seen d WHERE d.engine = 'stage-capture' AND d.event_key = s.event_key);

INSERT INTO cdc_schema_history (engine, seq, record, recorded_at)
SELECT 'stage-capture', h.seq, REPLACE(h.record, CONCAT('"etlhub-', h.engine, '"'), '"etlhub-stage-capture"'), h.recorded_at
FROM cdc_schema_history h
WHERE h.engine LIKE 'stage-capture-%'
  AND NOT EXISTS (SELECT 1 FROM cdc_offset n WHERE n.engine = 'stage-capture')
  AND NOT EXISTS (SELECT 1 FROM cdc_schema_history n WHERE n.engine = 'stage-capture')
  AND NOT EXISTS (SELECT 1 FROM cdc_offset x WHERE x.engine LIKE 'stage-capture-%' AND x.engine <> h.engine)
  AND EXISTS (SELECT 1 FROM cdc_offset o WHERE o.engine = h.engine);

INSERT INTO cdc_offset (engine, offset_key, offset_value, updated_at)
SELECT 'stage-capture',
       REPLACE(REPLACE(o.offset_key, CONCAT('"etlhub-', o.engine, '"'), '"etlhub-stage-capture"'), CONCAT('"', o.engine, '"'),
               '"stage-capture"'),
       o.offset_value, o.updated_at
FROM cdc_offset o
WHERE o.engine LIKE 'stage-capture-%'
  AND NOT EXISTS (SELECT 1 FROM cdc_offset n WHERE n.engine = 'stage-capture')
  AND NOT EXISTS (SELECT 1 FROM cdc_offset x WHERE x.engine LIKE 'stage-capture-%' AND x.engine <> o.engine);
