-- SPDX-License-Identifier: GPL-3.0-or-later
-- Version 17: a record's revision (the file's step 17, docs/RELIABILITY.md).
-- Every write of a record a clerk edits adds one to it, in the UPDATE
-- itself; a form saves only while the record still has the revision it
-- opened (UPDATE … WHERE id = ? AND revision = ?). Run after schema.sql
-- when a ledger is made, and on a ledger of version 16 when it is opened
-- for writing, in the same transaction as the rest.

ALTER TABLE campaign ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE phase ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE unit ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE person ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE working_group ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE task ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE problem ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE measure ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE supervisor ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE feedback ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE officer ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE course ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE enrolment ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE activity_series ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE activity_entry ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE accountability ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE visit ADD COLUMN revision bigint NOT NULL DEFAULT 1;

-- Other windows refresh what they show (docs/RELIABILITY.md): every
-- statement that writes a table of records tells the ledger's listeners
-- (LISTEN rectify_changed) which table and which session wrote it, as
-- "TABLE PID". The notice is part of the statement's transaction: sent
-- when it commits, never for a rollback, and the same payload once per
-- transaction however many rows were written. The running totals (total_*)
-- follow their records and tell nothing of their own. Made here, in
-- version 17, so that a server ledger made at version 16 gets it too, for
-- every table schema.sql makes; a table added by a later step needs its own
-- trigger there.
CREATE FUNCTION rct_notify_changed () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify ('rectify_changed', TG_TABLE_NAME || ' ' || pg_backend_pid ());
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema ()
             AND tablename NOT LIKE 'total\_%' AND tablename <> 'rectify_schema' LOOP
    EXECUTE format ('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                    ' FOR EACH STATEMENT EXECUTE FUNCTION rct_notify_changed ()', t || '_notify', t);
  END LOOP;
END $$;

UPDATE rectify_schema SET version = 17 WHERE id = 1;
