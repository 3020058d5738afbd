# Career Pathways: every task starts here. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help run test install lint format check seed export assets assets-check superuser

help: ## List the tasks
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/\$$(PORT)/$(PORT)/g' \
		| awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(PY)
	$(PY) -m pip install -q .
	@touch $@

$(VENV)/.dev-deps: pyproject.toml | $(PY)
	$(PY) -m pip install -q ".[dev]"
	@touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps ## Set up and serve the site on http://127.0.0.1:$(PORT) (SQLite unless DATABASE_URL is set)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-deps ## Set up and run the whole test suite (PostgreSQL when DATABASE_URL is set)
	@start=$$(date +%s); status=0; $(VENV)/bin/pytest -n auto --dist worksteal $(PYTEST_ARGS) || status=$$?; \
	echo "make test took $$(( $$(date +%s) - start ))s"; exit $$status

install: $(VENV)/.dev-deps ## Create or update .venv with the dev extras

lint: $(VENV)/.dev-deps ## Ruff: lint and check formatting
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-deps ## Ruff: fix what it can and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(VENV)/.dev-deps ## Django system checks and a check for missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

seed: $(VENV)/.run-deps ## Load the content fixtures (adds what is missing, never overwrites)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed

export: $(VENV)/.run-deps ## Write the current content back to fixtures/*.json
	$(PY) manage.py export_content

superuser: $(VENV)/.run-deps ## Create an admin user
	$(PY) manage.py createsuperuser

assets: ## Rebuild static/css/site.css from the Sass sources (needs Node and npm)
	bash scripts/build-assets.sh

assets-check: ## Fail if the committed CSS is not what the Sass sources build
	bash scripts/build-assets.sh --check

.PHONY: bench
bench: $(VENV)/.dev-deps ## Benchmark under load with wrk; reports/bench.md (BENCH_ARGS=--quick)
	$(PY) -m scripts.bench $(BENCH_ARGS)
