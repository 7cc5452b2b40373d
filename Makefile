# Storyline: `make demo` installs and runs the showcase; `make test` installs dev tools and runs all checks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test install dev lint typecheck pytest bench serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml requirements/*.txt | $(BIN)/python
	$(BIN)/pip install -q -e '.[web]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/english.txt
	touch $@

$(DEVSTAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)
dev: $(DEVSTAMP)

demo: install
	$(BIN)/storyline demo

lint: dev
	$(BIN)/ruff check storyline tests training

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: install
	$(BIN)/storyline bench

serve: install
	$(BIN)/storyline serve --db .storyline-demo/demo.db

clean:
	rm -rf $(VENV) .storyline-demo .pytest_cache .mypy_cache .ruff_cache runs/screenshots
