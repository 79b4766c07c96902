-- Archive import, issue 11: de-duplication by company (credit code, else normalised name, phones to
-- confirm), in-file rows merged into their company, and counts that say what happened.
-- name_phone_key (V5) is no longer written; kept so existing hub stores migrate without a rebuild.
ALTER TABLE archive_import ADD COLUMN unchanged BIGINT NOT NULL DEFAULT 0;
ALTER TABLE archive_import ADD COLUMN unmapped_columns VARCHAR(2000);
-- name_key: the normalised company name; company_key: C:<credit code> or N:<name key>, the company the
-- row belongs to; company_seq: the seq of the company's first row (rows are merged in that order).
ALTER TABLE archive_staging ADD COLUMN name_key VARCHAR(300);
ALTER TABLE archive_staging ADD COLUMN company_key VARCHAR(310);
ALTER TABLE archive_staging ADD COLUMN company_seq BIGINT;
CREATE INDEX ix_archive_staging_name ON archive_staging (import_id, name_key);
CREATE INDEX ix_archive_staging_company ON archive_staging (import_id, company_key);
CREATE INDEX ix_archive_staging_order ON archive_staging (import_id, company_seq, seq);
