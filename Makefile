# Everything installs into .venv on first use; only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
NOTES ?= notes

.PHONY: help run test check lint format bench fuzz soak screenshot clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev]'
	touch $@ $(VENV)/.installed-app

# `make run` keeps its library inside the checkout, unless you chose one ($READER_TUI_DB).
run: export READER_TUI_DB ?= $(CURDIR)/.reader-tui/library.db
run: $(VENV)/.installed-app  ## open the app on notes/ (library: .reader-tui/library.db)
	$(BIN)/reader-tui $(NOTES)

test: $(VENV)/.installed-dev  ## install with test extras and run the whole suite
	$(BIN)/python -m pytest -q -n 3 --dist worksteal

lint: $(VENV)/.installed-dev  ## ruff format --check, ruff check, mypy over src and tests
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src tests

check: lint test  ## format, lint, types, tests

soak: $(VENV)/.installed-dev  ## kill -9 the real app 50 times while it is typed into
	READER_TUI_KILL_RUNS=$${READER_TUI_KILL_RUNS:-50} $(BIN)/python -m pytest -q \
		tests/ui/test_kill.py

fuzz: $(VENV)/.installed-dev  ## hostile text through every screen, many more examples
	READER_TUI_FUZZ=$${READER_TUI_FUZZ:-100} $(BIN)/python -m pytest -q -n 3 \
		tests/ui/test_hostile_text.py -k any_hostile

format: $(VENV)/.installed-dev  ## apply ruff's formatting and fixes
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(VENV)/.installed-dev  ## every benchmark, a table of figures and goals; fails on a miss
	$(BIN)/python bench/run.py

screenshot: $(VENV)/.installed-dev  ## the README's picture of the reading screen, from the snapshots
	$(BIN)/python -m pytest -q tests/ui/test_snapshots.py -k reading_wide --snapshot-update
	cp tests/ui/__snapshots__/test_snapshots/test_reading_wide.svg docs/reading.svg

clean:  ## remove the venv and the tools' caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
