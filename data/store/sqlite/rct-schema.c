/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-schema"

#include "config.h"

#include "rct-schema.h"
#include "rct-store.h"

/* The ledger's schema, as the steps that build it. Step N takes a ledger
 * from user_version N-1 to N; steps are never edited once released, only
 * added. rct-store.c runs them in one transaction, after a backup. */

#define STAMPS "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"
#define KEY "id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE"

/* Version 1: the records. */
static const char migration_1[] =
  "CREATE TABLE campaign (" KEY ", name TEXT NOT NULL, " STAMPS ");"

  "CREATE TABLE phase (" KEY ","
  " campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,"
  " key TEXT NOT NULL CHECK (key IN ('study', 'rectify', 'consolidate')),"
  " name TEXT NOT NULL, start_date TEXT, end_date TEXT,"
  " position INTEGER NOT NULL DEFAULT 0, " STAMPS ","
  " UNIQUE (campaign_id, key));"

  "CREATE TABLE unit (" KEY ", name TEXT NOT NULL UNIQUE, head TEXT, kind TEXT,"
  " position INTEGER NOT NULL DEFAULT 0, " STAMPS ");"

  "CREATE TABLE person (" KEY ", name TEXT NOT NULL UNIQUE,"
  " unit_id INTEGER REFERENCES unit (id), title TEXT, phone TEXT, " STAMPS ");"
  "CREATE INDEX person_unit ON person (unit_id);"

  "CREATE TABLE working_group (" KEY ", name TEXT NOT NULL UNIQUE,"
  " lead_id INTEGER REFERENCES person (id), remit TEXT,"
  " position INTEGER NOT NULL DEFAULT 0, " STAMPS ");"

  "CREATE TABLE working_group_member (" KEY ","
  " group_id INTEGER NOT NULL REFERENCES working_group (id) ON DELETE CASCADE,"
  " person_id INTEGER NOT NULL REFERENCES person (id), " STAMPS ","
  " UNIQUE (group_id, person_id));"
  "CREATE INDEX working_group_member_person ON working_group_member (person_id);"

  "CREATE TABLE task (" KEY ","
  " group_id INTEGER NOT NULL REFERENCES working_group (id),"
  " title TEXT NOT NULL,"
  " kind TEXT NOT NULL DEFAULT 'prescribed' CHECK (kind IN ('prescribed', 'self-chosen')),"
  " owner_id INTEGER REFERENCES person (id),"
  " unit_id INTEGER REFERENCES unit (id),"
  " phase TEXT CHECK (phase IS NULL OR phase IN ('study', 'rectify', 'consolidate')),"
  " start_date TEXT, deadline TEXT,"
  " status TEXT NOT NULL DEFAULT 'not-started'"
  "   CHECK (status IN ('not-started', 'in-progress', 'done')),"
  " target_count INTEGER NOT NULL DEFAULT 0 CHECK (target_count >= 0),"
  " done_count INTEGER NOT NULL DEFAULT 0 CHECK (done_count >= 0),"
  " note TEXT, " STAMPS ");"
  "CREATE INDEX task_group ON task (group_id, deadline);"
  "CREATE INDEX task_owner ON task (owner_id);"
  "CREATE INDEX task_unit ON task (unit_id);"

  "CREATE TABLE task_progress (" KEY ","
  " task_id INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,"
  " date TEXT NOT NULL, note TEXT, count INTEGER NOT NULL DEFAULT 0, " STAMPS ");"
  "CREATE INDEX task_progress_task ON task_progress (task_id);"

  "CREATE TABLE problem (" KEY ", number TEXT NOT NULL UNIQUE,"
  " description TEXT NOT NULL,"
  " source TEXT NOT NULL CHECK (source IN ('self-inspection', 'office-inspection',"
  "   'public-report', 'supervisor-feedback', 'superior-inspection', 'case-review')),"
  " category TEXT,"
  " unit_id INTEGER NOT NULL REFERENCES unit (id),"
  " group_id INTEGER REFERENCES working_group (id),"
  " responsible_id INTEGER REFERENCES person (id),"
  " found_date TEXT NOT NULL, deadline TEXT NOT NULL CHECK (deadline >= found_date),"
  " status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'rectifying',"
  "   'awaiting-verification', 'closed')),"
  " verification TEXT, verified_by TEXT, verified_date TEXT, closed_date TEXT,"
  " mechanism TEXT, " STAMPS ");"
  "CREATE INDEX problem_status ON problem (status, deadline);"
  "CREATE INDEX problem_unit ON problem (unit_id, status);"
  "CREATE INDEX problem_deadline ON problem (deadline);"
  "CREATE INDEX problem_found ON problem (found_date);"
  "CREATE INDEX problem_source ON problem (source);"
  "CREATE INDEX problem_group ON problem (group_id);"
  "CREATE INDEX problem_responsible ON problem (responsible_id);"

  "CREATE TABLE measure (" KEY ","
  " problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,"
  " text TEXT NOT NULL, owner TEXT, deadline TEXT, done_date TEXT, " STAMPS ");"
  "CREATE INDEX measure_problem ON measure (problem_id);"

  "CREATE TABLE extension (" KEY ","
  " problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,"
  " old_deadline TEXT NOT NULL, new_deadline TEXT NOT NULL, reason TEXT NOT NULL,"
  " decided_by TEXT NOT NULL, decided_at TEXT NOT NULL, " STAMPS ");"
  "CREATE INDEX extension_problem ON extension (problem_id);"

  "CREATE TABLE evidence (" KEY ","
  " problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,"
  " filename TEXT NOT NULL, content_type TEXT, size INTEGER NOT NULL,"
  " sha256 TEXT NOT NULL, content BLOB NOT NULL, " STAMPS ");"
  "CREATE INDEX evidence_problem ON evidence (problem_id);"

  "CREATE TABLE supervisor (" KEY ", name TEXT NOT NULL,"
  " category TEXT NOT NULL CHECK (category IN ('deputy', 'cadre', 'village', 'citizen', 'other')),"
  " organisation TEXT, contact TEXT, appointed TEXT, term_end TEXT,"
  " active INTEGER NOT NULL DEFAULT 1, " STAMPS ");"

  "CREATE TABLE feedback (" KEY ","
  " supervisor_id INTEGER NOT NULL REFERENCES supervisor (id),"
  " received_date TEXT NOT NULL,"
  " channel TEXT CHECK (channel IS NULL OR channel IN ('visit', 'phone', 'letter', 'meeting', 'online')),"
  " unit_id INTEGER REFERENCES unit (id),"
  " content TEXT NOT NULL,"
  " kind TEXT NOT NULL CHECK (kind IN ('complaint', 'suggestion', 'praise')),"
  " reply_due TEXT, reply TEXT, reply_date TEXT,"
  " satisfaction TEXT CHECK (satisfaction IS NULL OR satisfaction IN"
  "   ('satisfied', 'basically-satisfied', 'unsatisfied')),"
  " problem_id INTEGER REFERENCES problem (id) ON DELETE SET NULL, " STAMPS ");"
  "CREATE INDEX feedback_supervisor ON feedback (supervisor_id);"
  "CREATE INDEX feedback_unit ON feedback (unit_id);"
  "CREATE INDEX feedback_problem ON feedback (problem_id);"

  "CREATE TABLE journal (" KEY ", record_table TEXT NOT NULL, record_uuid TEXT NOT NULL,"
  " record_label TEXT, field TEXT NOT NULL, old_value TEXT, new_value TEXT,"
  " who TEXT NOT NULL, at TEXT NOT NULL, reason TEXT, " STAMPS ");"
  "CREATE INDEX journal_record ON journal (record_table, record_uuid);"

  /* The lock against a second running copy: one row, host and process. */
  "CREATE TABLE lock (id INTEGER PRIMARY KEY CHECK (id = 1), host TEXT NOT NULL,"
  " pid INTEGER NOT NULL, since TEXT NOT NULL);";

