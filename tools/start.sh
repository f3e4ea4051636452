#!/bin/sh
# `npm start`: prepares (tools/start/prepare.ts, a process that ends: configuration, migrations, the
# demo seed, a current build, the server's environment), then runs the server and restarts it when
# it dies unasked, after 1 s, 2 s, 4 s … up to 30 s (a server that ran a minute counts as healthy
# again). Ctrl-C, or SIGTERM to this script, stops the server and exits. What stays resident while
# the app runs is this shell and the server: the local sandboxes run inside the server.
set -u
cd "$(dirname "$0")/.." || exit 1

server=""
stopping=""
stop() {
  stopping=1
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null
}
trap stop INT TERM

# The preparation's messages go to standard error; the server's environment comes back on descriptor 3.
assignments=$(node --import tsx tools/start/prepare.ts 3>&1 1>&2) || exit $?
[ -n "$stopping" ] && exit 0
eval "$assignments"

restarts=0
while :; do
  started_at=$(date +%s)
  # shellcheck disable=SC2086 # the flags are words of their own
  node $SERVER_NODE_FLAGS node_modules/next/dist/bin/next start -p "$PORT" &
  server=$!
  (umask 077 && echo "$server" >"$SERVER_PID_FILE")
  status=0
  wait "$server" || status=$?
  # A trapped signal ends `wait` early: wait again until the server has really exited.
  while kill -0 "$server" 2>/dev/null; do
    status=0
    wait "$server" || status=$?
  done
  server=""
  if [ -n "$stopping" ]; then
    rm -f "$SERVER_PID_FILE"
    exit 0
  fi
  if [ $(($(date +%s) - started_at)) -ge 60 ]; then restarts=0; fi
  restarts=$((restarts + 1))
  delay=$((1 << (restarts - 1)))
  if [ "$restarts" -gt 5 ]; then delay=30; fi
  if [ "$status" -gt 128 ]; then
    how="killed by SIG$(kill -l $((status - 128)))"
  else
    how="exit code $status"
  fi
  echo "The server stopped unexpectedly ($how); restarting it in $delay s." >&2
  sleep "$delay" &
  wait $! || true
  if [ -n "$stopping" ]; then
    rm -f "$SERVER_PID_FILE"
    exit 0
  fi
done
