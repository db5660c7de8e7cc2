/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int      LLVMFuzzerTestOneInput (const uint8_t *data,
                                 size_t         size);
/* After every input of the replay: whether what must hold still does. */
gboolean fuzz_replay_finish     (void);
