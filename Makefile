# Task runner. On a fresh Debian/Ubuntu machine with Python 3.11+:
#   make serve   set everything up, build the figures and serve the site on http://127.0.0.1:8000
#   make test    set everything up and run the whole test suite (what CI runs: .ci/run)
# Other targets: setup, build, bench, figures, clean.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KATEX := docs/assets/vendor/katex
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: setup system-deps serve build test bench figures clean

setup: system-deps $(VENV)/.installed $(KATEX)/katex.min.js $(KATEX)/.fonts-listed

# Debian packages: a Hangul font for the figures, Chromium for the browser tests, Node.js/npm for KaTeX.
system-deps:
	@missing=""; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK KR" || missing="$$missing fonts-noto-cjk"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  rm -rf $$HOME/.cache/matplotlib; \
	fi

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# KaTeX from its npm package, served by the site itself (only the woff2 fonts: every browser the site
# supports reads them, and KaTeX's CSS lists woff2 first).
$(KATEX)/katex.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(KATEX) && mkdir -p $(KATEX)/contrib $(KATEX)/fonts
	cp node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css $(KATEX)/
	cp node_modules/katex/dist/contrib/auto-render.min.js $(KATEX)/contrib/
	cp node_modules/katex/dist/fonts/*.woff2 $(KATEX)/fonts/

# KaTeX's CSS lists woff2, woff and ttf for every font: rewrite it to list only the files copied above
# (tfnotes.site.katex_fonts explains why), after every copy and whenever the rewrite changes.
$(KATEX)/.fonts-listed: $(KATEX)/katex.min.js src/tfnotes/site/katex_fonts.py | $(VENV)/.installed
	$(BIN)/python -m tfnotes.site.katex_fonts $(KATEX)
	touch $@

figures: setup
	$(BIN)/python -m tfnotes.products

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m tfnotes.bench kmeans
	$(BIN)/python -m tfnotes.bench rnn

clean:
	rm -rf site .cache docs/assets/figures docs/assets/demos $(KATEX)