/* Version 2: full-text search. The trigram tokenizer, because the default
 * one does not split Chinese into words; contentless tables kept in step
 * with their records by triggers. */
#define FTS_TRIGGERS(table, cols, newcols, oldcols) \
  "CREATE TRIGGER " table "_fts_insert AFTER INSERT ON " table " BEGIN" \
  " INSERT INTO " table "_fts (rowid, " cols ") VALUES (new.id, " newcols "); END;" \
  "CREATE TRIGGER " table "_fts_delete AFTER DELETE ON " table " BEGIN" \
  " INSERT INTO " table "_fts (" table "_fts, rowid, " cols ") VALUES ('delete', old.id, " oldcols "); END;" \
  "CREATE TRIGGER " table "_fts_update AFTER UPDATE OF " cols " ON " table " BEGIN" \
  " INSERT INTO " table "_fts (" table "_fts, rowid, " cols ") VALUES ('delete', old.id, " oldcols ");" \
  " INSERT INTO " table "_fts (rowid, " cols ") VALUES (new.id, " newcols "); END;"
#define FTS(table, cols, newcols, oldcols) \
  "CREATE VIRTUAL TABLE " table "_fts USING fts5 (" cols ", content='" table "'," \
  " content_rowid='id', tokenize='trigram');" \
  FTS_TRIGGERS (table, cols, newcols, oldcols) \
  "INSERT INTO " table "_fts (" table "_fts) VALUES ('rebuild');"

/* Expands its arguments first, so one macro can give all four. */
#define APPLY(macro, ...) macro (__VA_ARGS__)

#define PROBLEM_FTS "problem", "number, description, category, mechanism", \
  "new.number, new.description, new.category, new.mechanism", \
  "old.number, old.description, old.category, old.mechanism"
#define TASK_FTS "task", "title, note", "new.title, new.note", "old.title, old.note"
#define FEEDBACK_FTS "feedback", "content, reply", "new.content, new.reply", "old.content, old.reply"

static const char migration_2[] =
  APPLY (FTS, PROBLEM_FTS)
  APPLY (FTS, TASK_FTS)
  APPLY (FTS, FEEDBACK_FTS);

/* Version 3: indexes that give the ledger list its rows already in order
 * for the filters people use most (status, unit, overdue), so a filter
 * change on a million problems reads an index instead of sorting. */
static const char migration_3[] =
  "DROP INDEX problem_status;"
  "CREATE INDEX problem_status ON problem (status, number);"
  "DROP INDEX problem_unit;"
  "CREATE INDEX problem_unit ON problem (unit_id, status, number);"
  "DROP INDEX problem_source;"
  "CREATE INDEX problem_source ON problem (source, number);"
  "DROP INDEX problem_group;"
  "CREATE INDEX problem_group ON problem (group_id, number);"
  "DROP INDEX problem_responsible;"
  "CREATE INDEX problem_responsible ON problem (responsible_id, number);"
  "CREATE INDEX problem_open ON problem (number, deadline) WHERE status <> 'closed';";

