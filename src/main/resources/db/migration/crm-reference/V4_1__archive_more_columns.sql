-- Columns for common archive headers (issue 11): 建档日期/创建日期, 客户来源/来源, 备注.
-- Mapped by logical name in mappings/crm.yml.
ALTER TABLE crm_customer ADD COLUMN created_date DATE;
ALTER TABLE crm_customer ADD COLUMN customer_source VARCHAR(60);
ALTER TABLE crm_customer ADD COLUMN remark VARCHAR(500);
