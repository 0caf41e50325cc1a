# One command for each job; CI runs `make check`, exactly as README says.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run check test lint types banks snapshots bench clean

$(BIN)/examprep: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

## run: set up (first time) and start examprep on the bundled banks
run: $(BIN)/examprep
	$(BIN)/examprep

## check: set up (first time), then format, lint, types, bank lint and the whole test suite
check: $(BIN)/examprep lint types banks test

lint: $(BIN)/examprep
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/ruff check src tests benchmarks tools

types: $(BIN)/examprep
	$(BIN)/mypy

banks: $(BIN)/examprep
	$(BIN)/examprep lint question_banks --no-run-code

test: $(BIN)/examprep
	$(BIN)/python -m pytest

## snapshots: regenerate UI snapshots after an intended visual change (review the diff!)
snapshots: $(BIN)/examprep
	$(BIN)/python -m pytest tests/ui/test_snapshots.py --snapshot-update

## bench: performance figures against in-run baselines (see benchmarks/README.md)
bench: $(BIN)/examprep
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
