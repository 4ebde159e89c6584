-- The host table and operations (issue 4). Counting hosts by state for the metrics is a range
-- over last_seen; a volunteer's hosts are found by account (the earnings statement, the table's
-- join the other way round).
CREATE INDEX hosts_by_last_seen ON hosts (last_seen);
CREATE INDEX hosts_by_account ON hosts (account_id);
