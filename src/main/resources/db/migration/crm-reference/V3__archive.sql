-- Columns the legacy Excel archive import fills (issue 5). Mapped by logical name in mappings/crm.yml.
ALTER TABLE crm_customer ADD COLUMN contact VARCHAR(60);
ALTER TABLE crm_customer ADD COLUMN mobile VARCHAR(20);
ALTER TABLE crm_customer ADD COLUMN landline VARCHAR(40);
ALTER TABLE crm_customer ADD COLUMN industry VARCHAR(60);
ALTER TABLE crm_customer ADD COLUMN region VARCHAR(60);
ALTER TABLE crm_customer ADD COLUMN established_date DATE;
ALTER TABLE crm_customer ADD COLUMN registered_capital DECIMAL(18,2);
ALTER TABLE crm_customer ADD COLUMN source_file VARCHAR(300);
CREATE INDEX ix_crm_customer_name ON crm_customer (name);
