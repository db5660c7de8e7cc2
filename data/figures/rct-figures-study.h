/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

/* Why an officer in service still counts against a training rate. */
typedef enum
{
  RCT_TRAINING_NOT_ENROLLED,
  RCT_TRAINING_REQUIRED_SHORT,  /* enrolled, required hours not all done */
  RCT_TRAINING_ELECTIVE_SHORT,  /* required done, elective hours not all done */
} RctTrainingGap;

typedef struct
{
  char           *name;
  char           *police_number;
  RctTrainingGap  gap;
  gint64          required_done;
  gint64          elective_done;
} RctMissingOfficer;

/* One unit's training counts, and its officers still to chase. */
typedef struct
{
  char      *name;
  gint64     roster;
  gint64     enrolled;
  gint64     required_done;
  gint64     elective_done;
  GPtrArray *missing;  /* RctMissingOfficer, by name */
} RctUnitTraining;

typedef enum
{
  RCT_SERIES_ON_TRACK,
  RCT_SERIES_BEHIND,     /* fewer entries than the period's days so far call for */
  RCT_SERIES_OVERDUE,    /* the period is over and the target not reached */
  RCT_SERIES_COMPLETE,
} RctSeriesState;

typedef struct
{
  char           *name;
  char           *kind;
  char           *start_date;
  char           *end_date;
  gint64          target;
  gint64          done;       /* entries marked done (published, held) */
  gint64          expected;   /* entries the period's days so far call for */
  RctSeriesState  state;
} RctSeriesFigures;

/* The study phase's figures: the three training rates of one course
 * (enrolled / roster in service; required done / enrolled; elective done /
 * enrolled) and each activity series against its target. */
typedef struct
{
  char      *today;
  char      *course;           /* NULL when the ledger has no course */
  gint64     required_hours;
  gint64     elective_hours;
  gint64     roster;           /* officers in service */
  gint64     enrolled;         /* of those, enrolled in the course */
  gint64     required_done;    /* of those, with every required hour */
  gint64     elective_done;    /* of those, with every elective hour */
  GPtrArray *units;            /* RctUnitTraining, units with officers in service */
  GPtrArray *series;           /* RctSeriesFigures, every activity series */
} RctStudyFigures;

RctStudyFigures *rct_study_figures_compute        (RctStore              *store,
                                                   const char            *course,
                                                   GError               **error);
void             rct_study_figures_free           (RctStudyFigures       *figures);
double           rct_study_figures_enrolment_rate (const RctStudyFigures *figures);
double           rct_study_figures_required_rate  (const RctStudyFigures *figures);
double           rct_study_figures_elective_rate  (const RctStudyFigures *figures);
double           rct_series_figures_progress      (const RctSeriesFigures *series);
gint64           rct_study_figures_missing_count  (const RctStudyFigures *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctStudyFigures, rct_study_figures_free)

G_END_DECLS