/* Version 4: a source filter with a period ("public reports found this
 * year") read from one covering index instead of every problem of that
 * source: 220 ms to 12 ms at a million problems. */
static const char migration_4[] =
  "CREATE INDEX problem_source_found ON problem (source, found_date, number);";

/* Version 5: the ledger's own identity, one row. Backups are told apart
 * by its uuid, not by the file's name; the organisation's name, code and
 * level are to be added to this row. The uuid and the time are written by
 * the migration's caller (rct-store.c), as bound values. */
static const char migration_5[] =
  "CREATE TABLE ledger (id INTEGER PRIMARY KEY CHECK (id = 1), uuid TEXT NOT NULL UNIQUE,"
  " created_at TEXT NOT NULL);";

/* Version 6: what an office sets up in the window. A unit's short code
 * (unique when given) and whether it still takes new problems; the
 * campaign's leading group (组长, 副组长, members) and its office; a
 * problem's responsible leader when it is not the unit's head. People
 * and groups already had every field. Records refer to each other by id,
 * so renaming any of them keeps its links. */
static const char migration_6[] =
  "ALTER TABLE unit ADD COLUMN code TEXT;"
  "ALTER TABLE unit ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));"
  "CREATE UNIQUE INDEX unit_code ON unit (code) WHERE code IS NOT NULL;"
  "ALTER TABLE campaign ADD COLUMN leader TEXT;"
  "ALTER TABLE campaign ADD COLUMN deputy_leaders TEXT;"
  "ALTER TABLE campaign ADD COLUMN leading_members TEXT;"
  "ALTER TABLE campaign ADD COLUMN office TEXT;"
  /* 一岗双责: a problem's responsible leader is its unit's head unless
   * the office names another; NULL follows the head as it changes. */
  "ALTER TABLE problem ADD COLUMN leader TEXT;";
/* Version 7: the organisation a ledger belongs to, and the owner of every
 * record (docs/EXCHANGE.md). The organisation table holds this ledger's
 * own (ledger.organisation_uuid names it), the office a unit reports to and
 * the organisations whose records a report brought. A record's owner_org is
 * the uuid of the organisation that made it; NULL is this ledger's own, so
 * existing records belong to it without a rewrite. The own organisation's
 * row is written by the migration's caller (rct-store.c). */
#define OWNER(table) "ALTER TABLE " table " ADD COLUMN owner_org TEXT;"
static const char migration_7[] =
  "CREATE TABLE organisation (" KEY ", name TEXT NOT NULL, code TEXT,"
  " level TEXT NOT NULL CHECK (level IN ('office', 'unit')), office_uuid TEXT, " STAMPS ");"
  "ALTER TABLE ledger ADD COLUMN organisation_uuid TEXT;"
  OWNER ("campaign") OWNER ("phase") OWNER ("unit") OWNER ("person") OWNER ("working_group")
  OWNER ("task") OWNER ("task_progress") OWNER ("problem") OWNER ("measure") OWNER ("extension")
  OWNER ("evidence") OWNER ("supervisor") OWNER ("feedback")
  "CREATE INDEX problem_owner ON problem (owner_org, number);";

/* Version 8: running totals. The office's figures for the whole ledger are
 * read from these small tables instead of a scan of every problem: each is
 * kept by triggers in the same transaction as the change to its records,
 * and filled here from the rows already there. Figures that depend on
 * today (overdue, due soon, feedback overdue) are counted per deadline day,
 * so today's figures are a sum over a range of days.
 *
 *   total_problem       per unit × source × status: problems, closed on
 *                       time, days to close
 *   total_open          open problems per unit × deadline day
 *   total_task          tasks and done tasks per working group
 *   total_feedback      feedback received, replied, rated, satisfied
 *   total_feedback_due  unreplied feedback per reply-due day
 *
 * Rows whose count drops to 0 may stay; a deleted unit or group can have
 * none other, since its records refer to it. */
#define TOTAL_ON_TIME(r) "coalesce (" r ".status = 'closed' AND " r ".closed_date <= " r ".deadline, 0)"
#define TOTAL_DAYS(r) "coalesce (CASE WHEN " r ".status = 'closed' THEN" \
  " julianday (" r ".closed_date) - julianday (" r ".found_date) END, 0)"
#define TOTAL_PROBLEM_ADD(r) \
  "INSERT INTO total_problem (unit_id, source, status, n, on_time, days) VALUES (" r ".unit_id, " r ".source," \
  " " r ".status, 1, " TOTAL_ON_TIME (r) ", " TOTAL_DAYS (r) ") ON CONFLICT DO UPDATE SET n = n + 1," \
  " on_time = on_time + excluded.on_time, days = days + excluded.days;" \
  "INSERT INTO total_open (unit_id, deadline, n) SELECT " r ".unit_id, " r ".deadline, 1" \
  " WHERE " r ".status <> 'closed' ON CONFLICT DO UPDATE SET n = n + 1;"
#define TOTAL_PROBLEM_SUB(r) \
  "UPDATE total_problem SET n = n - 1, on_time = on_time - " TOTAL_ON_TIME (r) "," \
  " days = days - " TOTAL_DAYS (r) " WHERE unit_id = " r ".unit_id AND source = " r ".source" \
  " AND status = " r ".status;" \
  "UPDATE total_open SET n = n - 1 WHERE " r ".status <> 'closed' AND deadline = " r ".deadline" \
  " AND unit_id = " r ".unit_id;" \
  "DELETE FROM total_open WHERE deadline = " r ".deadline AND unit_id = " r ".unit_id AND n = 0;"
