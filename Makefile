# Two commands on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup build report test test-fast lint typecheck format bench evaluate snapshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@echo "setup 1/4: virtual environment in $(VENV)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "setup 2/4: pip"
	$(PY) -m pip install --quiet --upgrade pip
	@echo "setup 3/4: the suite and its dependencies, spaCy's French model included (2-3 minutes on a fresh machine)"
	$(PY) -m pip install --progress-bar off -e ".[dev]"
	@echo "setup 4/4: Jupyter kernel"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

build: setup
	$(PY) -m sahel_utils build

report: build
	$(PY) -m sahel_utils report

# Seed gold scores of data/processed, plus the real-press dev gold when ../shared/dev is there.
DEV := ../shared/dev
evaluate: setup
	@if [ -d $(DEV) ]; then \
	  $(PY) -m sahel_utils build $(DEV)/bbc_afrique.jsonl $(DEV)/lemonde_2022.jsonl \
	    --out data/processed_dev --no-progress >/dev/null && \
	  $(PY) -m sahel_utils evaluate --dev data/processed_dev; \
	else $(PY) -m sahel_utils evaluate; fi

# -rs: skipped tests are listed at the end (e.g. the browser tests without chromium).
test: setup
	$(PY) -m pytest -q -rs

# Everyday lane: no notebooks, no spaCy model (tests marked slow are left out).
test-fast: setup
	$(PY) -m pytest -q -m "not slow"

# Regenerate the table snapshots after a change meant to alter output (say so in the commit).
snapshots: setup
	$(PY) -m tests.snapshots.tables_snapshot seed dev

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Type-check the whole package (the config is [tool.mypy] in pyproject.toml).
TYPECHECKED := -p sahel_utils

typecheck: setup
	$(VENV)/bin/mypy $(TYPECHECKED)

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(PY) -m sahel_utils.bench

clean:
	rm -rf data/processed/* reports/* .cache
