#!/usr/bin/env bash
# Serve the production profile on this machine, on loopback: `make serve-prod`.
#
# gunicorn (site/gunicorn.conf.py) on siteconf.wsgi with whitenoise, the
# background task worker, and (when ELASTICSEARCH_URL is set) the search
# worker. Without DATABASE_URL a PostgreSQL cluster of this machine's own
# (Debian's `postgresql` package) is started on 127.0.0.1 with its data in
# var/postgres, kept between runs, with normal durability. The database is
# migrated and given the site, the demo content and 200 demo contributions
# (each step adds nothing the second time), static files are collected, and
# Ctrl-C stops everything this script started.
#
# The secret key is generated once into var/production-secret-key. Plain
# HTTP on loopback: SECURE_SSL_REDIRECT is off for this run only, since there
# is no TLS in front to redirect to; HSTS is sent only on HTTPS requests, so
# none is sent here. Browsers accept the Secure cookies from 127.0.0.1 and
# localhost, so signing in works.
#
# var/serve-prod.env holds the environment of the run, for management
# commands against the same database: `set -a; . var/serve-prod.env; set +a`.
#
# Environment: HOST, PORT (127.0.0.1, 8000), PY (.venv/bin/python), PGPORT (55480),
# SEED_CONTRIBUTIONS (200), SERVE_PROD_SETTINGS (siteconf.settings.production),
# GUNICORN_PREFIX (e.g. "taskset -c 1"), plus every variable the settings read.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VAR=$ROOT/var
PY=${PY:-$ROOT/.venv/bin/python}
BIN=$(dirname "$PY")
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
PGPORT=${PGPORT:-55480}
SEED_CONTRIBUTIONS=${SEED_CONTRIBUTIONS:-200}
mkdir -p "$VAR"

pids=()
pg_started=""
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_started" ]; then
    echo "Stopping PostgreSQL"
    as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

keyfile=$VAR/production-secret-key
if [ ! -s "$keyfile" ]; then
  (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$keyfile")
fi
export DJANGO_SETTINGS_MODULE=${SERVE_PROD_SETTINGS:-siteconf.settings.production}
SECRET_KEY=$(cat "$keyfile")
export SECRET_KEY
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SECURE_SSL_REDIRECT=0
export SITE_URL=${SITE_URL:-http://$HOST:$PORT}
export GUNICORN_BIND=$HOST:$PORT

if [ -z "${DATABASE_URL:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$PGBIN" ]; then
    echo "Set DATABASE_URL, or install PostgreSQL: apt-get install postgresql" >&2
    exit 1
  fi
  PGDIR=$VAR/postgres
  pwfile=$VAR/postgres-password
  if [ ! -s "$PGDIR/data/PG_VERSION" ]; then
    echo "Creating a PostgreSQL cluster in $PGDIR"
    rm -rf "$PGDIR"
    mkdir -p "$PGDIR"
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_hex(24))' >"$pwfile")
    cp "$pwfile" "$PGDIR/pwfile"
    if [ "$(id -u)" = 0 ]; then
      # The server runs as the postgres user, which must be able to pass
      # through var/ (traverse only: no listing; the files there are private).
      chmod o+x "$VAR"
      chown -R postgres:postgres "$PGDIR"
    fi
    as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A scram-sha-256 --pwfile "$PGDIR/pwfile" \
      -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$PGDIR/pwfile"
  fi
  as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null
  pg_started=1
  PGPASSWORD=$(cat "$pwfile")
  export PGPASSWORD
  if ! psql -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'hub'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE hub"
  fi
  export DATABASE_URL="postgres://postgres:$PGPASSWORD@127.0.0.1:$PGPORT/hub"
  unset PGPASSWORD
fi

{
  for name in DJANGO_SETTINGS_MODULE SECRET_KEY ALLOWED_HOSTS SECURE_SSL_REDIRECT SITE_URL DATABASE_URL \
    CACHE_URL ELASTICSEARCH_URL; do
    if [ -n "${!name:-}" ]; then printf '%s=%q\n' "$name" "${!name}"; fi
  done
} >"$VAR/serve-prod.env"
chmod 600 "$VAR/serve-prod.env"

"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py setup_site
"$PY" manage.py load_demo
"$PY" manage.py seed_contributions --count "$SEED_CONTRIBUTIONS" --seed 1
"$PY" manage.py collectstatic --no-input -v 0

"$PY" manage.py db_worker --backend background --no-reload &
pids+=($!)
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
  "$PY" manage.py search_worker &
  pids+=($!)
fi
echo "Serving the production profile on http://$HOST:$PORT/ (Ctrl-C to stop)"
${GUNICORN_PREFIX:-} "$BIN/gunicorn" -c site/gunicorn.conf.py siteconf.wsgi &
pids+=($!)
# Stop everything as soon as any of the processes ends.
wait -n "${pids[@]}"
