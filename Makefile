# Containment: `make run` sets everything up and serves the site; `make test` runs the whole suite.
# DATABASE_URL=postgres://... switches both to PostgreSQL (default: SQLite file var/containment.sqlite3).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run setup serve test lint format migrations-check backup restore clean

UV := $(VENV)/bin/uv

$(PY):
	$(PYTHON) -m venv $(VENV)

# uv installs the pinned requirements in seconds; it is itself installed into the virtualenv.
$(UV): | $(PY)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv

$(VENV)/.run-installed: requirements.txt | $(UV)
	$(UV) pip install --quiet -p $(PY) -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(UV)
	$(UV) pip install --quiet -p $(PY) -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

# Idempotent: migrating and importing the reference data again changes nothing.
setup: $(VENV)/.run-installed
	mkdir -p var
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py import_dataset fixtures/reference
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py collectstatic --no-input -v0

serve:
	@echo "Serving Containment on http://$(HOST)/ (admin: http://$(HOST)/admin/; create a login with"
	@echo "  DJANGO_DEBUG=true $(PY) manage.py createsuperuser )"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py runserver $(HOST)

run: setup serve

# The suite runs on every core (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one process.
test: $(VENV)/.dev-installed
	$(PY) -m pytest -n auto --durations=10 $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(VENV)/.dev-installed
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# A timestamped CSV export of the whole dataset (and a pg_dump on PostgreSQL) under var/backups/.
backup: $(VENV)/.run-installed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py backup

# make restore FILE=var/backups/20261127T090000Z
restore: $(VENV)/.run-installed
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/<timestamp>"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py restore "$(FILE)"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
