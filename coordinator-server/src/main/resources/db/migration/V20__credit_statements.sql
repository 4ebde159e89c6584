-- Credit and earnings (issue 4): what the earnings statement and the account summary read, kept
-- up to date by every grant (io.axon.coordinator.credit.CreditGranter) so that no request sums
-- an account's whole ledger.

-- Money earned so far, beside total_credit (V2).
ALTER TABLE accounts ADD COLUMN total_earnings NUMERIC(24, 9) NOT NULL DEFAULT 0;

-- What an account earned per UTC day and job. A statement sums these rows for the whole days of
-- its period and reads the ledger only for the partial days at its ends. Written only while the
-- grant holds the account's row lock, so an UPDATE-then-INSERT needs no upsert.
CREATE TABLE credit_daily (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  grant_day DATE NOT NULL,
  job_id BIGINT NOT NULL REFERENCES jobs (id),
  credit DOUBLE PRECISION NOT NULL,
  earnings NUMERIC(24, 9) NOT NULL,
  replicas BIGINT NOT NULL,
  PRIMARY KEY (account_id, grant_day, job_id)
);

-- Ledger rows granted before this migration (a V2 database): their day as the database sees it.
INSERT INTO credit_daily (account_id, grant_day, job_id, credit, earnings, replicas)
SELECT account_id, CAST(granted_at AS DATE), job_id, SUM(credit), SUM(earnings), COUNT(*)
FROM credit_ledger WHERE account_id IS NOT NULL
GROUP BY account_id, CAST(granted_at AS DATE), job_id;

UPDATE accounts SET total_earnings =
  (SELECT COALESCE(SUM(earnings), 0) FROM credit_ledger WHERE account_id = accounts.id);

-- The statement's newest entries: ORDER BY account_id, granted_at DESC, id DESC LIMIT 1000 reads
-- the index in order instead of sorting the account's whole period. (Hosts by account: V30.)
DROP INDEX credit_ledger_account;
CREATE INDEX credit_ledger_account ON credit_ledger (account_id, granted_at DESC, id DESC);

