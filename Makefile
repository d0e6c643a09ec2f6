# The two commands: `make run` and `make test`. Both bootstrap their own .venv.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
FLASK := $(VENV)/bin/flask --app wsgi

.PHONY: run test install lint bench cluster catalogs messages screenshots vendor-css lighthouse

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install catalogs
	$(FLASK) db upgrade
	$(FLASK) demo
	$(PY) wsgi.py

# The compiled .mo files are committed as well; compiling again keeps them in step with the .po.
catalogs: install
	$(VENV)/bin/pybabel -q compile -d app/translations

# Re-extract the Dutch msgids from app/ and templates/ and merge them into the catalogs.
messages: install
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k lazy_gettext -k _l --no-location --sort-output \
		-o app/translations/messages.pot .
	$(VENV)/bin/pybabel -q update -i app/translations/messages.pot -d app/translations \
		--no-fuzzy-matching --ignore-obsolete --width 100

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install lint catalogs
	$(VENV)/bin/pytest

# Refresh the README's pictures in docs/screenshots/ (a plain test run puts them in test-artifacts/).
screenshots: install
	BRUGWERK_SCREENSHOTS=docs/screenshots $(VENV)/bin/pytest tests/browser/test_screens.py

# Re-vendor the NL Design System CSS the pages use (npm into build/vendor-css/; byte-identical reruns).
vendor-css: install
	$(PY) scripts/vendor_css.py

# Lighthouse on the demo's pages, both presets, median of three (issue 14; bench/RESULTS.md).
lighthouse: install
	$(PY) -m bench.lighthouse

bench: install
	$(PY) -m bench

# N server processes (gunicorn, threads) behind nginx with sticky sessions, rooms shared through
# Redis: `make cluster N=2`. Set DATABASE_URL to a PostgreSQL database first (docs/deploy.md).
N ?= 2
cluster: install
	$(PY) -m deploy.cluster --processes $(N)