#define TOTAL_TASK_ADD(r) \
  "INSERT INTO total_task (group_id, n, done) VALUES (" r ".group_id, 1, " r ".status = 'done')" \
  " ON CONFLICT DO UPDATE SET n = n + 1, done = done + excluded.done;"
#define TOTAL_TASK_SUB(r) \
  "UPDATE total_task SET n = n - 1, done = done - (" r ".status = 'done') WHERE group_id = " r ".group_id;"
#define TOTAL_REPLIED(r) "(" r ".reply_date IS NOT NULL)"
#define TOTAL_RATED(r) "(" r ".reply_date IS NOT NULL AND " r ".satisfaction IS NOT NULL)"
#define TOTAL_SATISFIED(r) "coalesce (" r ".reply_date IS NOT NULL AND " r ".satisfaction IN" \
  " ('satisfied', 'basically-satisfied'), 0)"
#define TOTAL_FEEDBACK(r, sign) \
  "INSERT INTO total_feedback (id, n, replied, rated, satisfied) VALUES (1, " sign "1, " \
  sign TOTAL_REPLIED (r) ", " sign TOTAL_RATED (r) ", " sign TOTAL_SATISFIED (r) ")" \
  " ON CONFLICT DO UPDATE SET n = n + excluded.n, replied = replied + excluded.replied," \
  " rated = rated + excluded.rated, satisfied = satisfied + excluded.satisfied;"
#define TOTAL_FEEDBACK_DUE(r, sign) \
  "INSERT INTO total_feedback_due (reply_due, n) SELECT " r ".reply_due, " sign "1" \
  " WHERE " r ".reply_date IS NULL AND " r ".reply_due IS NOT NULL" \
  " ON CONFLICT DO UPDATE SET n = n + excluded.n;"

/* The problems' totals counted from the rows of @from (a bulk import
 * counts them once at its end too, rct_schema_totals_recount()). */
#define TOTAL_PROBLEM_FILL_FROM(from) \
  "INSERT INTO total_problem (unit_id, source, status, n, on_time, days)" \
  " SELECT unit_id, source, status, count(*), sum (" TOTAL_ON_TIME ("problem") ")," \
  " sum (" TOTAL_DAYS ("problem") ") FROM " from " GROUP BY unit_id, source, status;" \
  "INSERT INTO total_open (unit_id, deadline, n) SELECT unit_id, deadline, count(*) FROM " from \
  " WHERE status <> 'closed' GROUP BY unit_id, deadline;"
#define TOTAL_PROBLEM_FILL TOTAL_PROBLEM_FILL_FROM ("problem")

static const char migration_8[] =
  "CREATE TABLE total_problem (unit_id INTEGER NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL,"
  " n INTEGER NOT NULL, on_time INTEGER NOT NULL, days REAL NOT NULL,"
  " PRIMARY KEY (unit_id, source, status)) WITHOUT ROWID;"
  "CREATE TABLE total_open (unit_id INTEGER NOT NULL, deadline TEXT NOT NULL, n INTEGER NOT NULL,"
  " PRIMARY KEY (unit_id, deadline)) WITHOUT ROWID;"
  "CREATE TABLE total_task (group_id INTEGER PRIMARY KEY, n INTEGER NOT NULL, done INTEGER NOT NULL);"
  "CREATE TABLE total_feedback (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL,"
  " replied INTEGER NOT NULL, rated INTEGER NOT NULL, satisfied INTEGER NOT NULL);"
  "CREATE TABLE total_feedback_due (reply_due TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"

  "CREATE TRIGGER problem_total_insert AFTER INSERT ON problem BEGIN " TOTAL_PROBLEM_ADD ("new") " END;"
  "CREATE TRIGGER problem_total_delete AFTER DELETE ON problem BEGIN " TOTAL_PROBLEM_SUB ("old") " END;"
  "CREATE TRIGGER problem_total_update AFTER UPDATE OF unit_id, source, status, found_date, deadline, closed_date"
  " ON problem BEGIN " TOTAL_PROBLEM_SUB ("old") TOTAL_PROBLEM_ADD ("new") " END;"
  "CREATE TRIGGER task_total_insert AFTER INSERT ON task BEGIN " TOTAL_TASK_ADD ("new") " END;"
  "CREATE TRIGGER task_total_delete AFTER DELETE ON task BEGIN " TOTAL_TASK_SUB ("old") " END;"
  "CREATE TRIGGER task_total_update AFTER UPDATE OF group_id, status ON task BEGIN "
  TOTAL_TASK_SUB ("old") TOTAL_TASK_ADD ("new") " END;"
  "CREATE TRIGGER feedback_total_insert AFTER INSERT ON feedback BEGIN "
  TOTAL_FEEDBACK ("new", "") TOTAL_FEEDBACK_DUE ("new", "") " END;"
  "CREATE TRIGGER feedback_total_delete AFTER DELETE ON feedback BEGIN "
  TOTAL_FEEDBACK ("old", "-") TOTAL_FEEDBACK_DUE ("old", "-") " END;"
  "CREATE TRIGGER feedback_total_update AFTER UPDATE OF reply_date, reply_due, satisfaction ON feedback BEGIN "
  TOTAL_FEEDBACK ("old", "-") TOTAL_FEEDBACK_DUE ("old", "-")
  TOTAL_FEEDBACK ("new", "") TOTAL_FEEDBACK_DUE ("new", "") " END;"

  /* The totals of the rows already there. */
  TOTAL_PROBLEM_FILL
  "INSERT INTO total_task (group_id, n, done) SELECT group_id, count(*), sum (status = 'done')"
  " FROM task GROUP BY group_id;"
  "INSERT INTO total_feedback (id, n, replied, rated, satisfied) SELECT 1, count(*),"
  " coalesce (sum " TOTAL_REPLIED ("feedback") ", 0), coalesce (sum " TOTAL_RATED ("feedback") ", 0),"
  " coalesce (sum (" TOTAL_SATISFIED ("feedback") "), 0) FROM feedback;"
  "INSERT INTO total_feedback_due (reply_due, n) SELECT reply_due, count(*) FROM feedback"
  " WHERE reply_date IS NULL AND reply_due IS NOT NULL GROUP BY reply_due;";

