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

UPDATE rectify_schema SET version = 17 WHERE id = 1;
