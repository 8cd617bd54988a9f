# tradestats: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck pytest bench lock clean system-deps

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip install -q --compile-bytecode --python $(PY) --require-hashes -r requirements.lock
	$(UV) pip install -q --python $(PY) --no-deps -e .
	touch $(STAMP)

## system-deps: Debian packages the tests need (Java for Spark, Chromium for the browser tests).
system-deps:
	@bash scripts/system-deps.sh

demo: $(STAMP)
	$(VENV)/bin/tradestats demo

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# Every test, and the examples in src/'s docstrings; the slowest are listed so that the
# quick tier below stays quick.
pytest: $(STAMP)
	$(VENV)/bin/pytest -q --durations=20
	$(VENV)/bin/pytest -q -p no:cacheprovider --doctest-modules src/tradestats

test: system-deps lint typecheck pytest

## check: the quick tier to run while working (about 3 minutes on 2 cores): lint, types, and every
## test not marked slow (tests/conftest.py: Spark, browsers, crash and fuzz campaigns), doctests.
check: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q -p no:cacheprovider -m "not slow" --durations=10
	$(VENV)/bin/pytest -q -p no:cacheprovider --doctest-modules src/tradestats

## bench: every benchmark of bench/ into BENCHMARKS.md (about 90 minutes on 2 cores: 1M, 10M and 100M records)
bench: $(STAMP)
	$(PY) bench/run.py

## reliability: the full-size reliability campaigns of RELIABILITY.md (about 16 minutes):
## SIGKILLed ingests and synth runs, hypothesis and atheris fuzzing, hostile and slow clients,
## heavy queries past the server's time limit (503s, CPU idle after them, light queries' p95).
.PHONY: reliability
CRASH_TRIALS ?= 50
FUZZ_EXAMPLES ?= 300
ATHERIS_SECONDS ?= 15
reliability: $(STAMP)
	TRADESTATS_CRASH_TRIALS=$(CRASH_TRIALS) TRADESTATS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) \
	TRADESTATS_HALFWAY_CASES=200000 \
	TRADESTATS_FUZZ_RANDOM=1 TRADESTATS_FUZZ_SAVE=1 \
	TRADESTATS_READER_ROUNDS=10 TRADESTATS_READERS=4 \
	TRADESTATS_SLOW_CLIENTS=100 TRADESTATS_CONNECTIONS=500 TRADESTATS_SLOWLORIS_CONTROL=1 \
	TRADESTATS_SERVER_LIMITS=1 \
	  $(VENV)/bin/pytest -q -s -p no:cacheprovider --durations=10 \
	  tests/reliability tests/fuzz tests/store/test_crash.py tests/corpus \
	  tests/indicators/test_exact_ratios.py
	fail=0; log=$$(mktemp); for target in $$($(PY) tests/fuzz/atheris_fuzz.py --list); do \
	  $(PY) tests/fuzz/atheris_fuzz.py $$target $(ATHERIS_SECONDS) > $$log 2>&1 \
	    || { fail=1; tail -40 $$log; }; \
	  grep -E '^(atheris|Done |stat::new_units)' $$log; \
	done; rm -f $$log; exit $$fail

## eval-checker: the claim checker's scores over its development corpus (tests/checker/corpus).
.PHONY: eval-checker
eval-checker: $(STAMP)
	PYTHONPATH=src $(PY) tests/checker/corpus/evaluate.py

## lock: re-resolve requirements.lock from pyproject.toml (needs the package registry).
lock: $(STAMP)
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) demo-store .pytest_cache .mypy_cache .ruff_cache
