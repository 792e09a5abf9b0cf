#!/usr/bin/env bash
# FI9 — a worker killed mid-request. Kills processes; not run in CI.
#
# A scratch site on SQLite served by gunicorn (one worker, so the worker to
# kill is known). Two ways to catch a POST in flight:
#  A. deterministic: another process holds SQLite's write lock, so the
#     worker waits inside the reply's transaction start; SIGKILL it there.
#  B. random: SIGKILL the worker 0–80 ms after a POST is sent, five times.
# Then each reply is sent again as a client would retry. Every marker must
# end with exactly one post and its contribution (never a post without its
# contribution, never two), and PRAGMA integrity_check must say ok.
#
#   tests/drills/worker_kill.sh
set -u
DRILL_DIR=${DRILL_DIR:-/tmp/hub-drill-kill}
rm -rf "$DRILL_DIR"; mkdir -p "$DRILL_DIR"
source "$(dirname "$0")/common.sh"
cleanup() { stop_server; [ -n "${HOLDER:-}" ] && kill "$HOLDER" 2>/dev/null; }
trap cleanup EXIT

echo "== prepare a scratch site ($DRILL_DIR)"
drill prepare || exit 1
start_server 1 || exit 1

echo "== A. worker killed while it waits for the write lock inside the request"
"$PY" -c "
import sqlite3, sys, time
db = sqlite3.connect('$DRILL_DIR/hub.sqlite3', isolation_level=None)
db.execute('BEGIN EXCLUSIVE'); print('lock held', flush=True); time.sleep(8)
" & HOLDER=$!
sleep 1
drill post kill-a --timeout 30 & CLIENT=$!
sleep 2
victim=$(workers); echo "SIGKILL worker $victim (in the request)"; kill -9 $victim
wait $CLIENT; wait $HOLDER; HOLDER=
drill check kill-a
pace
echo "-- the client retries"
drill post kill-a
pace
echo "-- and retries once more (the first retry's answer lost, say)"
drill post kill-a
drill check kill-a

echo "== B. worker killed at random moments after a POST"
markers=()
for round in 1 2 3 4 5; do
  marker=kill-b$round; markers+=("$marker")
  pace
  rm -f "$DRILL_DIR/ready"
  drill post "$marker" --timeout 30 --ready "$DRILL_DIR/ready" & CLIENT=$!
  for _ in $(seq 100); do [ -f "$DRILL_DIR/ready" ] && break; sleep 0.02; done
  sleep "0.0$(printf '%02d' $((RANDOM % 80)))"
  victim=$(workers); kill -9 $victim 2>/dev/null && echo "round $round: SIGKILL worker $victim"
  wait $CLIENT
  for _ in $(seq 50); do [ -n "$(workers)" ] && curl -fs -o /dev/null "$DRILL_URL/en/" && break; sleep 0.2; done
done
drill check "${markers[@]}"
echo "-- the client retries each"
for marker in "${markers[@]}"; do pace; drill post "$marker"; done
drill check kill-a "${markers[@]}"
