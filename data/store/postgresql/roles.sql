-- SPDX-License-Identifier: GPL-3.0-or-later
-- The roles of a server ledger, made by `rectify-cli server init` (again
-- when they exist: the grants are brought up to date). An office's logins
-- are members of one of them (GRANT rectify_clerk TO wang):
--
--   rectify_viewer    reads everything, changes nothing
--   rectify_clerk     also registers and edits records, moves problems
--                     through the workflow, but cannot close one
--   rectify_verifier  also closes problems (verification)
--
-- Closing is held by a row-level rule on problem: a row may be written
-- with status 'closed', or a closed one removed, only by a member of
-- rectify_verifier. The schema's
-- own table (rectify_schema) is changed only by its owner.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rectify_viewer') THEN
    CREATE ROLE rectify_viewer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rectify_clerk') THEN
    CREATE ROLE rectify_clerk NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rectify_verifier') THEN
    CREATE ROLE rectify_verifier NOLOGIN;
  END IF;
END $$;

GRANT rectify_viewer TO rectify_clerk;
GRANT rectify_clerk TO rectify_verifier;

GRANT USAGE ON SCHEMA public TO rectify_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO rectify_viewer;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rectify_clerk;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO rectify_clerk;
REVOKE INSERT, UPDATE, DELETE ON rectify_schema FROM rectify_clerk;

ALTER TABLE problem ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS problem_read ON problem;
DROP POLICY IF EXISTS problem_remove ON problem;
DROP POLICY IF EXISTS problem_register ON problem;
DROP POLICY IF EXISTS problem_edit ON problem;
CREATE POLICY problem_read ON problem FOR SELECT USING (true);
-- Nor is a closed problem removed but by a verifier (Rectify refuses it
-- anyway: closed is read-only until reopened); for another login it is
-- not there to delete.
CREATE POLICY problem_remove ON problem FOR DELETE
  USING (status <> 'closed' OR pg_has_role ('rectify_verifier', 'MEMBER'));
CREATE POLICY problem_register ON problem FOR INSERT
  WITH CHECK (status <> 'closed' OR pg_has_role ('rectify_verifier', 'MEMBER'));
CREATE POLICY problem_edit ON problem FOR UPDATE USING (true)
  WITH CHECK (status <> 'closed' OR pg_has_role ('rectify_verifier', 'MEMBER'));
