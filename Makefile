# One command for each job; CI runs `make check`, exactly as README says.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.installed-run
DEV    := $(VENV)/.installed-dev

.PHONY: run check test lint types banks snapshots bench clean

# The app alone (what `make run` needs).
$(RUN): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# Everything for development and CI: tests, linters, the browser test, numpy/pandas for bank code.
$(DEV): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(RUN)

## run: set up (first time) and start examprep on the bundled banks
run: $(RUN)
	$(BIN)/examprep

## check: set up (first time), then format, lint, types, bank lint and the whole test suite
check: $(DEV) lint types banks test

lint: $(DEV)
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/ruff check src tests benchmarks tools

types: $(DEV)
	$(BIN)/mypy

banks: $(DEV)
	$(BIN)/examprep lint question_banks --no-run-code

test: $(DEV)
	$(BIN)/python -m pytest

## snapshots: regenerate UI snapshots after an intended visual change (review the diff!)
snapshots: $(DEV)
	$(BIN)/python -m pytest tests/ui/test_snapshots.py --snapshot-update

## bench: performance figures against in-run floors (benchmarks/run.py)
bench: $(DEV)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
