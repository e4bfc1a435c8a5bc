# vnpolicytext — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/thong_bao_tiep_nhan_ho_so.txt

.PHONY: run bytecode test fuzz complexity lint typecheck bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The editable install leaves the package's bytecode to the first import, which never writes it where
# PYTHONDONTWRITEBYTECODE is set: every cold `vnpolicytext` call would compile 0.3 s of source again.
# compileall writes it whatever that setting says, and rewrites only what changed.
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q src

run: $(VENV)/.installed bytecode
	$(BIN)/vnpolicytext analyze $(EXAMPLE) || test $$? -eq 1  # 1 = findings at error level, expected here

test: $(VENV)/.installed bytecode
	scripts/system_deps.sh
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

fuzz: $(VENV)/.installed  # the fuzz suite, 100,000 examples over its 6 properties (FUZZ_EXAMPLES=N per property)
	VNPOLICYTEXT_FUZZ_PROFILE=fuzz VNPOLICYTEXT_FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),16667) \
		$(BIN)/python -m pytest -p no:cacheprovider --hypothesis-show-statistics tests/test_fuzz.py

complexity: $(VENV)/.installed  # growth from 200 k to 1.6 M characters of every hostile pattern
	$(BIN)/python benchmarks/complexity.py --n 200000

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_analyze.py

schema: $(VENV)/.installed
	$(BIN)/vnpolicytext schema > docs/report.schema.json

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
