# Two commands for a new machine: `make run` (the app with the demo data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test chromium poppler lint bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi seed-demo
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

# Debian's Chromium for the Playwright tests (Playwright's own browser download needs internet).
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# pdftoppm renders the test PDFs to PNG in test-artifacts/ for a person to look at.
poppler:
	@command -v pdftoppm >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

test: $(VENV)/.dev chromium poppler
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

lint: $(VENV)/.dev
	$(BIN)/ruff check iku_web tests bench

bench: $(VENV)/.runtime
	$(BIN)/python bench/pdf_bench.py