/* Version 9: study and training (issue 19): the officer roster, training courses
 * with each officer's enrolment and hours, and the campaign's activity
 * series whose progress is counted from their entries, never typed. Hours
 * are whole hours. An officer is one per unit and name, and one per police
 * number where it is given. Each has its owner, as every record since
 * version 7. */
static const char migration_9[] =
  "CREATE TABLE officer (" KEY ", name TEXT NOT NULL,"
  " unit_id INTEGER NOT NULL REFERENCES unit (id), police_number TEXT,"
  " kind TEXT NOT NULL DEFAULT 'police' CHECK (kind IN ('police', 'auxiliary')),"
  " in_service INTEGER NOT NULL DEFAULT 1 CHECK (in_service IN (0, 1)), owner_org TEXT, " STAMPS ","
  " UNIQUE (unit_id, name));"
  "CREATE UNIQUE INDEX officer_police_number ON officer (police_number) WHERE police_number IS NOT NULL;"

  "CREATE TABLE course (" KEY ", name TEXT NOT NULL UNIQUE,"
  " required_hours INTEGER NOT NULL DEFAULT 0 CHECK (required_hours >= 0),"
  " elective_hours INTEGER NOT NULL DEFAULT 0 CHECK (elective_hours >= 0),"
  " start_date TEXT, end_date TEXT, owner_org TEXT, " STAMPS ");"

  "CREATE TABLE enrolment (" KEY ","
  " course_id INTEGER NOT NULL REFERENCES course (id) ON DELETE CASCADE,"
  " officer_id INTEGER NOT NULL REFERENCES officer (id) ON DELETE CASCADE,"
  " required_done INTEGER NOT NULL DEFAULT 0 CHECK (required_done >= 0),"
  " elective_done INTEGER NOT NULL DEFAULT 0 CHECK (elective_done >= 0),"
  " certificate TEXT, owner_org TEXT, " STAMPS ","
  " UNIQUE (course_id, officer_id));"
  "CREATE INDEX enrolment_officer ON enrolment (officer_id);"

  "CREATE TABLE activity_series (" KEY ", name TEXT NOT NULL UNIQUE,"
  " kind TEXT NOT NULL CHECK (kind IN ('reading', 'essay', 'open-day', 'campus', 'night-school')),"
  " target INTEGER NOT NULL DEFAULT 0 CHECK (target >= 0),"
  " start_date TEXT, end_date TEXT, owner_org TEXT, " STAMPS ");"

  "CREATE TABLE activity_entry (" KEY ","
  " series_id INTEGER NOT NULL REFERENCES activity_series (id) ON DELETE CASCADE,"
  " date TEXT NOT NULL, person TEXT, unit_id INTEGER REFERENCES unit (id), place TEXT, topic TEXT,"
  " audience INTEGER CHECK (audience >= 0),"
  " done INTEGER NOT NULL DEFAULT 1 CHECK (done IN (0, 1)), owner_org TEXT, " STAMPS ");"
  "CREATE INDEX activity_entry_series ON activity_entry (series_id, date);";

/* Version 10: the official report (issue 17). A report is a draft until it
 * is issued; issuing gives it the next number of its series and year, and
 * that number is never given again: report_series keeps the highest number
 * issued, beside the reports themselves, so deleting a report row cannot
 * lower it. The files written at issue are recorded with their SHA-256.
 * drafted_* keep each section as it was drafted from the ledger: a section
 * the clerk left as drafted is drafted again when the report is issued,
 * so its figures are those of the day it goes out. */
static const char migration_10[] =
  "CREATE TABLE report_series (series TEXT NOT NULL, year INTEGER NOT NULL,"
  " last_number INTEGER NOT NULL CHECK (last_number >= 0),"
  " PRIMARY KEY (series, year));"

  "CREATE TABLE report_issue (" KEY ","
  " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),"
  " series TEXT NOT NULL, year INTEGER, number INTEGER,"
  " title TEXT, organisation TEXT, addressee TEXT, copied_to TEXT,"
  " signed_off_by TEXT, drafted_by TEXT, marking TEXT,"
  " period_from TEXT, period_to TEXT, issue_date TEXT, language TEXT,"
  " attachments TEXT,"
  " section_overview TEXT, section_work TEXT, section_problems TEXT, section_next TEXT,"
  " drafted_overview TEXT, drafted_work TEXT, drafted_problems TEXT, drafted_next TEXT,"
  " issued_at TEXT, issued_by TEXT, folder TEXT,"
  " xml_file TEXT, xml_sha256 TEXT, pdf_file TEXT, pdf_sha256 TEXT,"
  " docx_file TEXT, docx_sha256 TEXT, " STAMPS ","
  " CHECK (status = 'draft' OR (year IS NOT NULL AND number IS NOT NULL)),"
  " UNIQUE (series, year, number));";

