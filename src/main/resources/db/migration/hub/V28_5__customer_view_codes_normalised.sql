-- Customer view (issue 12): the hub keeps item, customer, line and shift codes trimmed and in upper case
-- (customerview.SourceKeys) since this version. Rows read before keep the source's spelling: the next run of
-- every figure is a full refresh (its as-of times are new anyway), which replaces them. Re-runnable.
UPDATE cv_source_state SET full_at = NULL;
