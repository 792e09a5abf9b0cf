# The Migration Network Hub: two commands for a newcomer.
#   make run   set up and serve the site with demo content on 127.0.0.1:8000
#   make test  set up and run every check and test
# Both are safe to run again: nothing is reinstalled unless a requirements
# file changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages, installed with apt-get when missing (as root, or through
# sudo; otherwise they are named and make stops). The README's "Debian
# packages" table lists the same ones (tests/test_makefile.py compares them).
# Serving (make run, make serve-prod) draws the analysis papers' PDF with
# WeasyPrint: Pango, and the Noto fonts found through fontconfig.
RUN_DEB_PACKAGES := fontconfig fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0
# The tests also drive a real browser, check the catalogues with GNU gettext
# (makemessages), run the database-sensitive tests again on PostgreSQL
# (tests/pg_cluster.py starts a throwaway server on loopback) and read the
# PDFs back with poppler-utils (pdftotext, pdftoppm).
TEST_DEB_PACKAGES := $(RUN_DEB_PACKAGES) chromium gettext postgresql poppler-utils
# The benchmarks also drive the production profile with wrk (tests/benchmarks/http_load.py).
BENCH_DEB_PACKAGES := $(TEST_DEB_PACKAGES) wrk

# What runs again on PostgreSQL: everything that writes or queries in ways
# the two databases treat differently (full text, locking, sequences, NUL).
POSTGRES_TESTS := tests/test_posting.py tests/test_posting_concurrency.py tests/test_posting_server.py tests/test_moderation.py tests/test_spaces.py \
	tests/test_attachments.py tests/test_subscriptions.py tests/test_import.py tests/test_facet_counts.py \
	tests/test_forum_query_counts.py tests/test_query_counts.py tests/test_search_database.py tests/test_search_index_commands.py \
	tests/test_search_page.py tests/test_search_json_api.py tests/test_search_exports.py tests/test_search_query_limit.py \
	tests/test_saved_searches.py tests/test_registration.py tests/test_registration_admin.py \
	tests/test_registration_reminders.py tests/test_papers_generation.py tests/test_papers_output.py \
	tests/test_papers_published.py tests/test_papers_admin.py tests/test_public_identity.py tests/test_papers_editor.py \
	tests/test_campaigns.py tests/test_campaigns_search.py tests/test_campaigns_papers.py tests/test_page_cache.py \
	tests/test_participation.py tests/test_open_data.py

.PHONY: run test setup checks pytest lint format messages catalogues runtime-deps system-deps bench-deps clean bench soak serve-prod

run: $(VENV)/.runtime runtime-deps catalogues
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) setup_site
	$(MANAGE) load_demo
	$(MANAGE) seed_contributions --count 200 --seed 1
	$(MANAGE) seed_contributions --count 80 --seed 2 --years 2020-2021
	$(MANAGE) train_objective_suggester --schedule
	$(MANAGE) write_open_data --schedule
	@echo "Serving the Hub on http://$(HOST):$(PORT)/ with its task worker (Ctrl-C to stop)"
	$(MANAGE) db_worker --backend background --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The production profile on this machine, on loopback: gunicorn + whitenoise,
# PostgreSQL (a local cluster in var/postgres unless DATABASE_URL is set), the
# task worker(s); see site/serve-prod.sh and the README's "Production".
serve-prod: $(VENV)/.runtime runtime-deps catalogues
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) site/serve-prod.sh

setup: $(VENV)/.runtime catalogues
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) setup_site

test: $(VENV)/.test system-deps catalogues checks pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.runtime

catalogues: $(VENV)/.runtime
	$(MANAGE) compile_catalogues

# Installs the Debian packages of $(1) that dpkg does not know as installed.
define apt_install
	@missing=$$(for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || printf ' %s' $$package; \
	done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else \
	  echo "These Debian packages are needed:$$missing"; \
	  echo "Install them as root with: apt-get install$$missing"; exit 1; \
	fi; \
	echo "Installing Debian packages$${sudo:+ with sudo}:$$missing"; \
	$$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null
endef

runtime-deps:
	$(call apt_install,$(RUN_DEB_PACKAGES))

system-deps:
	$(call apt_install,$(TEST_DEB_PACKAGES))

bench-deps:
	$(call apt_install,$(BENCH_DEB_PACKAGES))

checks:
	$(MANAGE) check
	DJANGO_SETTINGS_MODULE=siteconf.settings.test $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo --no-cache

pytest:
	$(VENV)/bin/pytest $(PYTEST_ARGS)
	$(PY) tests/pg_cluster.py -- $(VENV)/bin/pytest -p no:cacheprovider $(POSTGRES_TESTS)

lint: $(VENV)/.test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# For developers: refresh the ar and fr catalogues after changing UI strings.
messages: $(VENV)/.runtime
	$(MANAGE) makemessages --locale ar --locale fr --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(MANAGE) makemessages --domain djangojs --locale ar --locale fr --ignore '.venv/*' --ignore 'var/*' --no-obsolete

clean:
	rm -rf $(VENV) var

# Soak (not in CI): LD1, 10 minutes of P5's mix on the production profile
# (`make soak SOAK_ARGS="--minutes 30"` for LD1's full length).
soak: $(VENV)/.test bench-deps catalogues
	$(PY) tests/benchmarks/soak.py $(SOAK_ARGS)

# Benchmarks (not in CI): print figures measured on this machine.
bench: $(VENV)/.test bench-deps catalogues
	$(PY) -m pytest tests/test_search_crosslanguage_recall.py -q -s -p no:randomly
	$(PY) tests/benchmarks/import_rate.py 10000
	$(PY) tests/benchmarks/search_embedded.py --size 100000 --reps 100
	$(PY) tests/benchmarks/search_peers.py --size 100000 --reuse
	$(PY) tests/benchmarks/search_embedded.py --size 1000000 --reuse
	$(PY) tests/benchmarks/search_peers.py --size 1000000 --reuse --peers fts5
	$(PY) tests/pg_cluster.py --keep var/bench/pg-100000 -- sh -c \
		'$(PY) tests/benchmarks/search_embedded.py --size 100000 --postgres "$$DATABASE_URL" --reuse --skip-rebuild'
	$(PY) tests/pg_cluster.py --keep var/bench/pg-1000000 -- sh -c \
		'$(PY) tests/benchmarks/search_embedded.py --size 1000000 --postgres "$$DATABASE_URL" --reuse --skip-rebuild'
	$(PY) tests/benchmarks/paper_generation.py --count 1000 --reuse
	$(PY) tests/benchmarks/paper_generation.py --count 10000 --reuse
	$(PY) tests/benchmarks/paper_editor.py --count 10000 --reuse
	$(PY) tests/benchmarks/http_load.py
	$(PY) tests/benchmarks/campaigns.py --size 100000 --database-size 100000 --reuse
	$(PY) tests/benchmarks/participation.py --size 100000
	$(PY) tests/pg_cluster.py --keep var/bench/pg-100000 -- sh -c \
		'$(PY) tests/benchmarks/participation.py --size 100000 --postgres "$$DATABASE_URL"'
