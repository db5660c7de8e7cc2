/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Every command of rectify-cli, once: its name, the function that runs it,
 * its help line and, for a command of several actions, their syntax, one a
 * line (`COMMAND --help` lists them; each action has its own --help).
 * rct-cli-main.c lists the commands and runs stats itself; rct-cli.c, the
 * commands' module, runs the others. */
#define RCT_CLI_COMMANDS(X) \
  X ("init", rct_cli_init, N_("Create a ledger (--demo for the demo campaign)"), \
     NULL) \
  X ("ledger", rct_cli_ledger, N_("Show which organisation the ledger belongs to"), \
     "show [--json]") \
  X ("export-setup", rct_cli_export_setup, N_("Write the set-up file a unit's ledger is made from"), \
     NULL) \
  X ("key", rct_cli_key, N_("Show, export or replace the organisation's signing key"), \
     "show [--json]\nexport-certificate OUT.pem\nrotate") \
  X ("trust", rct_cli_trust, N_("Accept, list or forget the certificates of organisations whose reports are merged"), \
     "add REPORT.xml [--yes]\nlist [--json]\nremove ORGANISATION\nunsigned accept|refuse") \
  X ("list", rct_cli_list, N_("List problems, tasks, feedback or supervisors"), \
     NULL) \
  X ("stats", rct_cli_stats, N_("Print the office's figures"), \
     NULL) \
  X ("check", rct_cli_check, N_("Check the ledger's integrity"), \
     NULL) \
  X ("backup", rct_cli_backup, N_("Copy the ledger to a backup file"), \
     NULL) \
  X ("backups", rct_cli_backups, N_("List the automatic backups of the ledger"), \
     NULL) \
  X ("restore", rct_cli_backups, N_("Replace the ledger with a backup, keeping it as it was first"), \
     NULL) \
  X ("copy-ledger", rct_cli_copy_ledger, N_("Copy a whole ledger between a file and the office's server, or two files"), \
     NULL) \
  X ("server", rct_cli_server, N_("Create the ledger and its roles on the office's PostgreSQL server"), \
     "init") \
  X ("problem", rct_cli_problem, N_("Add a problem or move it through the workflow"), \
     "add [OPTION…]\nedit NUMBER [OPTION…]\nstart|submit|verify|reject|reopen|extend NUMBER [OPTION…]\n" "list-for-supervision NUMBER --level LEVEL --by NAME [--date DATE]\nlift-listing NUMBER --reason TEXT") \
  X ("measure", rct_cli_measure, N_("Add a measure to a problem or mark it done"), \
     "add NUMBER --text TEXT [OPTION…]\ndone MEASURE-ID") \
  X ("journal", rct_cli_journal, N_("Show the history of a problem"), \
     NULL) \
  X ("campaign", rct_cli_campaign, N_("Show or set the campaign and its leading group"), \
     "show [--json]\nset [OPTION…]") \
  X ("phase", rct_cli_phase, N_("Set or list the campaign's phases and their dates"), \
     "set study|rectify|consolidate [OPTION…]\nlist [--json]") \
  X ("unit", rct_cli_unit, N_("Add, edit, retire or list the units"), \
     "add NAME [OPTION…]\nedit NAME [OPTION…]\nretire NAME [--undo]\nlist [--json]") \
  X ("group", rct_cli_group, N_("Edit or list the working groups"), \
     "edit NAME [OPTION…]\nlist [--json]") \
  X ("person", rct_cli_person, N_("Add, edit or list the people of the roster"), \
     "add NAME [OPTION…]\nedit NAME [OPTION…]\nlist [--json]") \
  X ("export-report", rct_cli_export_report, N_("Write the supervision report (XML, and HTML or PDF)"), \
     NULL) \
  X ("import-report", rct_cli_import_report, N_("Merge a supervision report into the ledger"), \
     "IN.xml [--dry-run] [--json]") \
  X ("conflicts", rct_cli_conflicts, N_("List the changes both sides made to one field, or choose one"), \
     "list [--json]\nresolve UUID --keep ours|theirs") \
  X ("report", rct_cli_report, N_("Draft, issue and list the official report (第N期)"), \
     "draft [OPTION…]\nissue [ID] [OPTION…]\nshow ID\nlist [--json]") \
  X ("validate-report", rct_cli_validate_report, N_("Check a supervision report without importing it"), \
     NULL) \
  X ("import-csv", rct_cli_import_csv, N_("Bring problems in from a spreadsheet (CSV)"), \
     NULL) \
  X ("supervisor", rct_cli_supervisor, N_("Add, edit, list or retire social supervisors"), \
     "add NAME [OPTION…]\nedit NAME [OPTION…]\nlist\nretire NAME [OPTION…]") \
  X ("feedback", rct_cli_feedback, N_("Record, reply to, list or turn feedback into problems"), \
     "add [OPTION…]\nreply ID [OPTION…]\nlist [OPTION…]\nto-problem ID [OPTION…]") \
  X ("roster", rct_cli_roster, N_("Add, list or import the officer roster"), \
     "add NAME --unit UNIT [OPTION…]\nleave NAME|NUMBER [OPTION…]\nlist [OPTION…]\nimport FILE.csv [OPTION…]") \
  X ("course", rct_cli_course, N_("Add a training course, record or import the officers' hours"), \
     "add NAME [OPTION…]\nlist [COURSE] [OPTION…]\nrecord COURSE OFFICER [OPTION…]\nimport COURSE FILE.csv [OPTION…]") \
  X ("activity", rct_cli_activity, N_("Add an activity series, record its entries, list its progress"), \
     "add NAME [OPTION…]\nentry ACTIVITY [OPTION…]\nlist [ACTIVITY] [OPTION…]") \
  X ("accountability", rct_cli_accountability, N_("Record, edit or list accountability (问责)"), \
     "add [OPTION…]\nedit ID [OPTION…]\nlist [--kind KIND] [--unit NAME] [--json|--csv FILE|--xlsx FILE]") \
  X ("visit", rct_cli_visit, N_("Record or list inspection visits, register a finding as a problem"), \
     "add [OPTION…]\nlist [--json]\nregister-finding VISIT N [OPTION…]")
