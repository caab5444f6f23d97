# Developer shortcuts. Everything here is also runnable by hand; see README.md.
PYTHON ?= .venv/bin/python

.PHONY: test fuzz bench-scale lint

test:  ## the whole suite (what CI runs)
	./scripts/test.sh -q

fuzz:  ## property-based tests with 10,000 examples per property (docs/fuzzing.md)
	TRANSLATOR_HYPOTHESIS_PROFILE=fuzz $(PYTHON) -m pytest -p no:cacheprovider -q \
		tests/test_fuzz.py --hypothesis-show-statistics $(FUZZ_ARGS)

bench-scale:  ## time and memory of compare and batch as inputs grow
	$(PYTHON) benchmarks/scale.py

lint:
	$(PYTHON) -m ruff check . && $(PYTHON) -m ruff format --check .
