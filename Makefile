# Two commands do all the set-up: `make run` and `make test`.
# Debian's /usr/bin/python3.11 is built with profile-guided and link-time optimisation
# (as the python:3.11 Docker image is); a pyenv or source build is not unless asked for,
# and runs extraction about a tenth slower. It is taken when it can make a venv.
PYTHON ?= $(shell /usr/bin/python3.11 -c 'import ensurepip' 2>/dev/null && echo /usr/bin/python3.11 \
	|| command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# verifier/'s extraction modules compiled with mypyc (tools/build_native.py), again whenever
# one of its sources changes; without a C compiler it says so and all runs as plain Python
NATIVE := $(VENV)/.native

.PHONY: run demo test lint eval benchmark native clean-native clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(NATIVE): $(STAMP) $(wildcard verifier/*.py) tools/build_native.py
	$(BIN)/python tools/build_native.py
	@touch $(NATIVE)

native: $(NATIVE)

clean-native:
	rm -rf build/native verifier/*.so $(NATIVE)

run: $(NATIVE)
	$(BIN)/claimwatch run

demo: $(NATIVE)
	$(BIN)/claimwatch demo

test: $(NATIVE)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

eval: $(NATIVE)
	$(BIN)/claimwatch eval --floors tests/eval_floors.json

benchmark: $(NATIVE)
	$(BIN)/python benchmarks/extraction_speed.py
	$(BIN)/python benchmarks/verify_speed.py
	$(BIN)/python benchmarks/peer_scores.py
	$(BIN)/python benchmarks/crawl_speed.py

clean:
	rm -rf $(VENV) var build verifier/*.so .pytest_cache .mypy_cache .ruff_cache
