# The Makefile only wires commands together; the logic lives in Python under scripts/.
# `make help` lists the targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help build check test test-fast lint serve preview benchmark canary pins clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every file is checked against the hashes in the requirements files (pip --require-hashes).
# Our pinned pip goes in first (requirements-pip.txt says why).
$(VENV)/.build-deps: requirements.txt requirements-pip.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.build-deps
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

# Zensical, for the canary only: never needed to build or test the site.
$(VENV)/.canary-deps: requirements-canary.txt $(VENV)/.build-deps
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-canary.txt
	touch $@

build: $(VENV)/.build-deps ## Create .venv if needed and write the complete site to site/
	$(BIN)/python -m scripts build

serve: $(VENV)/.build-deps ## Preview with live reload at http://127.0.0.1:8000/
	$(BIN)/python -m scripts serve

preview: build ## Build, then serve site/ as the host will (with search) at http://127.0.0.1:8000/
	$(BIN)/python -m scripts preview

benchmark: $(VENV)/.build-deps ## Lighthouse: ours vs plain Material vs bare HTML (needs npm)
	$(BIN)/python -m scripts benchmark

canary: $(VENV)/.canary-deps ## Build with Zensical in a scratch folder; report what it lacks
	$(BIN)/python -m scripts engines

lint: $(VENV)/.test-deps ## ruff lint and format check
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

check: $(VENV)/.build-deps ## Check all content and data; list every problem as file:line
	$(BIN)/python -m scripts check

# On every core (pytest-xdist), tests shared out one by one. The xdist_group marks that should keep
# a file on one worker are not honoured by pytest 9.2 with pytest-xdist 3.8 (pytest-xdist #1386).
# The builds tests share are made once per run, by a prefetch process (tests/shared_builds.py).
test: lint check ## Run every test (lint, content check, unit, build and browser tests)
	$(BIN)/python -m pytest -n auto --dist loadgroup --durations=15

test-fast: lint check ## The quick loop: lint, content check and the unit tests (no build, no browser)
	$(BIN)/python -m pytest -m unit -q

PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple

pins: $(VENV)/.test-deps ## Regenerate requirements*.txt (with hashes) from requirements*.in
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-test.txt requirements-test.in
	$(PIP_COMPILE) --output-file requirements-canary.txt requirements-canary.in

clean: ## Remove the built site, the virtual environment and caches
	rm -rf site .site-build-* .site-old-* .benchmark $(VENV) .pytest_cache .ruff_cache test-artifacts
