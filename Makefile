# Two commands do all the set-up: `make run` and `make test`.
# Debian's /usr/bin/python3.11 is built with profile-guided and link-time optimisation
# (as the python:3.11 Docker image is); a pyenv or source build is not unless asked for,
# and runs extraction about a tenth slower. It is taken when it can make a venv.
PYTHON ?= $(shell /usr/bin/python3.11 -c 'import ensurepip' 2>/dev/null && echo /usr/bin/python3.11 \
	|| command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint eval benchmark clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/claimwatch run

demo: $(STAMP)
	$(BIN)/claimwatch demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/claimwatch eval --floors tests/eval_floors.json

benchmark: $(STAMP)
	$(BIN)/python benchmarks/extraction_speed.py
	$(BIN)/python benchmarks/verify_speed.py
	$(BIN)/python benchmarks/peer_scores.py
	$(BIN)/python benchmarks/crawl_speed.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