/* Version 11: the figures of a period (issue 15). The overview with a year
 * selected counted the problems of each unit through the found-date index,
 * one range per unit with a read of every row it found: 36 s at a million
 * problems. One covering index, found date first, holds every column the
 * figures of a period read, so a period is one range of the index and no
 * row of the table is read. */
static const char migration_11[] =
  "CREATE INDEX problem_scope ON problem (found_date, unit_id, source, status, deadline, closed_date);";
/* Version 12: supervision with teeth (issue 18): accountability records
 * (问责) and inspection visits (督导检查, 明察暗访). An accountability's kind
 * is a key of the vocabulary or the office's own word for a kind it added;
 * the problems it concerns and the units a visit went to are link tables,
 * so renaming a problem's number or a unit keeps them. A finding of a visit
 * is a line of its findings; visit_problem says which line became which
 * problem, once. Each has its owner, as every record since version 7. */
static const char migration_12[] =
  "CREATE TABLE accountability (" KEY ", kind TEXT NOT NULL,"
  " person_id INTEGER REFERENCES person (id), unit_id INTEGER NOT NULL REFERENCES unit (id),"
  " reason TEXT, decided_by TEXT, date TEXT NOT NULL, document TEXT, owner_org TEXT, " STAMPS ");"
  "CREATE INDEX accountability_unit ON accountability (unit_id, date);"

  "CREATE TABLE accountability_problem (" KEY ","
  " accountability_id INTEGER NOT NULL REFERENCES accountability (id) ON DELETE CASCADE,"
  " problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE, owner_org TEXT, " STAMPS ","
  " UNIQUE (accountability_id, problem_id));"
  "CREATE INDEX accountability_problem_problem ON accountability_problem (problem_id);"

  "CREATE TABLE visit (" KEY ", date TEXT NOT NULL, team TEXT NOT NULL,"
  " method TEXT NOT NULL CHECK (method IN ('open', 'unannounced', 'briefing', 'ledger-review', 'interview')),"
  " findings TEXT, owner_org TEXT, " STAMPS ");"

  "CREATE TABLE visit_unit (" KEY ","
  " visit_id INTEGER NOT NULL REFERENCES visit (id) ON DELETE CASCADE,"
  " unit_id INTEGER NOT NULL REFERENCES unit (id), owner_org TEXT, " STAMPS ","
  " UNIQUE (visit_id, unit_id));"
  "CREATE INDEX visit_unit_unit ON visit_unit (unit_id);"

  "CREATE TABLE visit_problem (" KEY ","
  " visit_id INTEGER NOT NULL REFERENCES visit (id) ON DELETE CASCADE,"
  " finding INTEGER NOT NULL CHECK (finding >= 1),"
  " problem_id INTEGER NOT NULL UNIQUE REFERENCES problem (id) ON DELETE CASCADE, owner_org TEXT, " STAMPS ","
  " UNIQUE (visit_id, finding));";
/* Version 13: signed reports (issue 21). The certificates this ledger
 * trusts, one organisation's at a time (replaced_by names the fingerprint
 * that took a row's place after a rotation; such rows stay as history);
 * the journal of this ledger's own key rotations, with the old key's word
 * for the new one that the next signed report carries; whether unsigned
 * reports are accepted with a warning (a transition); and each issued
 * report's signature. The keys themselves are never in the ledger. */
static const char migration_13[] =
  "CREATE TABLE trusted_certificate (id INTEGER PRIMARY KEY, organisation_uuid TEXT NOT NULL,"
  " name TEXT, certificate TEXT NOT NULL, fingerprint TEXT NOT NULL UNIQUE,"
  " accepted_at TEXT NOT NULL, accepted_by TEXT, replaced_by TEXT);"
  "CREATE INDEX trusted_certificate_org ON trusted_certificate (organisation_uuid);"
  "CREATE TABLE key_rotation (id INTEGER PRIMARY KEY, organisation_uuid TEXT NOT NULL,"
  " old_fingerprint TEXT, old_certificate TEXT, new_fingerprint TEXT NOT NULL,"
  " endorsement TEXT, rotated_at TEXT NOT NULL, rotated_by TEXT);"
  "ALTER TABLE ledger ADD COLUMN accept_unsigned INTEGER NOT NULL DEFAULT 0 CHECK (accept_unsigned IN (0, 1));"
  "ALTER TABLE report_issue ADD COLUMN signature_fingerprint TEXT;"
  "ALTER TABLE report_issue ADD COLUMN signed_at TEXT;";
/* Version 14: merging by events (issue 16, docs/EXCHANGE.md). Each journal
 * row is an event: author_org names the organisation whose ledger made it
 * (NULL: this ledger's own). Two changes of one field that follow the same
 * value are a conflict: both values are kept in merge_conflict until a
 * clerk chooses (resolved_at, kept). A record of a report that refers to
 * one not known yet waits in merge_pending (its values as JSON) until a
 * record of that uuid arrives. */
static const char migration_14[] =
  "ALTER TABLE journal ADD COLUMN author_org TEXT;"

  "CREATE TABLE merge_conflict (" KEY ", record_table TEXT NOT NULL, record_uuid TEXT NOT NULL,"
  " record_label TEXT, field TEXT NOT NULL, ours TEXT, theirs TEXT,"
  " ours_by TEXT, theirs_by TEXT, ours_at TEXT, theirs_at TEXT,"
  " resolved_at TEXT, kept TEXT CHECK (kept IS NULL OR kept IN ('ours', 'theirs')), " STAMPS ");"
  "CREATE INDEX merge_conflict_open ON merge_conflict (record_uuid, field) WHERE resolved_at IS NULL;"

  "CREATE TABLE merge_pending (id INTEGER PRIMARY KEY, record_table TEXT NOT NULL, record_uuid TEXT NOT NULL,"
  " waits_for TEXT NOT NULL, record_values TEXT NOT NULL, source TEXT, created_at TEXT NOT NULL,"
  " UNIQUE (record_table, record_uuid));"
  "CREATE INDEX merge_pending_waits ON merge_pending (waits_for);";
