/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RctCliJson RctCliJson;

RctCliJson *rct_cli_json_new          (void);
void        rct_cli_json_begin_object (RctCliJson *json);
void        rct_cli_json_end_object   (RctCliJson *json);
void        rct_cli_json_begin_array  (RctCliJson *json);
void        rct_cli_json_end_array    (RctCliJson *json);
void        rct_cli_json_member       (RctCliJson *json,
                                       const char *name);
void        rct_cli_json_string       (RctCliJson *json,
                                       const char *value);
void        rct_cli_json_int          (RctCliJson *json,
                                       gint64      value);
void        rct_cli_json_rate         (RctCliJson *json,
                                       double      rate);
void        rct_cli_json_int_member   (RctCliJson *json,
                                       const char *name,
                                       gint64      value);
void        rct_cli_json_rate_member  (RctCliJson *json,
                                       const char *name,
                                       double      rate);
void        rct_cli_json_string_member (RctCliJson *json,
                                        const char *name,
                                        const char *value);
char       *rct_cli_json_free_to_text (RctCliJson *json);

G_END_DECLS
