-- SPDX-License-Identifier: GPL-3.0-or-later
-- Step 18: the file's CHECK (x IN (…)) lists are written as comparisons,
-- since SQLite made a table for each list at every run of a statement
-- (data/store/sqlite/rct-schema.c). PostgreSQL checks a list as quickly as
-- comparisons: the server's tables stay as they are, and only the version
-- moves on.
UPDATE rectify_schema SET version = 18 WHERE id = 1;
