-- Issue 11, item 4: a rule that is switched off, or whose CRM table or column is not there, is stored
-- with verdict NOT_CONFIGURED and why (message key and arguments, separated by U+001F).
-- Versions 11_x are this issue's, kept apart from the other helpers' numbers.
ALTER TABLE quality_metric MODIFY verdict VARCHAR(20) NOT NULL;
ALTER TABLE quality_metric ADD COLUMN not_configured VARCHAR(500);
