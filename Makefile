# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEMO_SEED ?= 2026

.PHONY: run test setup static lint format lock messages chromium services demo clean

## run: set everything up and serve the demo on http://127.0.0.1:8000 (embedded mode)
run: setup
	unset DATABASE_URL REDIS_URL; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py demo --seed $(DEMO_SEED) && \
	DJANGO_SETTINGS_MODULE=accounts.simulator.settings $(PY) manage.py migrate --noinput -v 0 && \
	DJANGO_SETTINGS_MODULE=accounts.simulator.settings $(PY) manage.py simulator_seed --seed $(DEMO_SEED) && \
	exec $(VENV)/bin/honcho start -f Procfile

## test: set everything up and run the whole suite on PostgreSQL and Redis
test: setup chromium
	export DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/laerling}"; \
	export REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/15}"; \
	$(MAKE) --no-print-directory lint && \
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed messages static

## static: build the respondent's stylesheet and collect the static files, hashed and
## compressed, for WhiteNoise to serve in every mode (run it again after editing CSS)
static: $(VENV)/.installed node_modules/.installed
	mkdir -p var/static
	$(PY) manage.py build_respondent_css
	$(PY) manage.py collectstatic --noinput -v 0

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## messages: compile the nynorsk and English translations (needs GNU gettext)
messages: $(VENV)/.installed
	command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py compilemessages --ignore '.venv' --ignore node_modules -v 0

## chromium: Debian's Chromium for the browser tests, and poppler-utils (pdftotext,
## pdffonts, pdftoppm) for the tests that read the PDF report
chromium:
	test -x /usr/bin/chromium -a -x /usr/bin/pdftoppm || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils)

## lint: ruff, and the layering contracts (import-linter, [tool.importlinter] in pyproject.toml)
lint:
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports

format:
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

## makemessages: refresh the .po files after changing user-facing text
makemessages: $(VENV)/.installed
	for lang in nn en; do $(PY) manage.py makemessages -l $$lang --ignore '.venv/*' --ignore 'node_modules/*' --no-obsolete; done

## lock: record the exact versions of every installed package in constraints.txt
lock:
	$(PY) -m pip freeze --exclude-editable | grep -v '^laerling' > constraints.txt

clean:
	rm -rf var
