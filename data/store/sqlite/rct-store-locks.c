/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"
/* F_OFD_SETLK and its kin are Linux's, declared with _GNU_SOURCE. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "config.h"

#include "rct-store-locks-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

/* SQLite's locks that no stray close() can drop.
 *
 * SQLite's unix VFS locks the ledger, its -shm and its -wal with POSIX
 * record locks. Those belong to the process, and closing ANY descriptor of
 * a file drops all of the process's locks on it. Code we do not own opens
 * and closes the ledger's files in our process: GIO reads 4 KB of a file it
 * cannot type by name (GTK's file chooser asks for every file of the
 * ledger's folder, x.db, x.db-wal and x.db-shm included), GtkRecentManager,
 * thumbnailers. After such a close another program's connection believes
 * itself the file's only user: it takes the -shm's DMS lock and truncates
 * the -shm we have mapped (SIGBUS in sqlite3WalFindFrame), or checkpoints
 * and deletes the -wal we are still writing (lost changes).
 *
 * So on Linux SQLite's lock calls are made open-file-description (OFD)
 * locks, all held through one anchor descriptor per file: the unix VFS's
 * "fcntl" and "close" system calls are replaced (xSetSystemCall, once,
 * before the first connection opens). F_SETLK, F_SETLKW and F_GETLK become
 * F_OFD_SETLK, F_OFD_SETLKW and F_OFD_GETLK on the file's anchor; every
 * other command passes through. The anchor is opened at the first lock of
 * a file and closed when SQLite closes its last descriptor of that file,
 * which releases what it still holds, as the last close did before.
 *
 * All of the process's lock calls on a file go through one open file
 * description, so among SQLite's own connections they behave as the
 * process's POSIX locks did (SQLite keeps per-process counts in its
 * unixInodeInfo and issues one lock per process); they still conflict with
 * other processes' POSIX and OFD locks; and a close of another descriptor
 * of the file drops nothing. Every place SQLite 3.40's os_unix.c locks
 * (unixFileLock, unixCheckReservedLock, unixShmSystemLock,
 * unixLockSharedMemory) calls osFcntl, and every descriptor it closes goes
 * through osClose (robust_close), so the counts stay right.
 *
 * Elsewhere nothing changes: Windows locks per handle, and other Unixes
 * keep SQLite's POSIX locks. */

#ifdef F_OFD_SETLK

typedef struct
{
  dev_t dev;
  ino_t ino;
  int anchor;      /* the descriptor all locks on the file go through */
  guint fds;       /* SQLite's descriptors of the file seen locking */
} Anchor;

G_LOCK_DEFINE_STATIC (anchors);
static GHashTable *anchor_by_fd;     /* SQLite's descriptor -> Anchor */
static GPtrArray *anchors;           /* of Anchor, one per file */

static sqlite3_syscall_ptr real_fcntl;
static sqlite3_syscall_ptr real_close;

static void
anchor_release_locked (Anchor *anchor)
{
  g_assert (anchor->fds > 0);
  if (--anchor->fds > 0)
    return;
  /* Releases whatever the file's locks still are; a new file that takes
   * the inode number later starts with an anchor of its own. */
  close (anchor->anchor);
  g_ptr_array_remove_fast (anchors, anchor);
  g_free (anchor);
}

/* The anchor of @fd's file, made on its first lock. A descriptor SQLite
 * opened read-only (a read-only connection first) would refuse the write
 * locks a later read-write connection asks for, so the anchor is the file
 * opened again for reading and writing where it can be. */