/* Version 15: a problem's severity (一般 / 较重 / 严重), its cause analysis
 * (原因分析) and its listing for supervision (挂牌督办): at what level, on
 * what date and by whom it was listed, and when and why it was lifted.
 * A listing is open while listed_date is set and listed_lifted is not;
 * closing the problem lifts it (rct-store-workflow.c). The partial index
 * keeps the count of open listings to the few rows it names. */
static const char migration_15[] =
  "ALTER TABLE problem ADD COLUMN severity TEXT NOT NULL DEFAULT 'normal'"
  " CHECK (severity IN ('normal', 'serious', 'grave'));"
  "ALTER TABLE problem ADD COLUMN cause TEXT;"
  "ALTER TABLE problem ADD COLUMN listed_level TEXT;"
  "ALTER TABLE problem ADD COLUMN listed_date TEXT;"
  "ALTER TABLE problem ADD COLUMN listed_by TEXT;"
  "ALTER TABLE problem ADD COLUMN listed_lifted TEXT;"
  "ALTER TABLE problem ADD COLUMN listed_lift_reason TEXT;"
  "CREATE INDEX problem_listed_open ON problem (number)"
  " WHERE listed_date IS NOT NULL AND listed_lifted IS NULL;"
  "CREATE INDEX problem_severity ON problem (severity, number);"
  /* A leader's list (一岗双责) finds the problems naming him here. */
  "CREATE INDEX problem_leader ON problem (leader) WHERE leader IS NOT NULL;";

/* Version 16: acknowledgements (issue 16 item 7, docs/EXCHANGE.md). A
 * journal row that settles a conflict says so (resolution: which value
 * its ledger kept), so two settlements of one conflict made apart are
 * told from ordinary edits. exchange_sent keeps what each report this
 * ledger wrote carried (its serial, for whom, its scope, and the last
 * journal row and problem it covered); exchange_peer, per organisation, the highest
 * serial of that organisation's reports merged here (received) and of
 * ours it says it merged (acknowledged). */
static const char migration_16[] =
  "ALTER TABLE journal ADD COLUMN resolution TEXT CHECK (resolution IS NULL OR resolution IN ('ours', 'theirs'));"
  "CREATE TABLE exchange_sent (serial INTEGER PRIMARY KEY, peer_org TEXT, scope TEXT NOT NULL, full INTEGER NOT NULL,"
  " last_journal_id INTEGER NOT NULL, last_problem_id INTEGER NOT NULL, sent_at TEXT NOT NULL);"
  "CREATE TABLE exchange_peer (organisation_uuid TEXT PRIMARY KEY, received_serial INTEGER,"
  " acknowledged_serial INTEGER, updated_at TEXT NOT NULL);";

/* Version 17: a record's revision (issue 20, docs/RELIABILITY.md). Every
 * write of a record a clerk edits adds one to it, in the UPDATE itself;
 * a form keeps the revision it opened and saves only while the record
 * still has it (UPDATE … WHERE id = ? AND revision = ?), so two clerks
 * never overwrite each other unawares. Append-only records (progress,
 * extensions, evidence, the journal) have none. */
#define REVISION(table) "ALTER TABLE " table " ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
static const char migration_17[] =
  REVISION ("campaign") REVISION ("phase") REVISION ("unit") REVISION ("person")
  REVISION ("working_group") REVISION ("task") REVISION ("problem") REVISION ("measure")
  REVISION ("supervisor") REVISION ("feedback") REVISION ("officer") REVISION ("course")
  REVISION ("enrolment") REVISION ("activity_series") REVISION ("activity_entry")
  REVISION ("accountability") REVISION ("visit");
#undef REVISION

/* Version 18: the tables' CHECK (x IN ('a', 'b', 'c', …)) lists of three
 * or more written as comparisons, (x = 'a' OR x = 'b' …), the same rule: SQLite checks an IN
 * list through a table it makes again at every run of a statement, so each
 * problem a report or spreadsheet brings paid for three (0.49 s of CPU per
 * 100,000 rows against 0.02 s, docs/PERFORMANCE.md). No row changes, so
 * only each table's definition is written again, as SQLite documents for a
 * changed CHECK constraint: rct-store-sqlite.c does that step itself, with
 * rct_schema_check_lists_rewritten(); this text has nothing to run. */
static const char migration_18[] = "";

static const char *migrations[] = {
  NULL,
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
  migration_13,
  migration_14,
  migration_15,
  migration_16,
  migration_17,
  migration_18,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RCT_STORE_SCHEMA_VERSION + 1);

/**
 * rct_schema_migration:
 *
 * Returns: (nullable): the SQL that takes a ledger to @to_version
 */
const char *
rct_schema_migration (int to_version)
{
  if (to_version < 1 || to_version > RCT_STORE_SCHEMA_VERSION)
    return NULL;
  return migrations[to_version];
}

