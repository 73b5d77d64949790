# mtnorm: `make run` cleans seeds/ into cleaned/, `make test` runs the tests.
# Both create .venv on first use; only Python 3.11+ is needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test bench fuzz controls clean-venv

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mtnorm needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(BIN)/.installed
	@$(BIN)/mtnorm clean seeds --out cleaned; status=$$?; \
	  if [ $$status -gt 1 ]; then exit $$status; fi; \
	  echo "Cleaned copies are in cleaned/. Review what is left: $(BIN)/mtnorm check seeds"

test: $(BIN)/.installed
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/review_open.py

fuzz: $(BIN)/.installed  # five minutes of the pipeline fuzzer (a fresh seed) and 5,000 examples per property
	MTNORM_FUZZ_SECONDS=$${MTNORM_FUZZ_SECONDS:-300} MTNORM_FUZZ_SEED=$${MTNORM_FUZZ_SEED:-$$(date +%s)} \
	  MTNORM_PROPERTY_EXAMPLES=$${MTNORM_PROPERTY_EXAMPLES:-5000} \
	  $(BIN)/python -m pytest -q tests/reliability/test_fuzz.py tests/reliability/test_properties.py

clean-venv:
	rm -rf $(VENV)