static Anchor *
anchor_for_fd_locked (int fd)
{
  struct stat info;
  Anchor *anchor = NULL;
  Anchor *seen;

  if (fstat (fd, &info) != 0)
    return NULL;
  seen = g_hash_table_lookup (anchor_by_fd, GINT_TO_POINTER (fd));
  if (seen != NULL && seen->dev == info.st_dev && seen->ino == info.st_ino)
    return seen;
  if (seen != NULL)
    {
      /* The number was closed behind our back and reused: forget it. */
      g_hash_table_remove (anchor_by_fd, GINT_TO_POINTER (fd));
      anchor_release_locked (seen);
    }
  for (guint i = 0; anchor == NULL && i < anchors->len; i++)
    {
      Anchor *candidate = g_ptr_array_index (anchors, i);

      if (candidate->dev == info.st_dev && candidate->ino == info.st_ino)
        anchor = candidate;
    }
  if (anchor == NULL)
    {
      int flags = fcntl (fd, F_GETFL);
      int anchor_fd = -1;

      if (flags >= 0 && (flags & O_ACCMODE) == O_RDONLY)
        {
          char name[64];

          g_snprintf (name, sizeof name, "/proc/self/fd/%d", fd);
          anchor_fd = open (name, O_RDWR | O_CLOEXEC | O_NOCTTY);
          /* Another file by now, or the one a name came to mean: no. */
          if (anchor_fd >= 0)
            {
              struct stat again;

              if (fstat (anchor_fd, &again) != 0 || again.st_dev != info.st_dev || again.st_ino != info.st_ino)
                {
                  close (anchor_fd);
                  anchor_fd = -1;
                }
            }
        }
      if (anchor_fd < 0)
        anchor_fd = fcntl (fd, F_DUPFD_CLOEXEC, 3);
      if (anchor_fd < 0)
        return NULL;
      anchor = g_new0 (Anchor, 1);
      anchor->dev = info.st_dev;
      anchor->ino = info.st_ino;
      anchor->anchor = anchor_fd;
      g_ptr_array_add (anchors, anchor);
    }
  anchor->fds++;
  g_hash_table_insert (anchor_by_fd, GINT_TO_POINTER (fd), anchor);
  return anchor;
}

static int
lock_fcntl (int fd,
            int command,
            ...)
{
  va_list args;
  void *arg;
  struct flock *lock;
  Anchor *anchor;
  int ofd_command;
  int anchor_fd;

  va_start (args, command);
  arg = va_arg (args, void *);
  va_end (args);
  /* Every other command (F_SETFD, F_GETFL, …) SQLite issues takes one
   * integer or pointer argument, passed on unchanged. */
  if (command != F_SETLK && command != F_SETLKW && command != F_GETLK)
    return ((int (*) (int, int, ...)) real_fcntl) (fd, command, arg);

  lock = arg;
  G_LOCK (anchors);
  anchor = anchor_for_fd_locked (fd);
  anchor_fd = anchor != NULL ? anchor->anchor : -1;
  G_UNLOCK (anchors);
  if (anchor_fd < 0)
    return -1;  /* errno from fstat, fcntl or dup */
  ofd_command = command == F_SETLK ? F_OFD_SETLK : command == F_SETLKW ? F_OFD_SETLKW : F_OFD_GETLK;
  lock->l_pid = 0;
  return fcntl (anchor_fd, ofd_command, lock);
}

static int
lock_close (int fd)
{
  Anchor *anchor;

  G_LOCK (anchors);
  anchor = g_hash_table_lookup (anchor_by_fd, GINT_TO_POINTER (fd));
  if (anchor != NULL)
    {
      g_hash_table_remove (anchor_by_fd, GINT_TO_POINTER (fd));
      anchor_release_locked (anchor);
    }
  G_UNLOCK (anchors);
  return ((int (*) (int)) real_close) (fd);
}

static gpointer
install_cb (gpointer data)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

  (void) data;
  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL || vfs->xGetSystemCall == NULL)
    return NULL;
  real_fcntl = vfs->xGetSystemCall (vfs, "fcntl");
  real_close = vfs->xGetSystemCall (vfs, "close");
  if (real_fcntl == NULL || real_close == NULL)
    return NULL;
  anchor_by_fd = g_hash_table_new (NULL, NULL);
  anchors = g_ptr_array_new ();
  /* "close" first: a descriptor counted is then always forgotten. */
  if (vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) lock_close) != SQLITE_OK)
    return NULL;
  if (vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) lock_fcntl) != SQLITE_OK)
    g_warning ("SQLite's fcntl cannot be replaced; its locks stay POSIX locks");
  return GINT_TO_POINTER (1);
}

#endif /* F_OFD_SETLK */

/* Once, before the first connection opens: from then on SQLite's locks in
 * this process are held through the files' anchors. */
void
_rct_store_locks_init (void)
{
#ifdef F_OFD_SETLK
  static GOnce once = G_ONCE_INIT;

  g_once (&once, install_cb, NULL);
#endif
}
