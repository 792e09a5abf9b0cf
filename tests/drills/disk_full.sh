#!/usr/bin/env bash
# FI8 — disk full. Needs root (mounts a 64 MB tmpfs). Not run in CI.
#
# The SQLite database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT of a scratch site
# live on a 64 MB tmpfs; gunicorn serves it on loopback. A reply with an
# attachment is posted, the tmpfs is filled with dd, a reply and a reply
# with an attachment are posted (they must fail cleanly: an error page, no
# traceback, nothing half-saved), the space is freed and both are posted
# again. PRAGMA integrity_check and the orphan check run after each step.
#
#   sudo tests/drills/disk_full.sh
set -u
[ "$(id -u)" = 0 ] || { echo "disk_full.sh needs root (mount -t tmpfs)"; exit 2; }
DRILL_DIR=${DRILL_DIR:-/tmp/hub-drill-disk}
mkdir -p "$DRILL_DIR"
mountpoint -q "$DRILL_DIR" || mount -t tmpfs -o size=64m tmpfs "$DRILL_DIR"
source "$(dirname "$0")/common.sh"
cleanup() { stop_server; sleep 0.5; umount "$DRILL_DIR" 2>/dev/null; rmdir "$DRILL_DIR" 2>/dev/null; }
trap cleanup EXIT

echo "== prepare a scratch site on a 64 MB tmpfs ($DRILL_DIR)"
drill prepare || exit 1
df -h "$DRILL_DIR" | tail -1
start_server 2 || exit 1

echo "== 1. with space: a reply with an attachment"
drill post before --attach
drill check before

echo "== 2. fill the disk"
dd if=/dev/zero of="$DRILL_DIR/filler" bs=1M status=none 2>/dev/null
df -h "$DRILL_DIR" | tail -1
pace
drill post full-text
pace
drill post full-upload --attach
drill check full-text full-upload
echo "-- server log (errors only):"
grep -E "disk|full|No space|Error" "$DRILL_DIR/gunicorn.log" | sort | uniq -c | head -10

echo "== 3. free the space and post again"
rm -f "$DRILL_DIR/filler"
df -h "$DRILL_DIR" | tail -1
pace
drill post after-text
pace
drill post after-upload --attach
drill check before full-text full-upload after-text after-upload
