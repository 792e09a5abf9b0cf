# Shared by the fault-drill scripts: a scratch site served by gunicorn on
# loopback. Source it after setting DRILL_DIR.
export DRILL_DIR
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=${VENV:-$ROOT/.venv}
[ -x "$VENV/bin/python" ] || VENV=/work/main/.venv
PY=$VENV/bin/python
PORT=${PORT:-8765}
export DRILL_URL=http://127.0.0.1:$PORT
export DJANGO_SETTINGS_MODULE=siteconf.settings.dev DEBUG=false
export DATABASE_URL=sqlite:///$DRILL_DIR/hub.sqlite3
export MEDIA_ROOT=$DRILL_DIR/media PRIVATE_MEDIA_ROOT=$DRILL_DIR/private
export EMAIL_URL=consolemail:// LOG_LEVEL=WARNING
# The drill account posts at once, within the established accounts' pace.
export FORUM_NEW_ACCOUNT_DAYS=0 FORUM_NEW_ACCOUNT_APPROVED_POSTS=0 FORUM_PREMODERATE_APPROVED_POSTS=0

drill() { (cd "$ROOT" && "$PY" tests/drills/drill.py "$@"); }

start_server() {  # $1: workers
  (cd "$ROOT" && exec "$VENV/bin/gunicorn" siteconf.wsgi --bind 127.0.0.1:$PORT --workers "${1:-2}" \
     --timeout 60 --graceful-timeout 2 --pid "$DRILL_DIR/gunicorn.pid" \
     --env DJANGO_SETTINGS_MODULE=siteconf.settings.dev >"$DRILL_DIR/gunicorn.log" 2>&1) &
  for _ in $(seq 50); do curl -fs -o /dev/null "$DRILL_URL/en/" && return 0; sleep 0.2; done
  echo "gunicorn did not start"; cat "$DRILL_DIR/gunicorn.log"; return 1
}

stop_server() {
  [ -f "$DRILL_DIR/gunicorn.pid" ] && kill "$(cat "$DRILL_DIR/gunicorn.pid")" 2>/dev/null
  for _ in $(seq 30); do [ -f "$DRILL_DIR/gunicorn.pid" ] || break; sleep 0.2; done
}

workers() { pgrep -P "$(cat "$DRILL_DIR/gunicorn.pid")"; }

pace() { sleep 6; }  # established accounts post at most every 5 s
