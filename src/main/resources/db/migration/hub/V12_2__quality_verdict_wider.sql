-- Issue 11, item 4: the verdict NOT_CONFIGURED (a rule switched off, or whose CRM table or column is
-- not there) needs a wider column. Re-runnable: MODIFY to the same definition changes nothing.
-- The column saying why (quality_metric.not_configured) is added by HubStoreMigrations (12.1).
ALTER TABLE quality_metric MODIFY verdict VARCHAR(20) NOT NULL;
