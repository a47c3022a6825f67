# Task runner. On a fresh Debian/Ubuntu machine with Python 3.11+:
#   make serve   set up what building the site needs, build it and serve it on http://127.0.0.1:8000
#   make test    set up that plus what the tests need (Chromium, pytest, ...) and run the whole suite (.ci/run)
# Other targets: setup-serve, setup (= setup-test), build, bench, figures, clean.
# Set-up is tools/setup (idempotent; one timing line per step).

SHELL := /bin/bash
PYTHON ?= python3
BIN := .venv/bin
export PYTHON
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: setup setup-serve setup-test serve build test bench figures clean

setup: setup-test

setup-serve:
	@tools/setup serve

setup-test:
	@tools/setup test

figures: setup-serve
	$(BIN)/python -m tfnotes.products

serve: setup-serve
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup-serve
	$(BIN)/mkdocs build --strict

test: setup-test
	$(BIN)/python -m pytest

bench: setup-test
	$(BIN)/python -m tfnotes.bench kmeans
	$(BIN)/python -m tfnotes.bench rnn
	$(BIN)/python -m tfnotes.site.bench

clean:
	rm -rf site .cache docs/assets/figures docs/assets/demos docs/assets/vendor/katex
