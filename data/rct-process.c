/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-process"

#include "config.h"

#include <errno.h>

#include <glib.h>

#ifdef G_OS_WIN32
# include <windows.h>
#else
# include <signal.h>
# include <sys/types.h>
# include <unistd.h>
#endif

#include "rct-process.h"

/* The one file that asks the operating system about processes, so the
 * ledger lock can tell a live holder from a copy that was killed. */

gint64
rct_process_get_id (void)
{
#ifdef G_OS_WIN32
  return (gint64) GetCurrentProcessId ();
#else
  return (gint64) getpid ();
#endif
}

gboolean
rct_process_is_running (gint64 pid)
{
  if (pid <= 0)
    return FALSE;
  if (pid == rct_process_get_id ())
    return TRUE;
#ifdef G_OS_WIN32
  {
    HANDLE process = OpenProcess (PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD) pid);
    DWORD code = 0;
    gboolean running = FALSE;

    if (process == NULL)
      return GetLastError () == ERROR_ACCESS_DENIED;
    if (GetExitCodeProcess (process, &code))
      running = (code == STILL_ACTIVE);
    CloseHandle (process);
    return running;
  }
#else
  if (kill ((pid_t) pid, 0) == 0)
    return TRUE;
  /* EPERM: it exists but belongs to someone else. */
  return errno == EPERM;
#endif
}

char *
rct_process_get_host (void)
{
  return g_strdup (g_get_host_name ());
}
