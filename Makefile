# Two commands for a new machine: `make run` (the app with the demo data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run run-provinsi test test-pg test-stress system-packages lint bench bench-national \
	guide-screenshots

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
	@$(BIN)/flask --app wsgi alamat --host $(HOST) --port $(PORT)
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

# The province demo on its own database and upload folder (instance/provinsi.sqlite3):
# KPU Provinsi Kalimantan Tengah and its 14 offices, TA 2024. Accounts admin, admin.<kode>,
# staf.<kode>, verifikator.<kode>; password IKU_DEMO_PASSWORD, else printed once.
PROVINSI_ENV := DATABASE_URL=sqlite:///$(CURDIR)/instance/provinsi.sqlite3 \
	UPLOAD_DIR=$(CURDIR)/instance/provinsi-uploads
run-provinsi: $(VENV)/.runtime
	$(PROVINSI_ENV) $(BIN)/flask --app wsgi db upgrade
	$(PROVINSI_ENV) $(BIN)/flask --app wsgi seed-provinsi
	@$(PROVINSI_ENV) $(BIN)/flask --app wsgi alamat --provinsi --host $(HOST) --port $(PORT)
	$(PROVINSI_ENV) $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

# Debian packages the tests need: chromium for Playwright (its own browser download needs
# internet), the PostgreSQL server for the PostgreSQL test, pdftoppm (poppler-utils) to render
# the test PDFs to PNG in test-artifacts/, LibreOffice Writer to open the LKjIP draft as the
# office does, and fonts-droid-fallback, which the PDFs print Chinese and Japanese with (the
# app needs it too: reports/pdf_text.py). Installed only when missing.
system-packages:
	@set -e; missing=""; office=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] \
		|| missing="$$missing fonts-droid-fallback"; \
	command -v soffice >/dev/null || office="libreoffice-writer-nogui"; \
	if [ -n "$$missing$$office" ]; then \
		echo "Installing Debian packages:$$missing $$office"; \
		$(SUDO) apt-get update -qq; \
	fi; \
	if [ -n "$$missing" ]; then \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi; \
	if [ -n "$$office" ]; then \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			$$office >/dev/null; \
	fi

# The whole suite on SQLite, then the subset that reaches every blueprint (the permission
# matrix and the units' permission walk), the write paths and the units migration on a
# throw-away PostgreSQL cluster; `make test-pg` runs all of it there (about 12 minutes).
# The two units files add about 170 s of test time (1.5-2 min with two workers).
PG_SUBSET := tests/test_permissions.py tests/test_postgresql.py tests/test_realisasi.py \
	tests/test_review.py tests/test_review_decisions.py tests/test_evidence_upload.py tests/test_sessions.py tests/test_backup.py \
	tests/test_audit.py tests/test_issued.py \
	tests/test_lock_wait.py tests/test_unit_walk.py tests/test_units_migration.py

# lint-imports first: the layering contracts of pyproject.toml, in about a second.
test: $(VENV)/.dev system-packages
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 --dist loadfile -q
	IKU_TEST_DATABASE=postgresql $(BIN)/python -m pytest -n 2 --dist loadfile -q $(PG_SUBSET)

# The same suite on PostgreSQL: each test worker starts a throw-away cluster (tests/pg_mode.py).
test-pg: $(VENV)/.dev system-packages
	IKU_TEST_DATABASE=postgresql $(BIN)/python -m pytest -n 2 --dist loadfile -q

# The screenshots of the user guide (static/panduan/), from the demo data, in Chromium.
guide-screenshots: $(VENV)/.dev system-packages
	$(BIN)/python scripts/guide_screenshots.py

# The browser tests RUNS times (default 10) while one busy process per core loads the machine,
# then the failures per test; non-zero exit when any run failed. TESTS= narrows it to a file or
# a test id (how to hunt a flaky test: docs/testing.md).
RUNS ?= 10
TESTS ?= tests/browser
test-stress: $(VENV)/.dev system-packages
	$(BIN)/python tests/stress.py --runs $(RUNS) $(TESTS)

lint: $(VENV)/.dev
	$(BIN)/ruff check iku_web tests bench
	$(BIN)/lint-imports

bench: $(VENV)/.runtime
	$(BIN)/python bench/realisasi_bench.py
	$(BIN)/python bench/realisasi_table_bench.py
	$(BIN)/python bench/save_size_bench.py
	$(BIN)/python bench/pdf_bench.py
	$(BIN)/python bench/issue_bench.py
	$(BIN)/python bench/dashboard_bench.py
	$(BIN)/python bench/login_bench.py
	$(BIN)/python bench/units_bench.py

# The roll-up at national scale (issue 21): KPU RI + 38 provinces + 514 Kabupaten/Kota on a
# throw-away PostgreSQL cluster against 15- and 1-unit installs, 15-20 minutes; figures and
# how to read them: docs/performance.md. Options: python bench/national_bench.py --help.
bench-national: $(VENV)/.runtime system-packages
	$(BIN)/python bench/national_bench.py
