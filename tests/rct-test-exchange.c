/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"


#include "rct-store-private.h"
#include "rct-test-exchange.h"
#include "rct-test-util.h"
#include "rct-report-sign.h"
#include "rct-trust.h"

char *
rct_xt_office (const char *dir,
               const char *name)
{
  char *path = rct_test_ledger_location (dir, name);

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", path, "init", "--demo", NULL), ==, 0);
  return path;
}

char *
rct_xt_unit (const char *dir,
             const char *office,
             const char *unit_name,
             const char *code)
{
  g_autofree char *setup = g_strdup_printf ("%s/%s 设置.xml", dir, code);
  g_autofree char *name = g_strdup_printf ("%s 台账.db", unit_name);
  char *path = rct_test_ledger_location (dir, name);

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office, "export-setup", "--unit", unit_name, "--code", code,
                                     setup, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", path, "init", "--from-setup", setup, NULL), ==, 0);
  return path;
}

RctStore *
rct_xt_open (const char *ledger)
{
  g_autoptr(GError) error = NULL;
  RctStore *store = rct_store_open (ledger, RCT_STORE_OPEN_DEFER_CHECK, &error);

  g_assert_no_error (error);
  rct_store_set_operator (store, "测试员");
  return store;
}

char *
rct_xt_export (const char *ledger,
               const char *dir)
{
  return rct_xt_export_for (ledger, dir, NULL, FALSE);
}

/* A report for @peer (an organisation's uuid; NULL: a unit's office),
 * carrying what @peer has not acknowledged, or everything when @full. */
char *
rct_xt_export_for (const char *ledger,
                   const char *dir,
                   const char *peer,
                   gboolean    full)
{
  static guint serial;
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("报告 %u.xml", ++serial);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (rct_report_export_exchange (store, NULL, NULL, NULL, path, peer, full, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rct_store_close (store);
  return path;
}

/* An organisation's first report: its key is accepted once, as the clerk
 * does after comparing the fingerprint (docs/EXCHANGE.md, Signatures). */
static void
trust_first (RctStore   *store,
             const char *report)
{
  g_autoptr(RctSignature) signature = NULL;
  g_autoptr(GError) error = NULL;

  if (rct_trust_check_file (store, report, NULL, NULL, &error))
    return;
  g_assert_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_UNTRUSTED);
  g_clear_error (&error);
  signature = rct_signature_read (report, NULL);
  g_assert_cmpint (signature->status, ==, RCT_SIGNATURE_VERIFIED);
  g_assert_true (rct_trust_add (store, signature->organisation_uuid, signature->organisation_name,
                                signature->certificate, &error));
  g_assert_no_error (error);
}

void
rct_xt_trust (const char *ledger,
              const char *report)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);

  trust_first (store, report);
  rct_store_close (store);
}

RctMergePlan *
rct_xt_merge (const char *ledger,
              const char *report,
              gboolean    apply)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GError) error = NULL;
  RctMergePlan *plan;

  trust_first (store, report);
  plan = apply ? rct_merge_apply (store, report, NULL, &error)
                             : rct_merge_preview (store, report, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  rct_store_close (store);
  return plan;
}

RctMergePlan *
rct_xt_send (const char *from,
             const char *to,
             const char *dir)
{
  g_autofree char *report = rct_xt_export (from, dir);

  return rct_xt_merge (to, report, TRUE);
}

gint64
rct_xt_problem (RctStore   *store,
                const char *number)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rct_store_find_id (store, RCT_KIND_PROBLEM, number, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The rows of @sql in @ledger as text ("|" between columns, ∅ for NULL),
 * read through the store as either backend answers. */
char *
rct_xt_dump (const char *ledger,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (ledger, RCT_STORE_OPEN_READ_ONLY, &error);
  GString *text = g_string_new (NULL);
  RctStmt *stmt;

  g_assert_no_error (error);
  stmt = _rct_store_prepare_uncached (store, sql, &error);
  g_assert_no_error (error);
  while (_rct_store_step (store, stmt, &error) == RCT_ROW)
    {
      for (int i = 0; i < rct_stmt_column_count (stmt); i++)
        {
          const char *value = rct_stmt_column_text (stmt, i);
          g_string_append (text, i > 0 ? "|" : "");
          g_string_append (text, value != NULL ? value : "∅");
        }
      g_string_append_c (text, '\n');
    }
  g_assert_no_error (error);
  rct_stmt_finalize (stmt);
  rct_store_close (store);
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

char *
rct_xt_problem_field (const char *ledger,
                      const char *number,
                      const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM problem WHERE number = '%s'", field, number);
  return rct_xt_dump (ledger, sql);
}

void
rct_xt_set_problem_field (const char *ledger,
                          const char *number,
                          const char *field,
                          const char *value)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (values, (gpointer) field, (gpointer) value);
  g_assert_true (rct_store_update (store, RCT_KIND_PROBLEM, rct_xt_problem (store, number), values, NULL, &error));
  g_assert_no_error (error);
  rct_store_close (store);
}

void
rct_xt_act (const char       *ledger,
            const char       *number,
            RctProblemAction  action)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GError) error = NULL;
  RctWorkflowInput input = { "测试", "督导组 王五", "已核实整改到位", "2021-12-31" };

  g_assert_true (rct_store_problem_act (store, rct_xt_problem (store, number), action, &input, &error));
  g_assert_no_error (error);
  rct_store_close (store);
}

gint64
rct_xt_add_measure (const char *ledger,
                    const char *number,
                    const char *text,
                    gboolean    done)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = g_strdup_printf ("%" G_GINT64_FORMAT, rct_xt_problem (store, number));
  gint64 id = 0;

  g_assert_true (rct_store_create_va (store, RCT_KIND_MEASURE, &id, &error, "problem_id", problem, "text", text,
                                      NULL));
  g_assert_no_error (error);
  if (done)
    {
      g_assert_true (rct_store_measure_done (store, id, "2021-05-19", &error));
      g_assert_no_error (error);
    }
  rct_store_close (store);
  return id;
}

const RctMergeItem *
rct_xt_find_item (const RctMergePlan *plan,
                  RctMergeOutcome     outcome,
                  const char         *label,
                  const char         *field)
{
  for (guint i = 0; i < plan->items->len; i++)
    {
      const RctMergeItem *item = g_ptr_array_index (plan->items, i);
      if (item->outcome == outcome && g_strcmp0 (item->label, label) == 0 &&
          (field == NULL || g_strcmp0 (item->field, field) == 0))
        return item;
    }
  return NULL;
}
