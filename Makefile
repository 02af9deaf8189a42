# The two commands of the quick start: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint typecheck format audit bandit pip-audit install install-dev \
	translations messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed translations
install-dev: $(VENV)/.installed-dev translations

# The interface's translations, compiled from the committed catalogues with Babel:
# a fresh machine needs no GNU gettext. The folder names the language (zh_Hans).
# locale_django completes Django's own Kazakh catalogues (django and djangojs).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po \
	locale_django/*/LC_MESSAGES/*.po))
translations: $(MO_FILES)

%.mo: %.po $(VENV)/.installed
	$(VENV)/bin/pybabel -q compile -l $(word 2,$(subst /, ,$@)) -i $< -o $@

# For translators, with GNU gettext: gather every string marked for translation.
LOCALES := ru kk ug tr zh_Hans
messages: install
	$(PY) manage.py makemessages --no-obsolete --no-location --ignore '.venv/*' \
		--ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' \
		$(foreach locale,$(LOCALES),-l $(locale))

# Embedded default: a SQLite file under var/ and tasks run in-process. The laptop's
# .env (DEBUG on, generated keys) is written once, for every manage.py command.
# The development server is the laptop's server by design: its warning is for
# those who would deploy it, and the README says how to run production.
run: export DEBUG ?= true
run: export DJANGO_RUNSERVER_HIDE_WARNING = true
run: install
	$(PY) -m casetracker.laptop
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py create_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

# On DATABASE_URL when set (CI: PostgreSQL), else a SQLite test database.
test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install-dev
	$(PY) -m bench $(BENCH_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) typecheck

# The Django and DRF plugins read the settings: here the laptop's defaults.
typecheck: install-dev
	DEBUG=true READ_DOT_ENV=false $(VENV)/bin/mypy

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Static security checks: bandit on our code, pip-audit on the installed packages.
APPS := casetracker cases sources api accounts audit pfif
audit: bandit pip-audit

bandit: install-dev
	$(VENV)/bin/bandit -c pyproject.toml -q -r $(APPS)

# Fails if the vulnerability service cannot be reached (AUDIT_REQUIRE_SERVICE=false
# makes that a warning).
pip-audit: install-dev
	VENV=$(VENV) bash .ci/audit-dependencies
