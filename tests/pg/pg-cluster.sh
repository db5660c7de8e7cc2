#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL cluster for the tests: its data and its Unix socket
# in DIR, no TCP, trust for the local socket, removed whole by stop.
#
#   pg-cluster.sh start DIR   initdb and start; prints the conninfo
#   pg-cluster.sh env DIR     prints RECTIFY_TEST_PG='conninfo', for eval
#   pg-cluster.sh stop DIR    stops the server and removes DIR
#
# DIR should be short and under /tmp: a socket's path takes at most 107
# bytes. Run as root (CI), the server runs as nobody, since PostgreSQL
# refuses to run as root. PG_BINDIR overrides where initdb and pg_ctl are;
# PG_SHARED_BUFFERS the server's cache (32MB for the tests; the ledger
# benchmark's cluster takes more, as an office's server would).
set -eu

usage() {
    echo "usage: $0 start|stop|env DIR" >&2
    exit 2
}

[ $# -eq 2 ] || usage
action=$1
dir=$2
case "$dir" in
    /*) ;;
    *) dir="$(pwd)/$dir" ;;
esac

find_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return
    fi
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && last=$d
    done
    echo "${last:-}"
}

# Runs a command as the cluster's owner: ourselves, or nobody under root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

conninfo() {
    echo "host=$dir port=5432 user=postgres dbname=postgres"
}

case "$action" in
start)
    bindir=$(find_bindir)
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        echo "pg-cluster: PostgreSQL is not installed (initdb not found)" >&2
        exit 77
    fi
    # ".s.PGSQL.5432" and a slash after DIR.
    if [ $(( ${#dir} + 14 )) -gt 107 ]; then
        echo "pg-cluster: $dir is too long for a Unix socket; use a short folder under /tmp" >&2
        exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown nobody "$dir"
    fi
    chmod 700 "$dir"
    as_owner "$bindir/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = ${PG_SHARED_BUFFERS:-32MB}
max_connections = 60
CONF
    as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
        start >/dev/null || {
        cat "$dir/server.log" >&2
        exit 1
    }
    conninfo
    ;;
stop)
    bindir=$(find_bindir)
    if [ -f "$dir/data/postmaster.pid" ] && [ -n "$bindir" ]; then
        as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
env)
    echo "RECTIFY_TEST_PG='$(conninfo)'"
    ;;
*)
    usage
    ;;
esac
