# Everything installs into .venv on first use; only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
NOTES ?= notes

.PHONY: run test check lint format bench fuzz soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev]'
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app  ## open the app on notes/
	$(BIN)/reader-tui $(NOTES)

test: $(VENV)/.installed-dev  ## install with test extras and run the whole suite
	$(BIN)/python -m pytest -q -n 3 --dist worksteal

lint: $(VENV)/.installed-dev
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

format: $(VENV)/.installed-dev
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(VENV)/.installed-dev  ## print each benchmark's ratio against its baseline
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/library.py
	$(BIN)/python bench/search_compare.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/first_paint.py
	$(BIN)/python bench/queries.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