static gboolean
check_list_cb (const GMatchInfo *info,
               GString          *result,
               gpointer          data)
{
  g_autofree char *column = g_match_info_fetch (info, 1);
  g_autofree char *list = g_match_info_fetch (info, 2);
  g_auto(GStrv) items = g_strsplit (list, ",", -1);

  g_string_append_c (result, '(');
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (result, "%s%s = %s", i > 0 ? " OR " : "", column, g_strstrip (items[i]));
  g_string_append_c (result, ')');
  return FALSE;
}

/**
 * rct_schema_check_lists_rewritten:
 * @sql: a table's CREATE TABLE statement
 *
 * Step 18: each `x IN (…)` of @sql whose list holds three or more quoted
 * words and numbers, and nothing else, written as `(x = … OR x = …)`,
 * which SQLite evaluates the same way, NULL included. SQLite compares a
 * list of one or two as it is; left so, the schema it parses at every
 * opening stays shorter.
 *
 * Returns: (transfer full) (nullable): the statement rewritten, or %NULL
 *   when it has no such list
 */
char *
rct_schema_check_lists_rewritten (const char *sql)
{
  static GRegex *list;
  static gsize made;
  char *rewritten;

  if (g_once_init_enter (&made))
    {
      list = g_regex_new ("\\b([a-z_]+) IN \\(((?:\\s*(?:'[^',]*'|[0-9]+)\\s*,){2,}"
                          "\\s*(?:'[^',]*'|[0-9]+)\\s*)\\)", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&made, 1);
    }
  rewritten = g_regex_replace_eval (list, sql, -1, 0, 0, check_list_cb, NULL, NULL);
  if (rewritten != NULL && g_strcmp0 (rewritten, sql) == 0)
    g_clear_pointer (&rewritten, g_free);
  return rewritten;
}

/**
 * rct_schema_totals_recount:
 *
 * Returns: the SQL that counts the problems' running totals again from
 *   the rows, as step 8 first counted them: for a bulk that wrote problems
 *   with the totals' triggers set aside.
 */
const char *
rct_schema_totals_recount (void)
{
  /* Read in the table's order: left to choose, SQLite walked the index
   * problem_unit for its order and looked every row up from there, at a
   * million problems 3.5 s where the table read whole and sorted takes
   * 1.5 s. */
  return "DELETE FROM total_problem; DELETE FROM total_open;" TOTAL_PROBLEM_FILL_FROM ("problem NOT INDEXED");
}

/* Bulk writes (a report or spreadsheet import) would have the full-text
 * index flush its pending terms at every statement, since FTS5 writes them
 * out at each savepoint. For the length of one transaction the triggers
 * leave alone the rows made in it (id above what was there before); their
 * index entries are then written in one statement. Both run inside the
 * import's transaction, so a rollback brings the usual triggers back. */
typedef struct
{
  const char *table;
  const char *cols;
  const char *newcols;
  const char *oldcols;
  const char *triggers;
} FtsTable;

#define FTS_TABLE(table, cols, newcols, oldcols) \
  { table, cols, newcols, oldcols, FTS_TRIGGERS (table, cols, newcols, oldcols) }

static const FtsTable fts_tables[RCT_SCHEMA_N_FTS] = {
  APPLY (FTS_TABLE, PROBLEM_FTS),
  APPLY (FTS_TABLE, TASK_FTS),
  APPLY (FTS_TABLE, FEEDBACK_FTS),
};

const char *
rct_schema_fts_table (guint i)
{
  g_return_val_if_fail (i < RCT_SCHEMA_N_FTS, NULL);
  return fts_tables[i].table;
}

/* @first_new: per table, the first id a row made in this transaction can
 * have. */
char *
rct_schema_fts_suspend (const gint64 *first_new)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < RCT_SCHEMA_N_FTS; i++)
    {
      const FtsTable *t = &fts_tables[i];

      g_string_append_printf (sql, "DROP TRIGGER %s_fts_insert; DROP TRIGGER %s_fts_delete; DROP TRIGGER %s_fts_update;",
                              t->table, t->table, t->table);
      g_string_append_printf (sql, "CREATE TRIGGER %s_fts_delete AFTER DELETE ON %s WHEN old.id < %" G_GINT64_FORMAT " BEGIN"
                              " INSERT INTO %s_fts (%s_fts, rowid, %s) VALUES ('delete', old.id, %s); END;",
                              t->table, t->table, first_new[i], t->table, t->table, t->cols, t->oldcols);
      g_string_append_printf (sql, "CREATE TRIGGER %s_fts_update AFTER UPDATE OF %s ON %s WHEN old.id < %" G_GINT64_FORMAT " BEGIN"
                              " INSERT INTO %s_fts (%s_fts, rowid, %s) VALUES ('delete', old.id, %s);"
                              " INSERT INTO %s_fts (rowid, %s) VALUES (new.id, %s); END;",
                              t->table, t->cols, t->table, first_new[i], t->table, t->table, t->cols, t->oldcols,
                              t->table, t->cols, t->newcols);
    }
  return g_string_free (sql, FALSE);
}

char *
rct_schema_fts_resume (const gint64 *first_new)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < RCT_SCHEMA_N_FTS; i++)
    {
      const FtsTable *t = &fts_tables[i];

      g_string_append_printf (sql, "INSERT INTO %s_fts (rowid, %s) SELECT id, %s FROM %s WHERE id >= %" G_GINT64_FORMAT ";",
                              t->table, t->cols, t->cols, t->table, first_new[i]);
      g_string_append_printf (sql, "DROP TRIGGER %s_fts_delete; DROP TRIGGER %s_fts_update;", t->table, t->table);
      g_string_append (sql, t->triggers);
    }
  return g_string_free (sql, FALSE);
}
