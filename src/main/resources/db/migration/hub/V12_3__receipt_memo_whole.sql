-- Issue 11, item 6: the whole ERP memo is kept (it was cut at 500 characters, losing the opportunity
-- number finance needs to see), and error details may name several fields.
-- Re-runnable: MODIFY to the same definition changes nothing.
ALTER TABLE receipt_ledger MODIFY memo TEXT;
ALTER TABLE receipt_ledger MODIFY reason_detail VARCHAR(2000);
