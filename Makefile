# MuniPlan: `make run` serves the demo on SQLite; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run demo test test-fast browser-deps lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# As in production: DEBUG off, the product's own error pages, static files collected for WhiteNoise.
run: install
	$(BIN)/muniplan migrate --noinput -v0
	$(BIN)/muniplan collectstatic --noinput -v0
	$(BIN)/muniplan demo
	@echo
	@echo "MuniPlan: http://$(HOST):$(PORT)/  (вход: demo / muniplan-demo)"
	@echo
	@# The task worker (reminders, batch imports) runs beside the web server and stops with it.
	$(BIN)/muniplan db_worker & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(BIN)/muniplan runserver --noreload $(HOST):$(PORT)

# Browser tests drive Debian's Chromium; PDF renditions in tests need pango and a Cyrillic font;
# legacy formats (.doc .rtf .odt .xls .ods) are converted by LibreOffice, scans read by Tesseract.
# Debian packages the tests drive: Chromium (browser tests), pango and a Cyrillic font (PDF out),
# LibreOffice (legacy formats in, Word exports checked; python3-uno converts without laying pages out),
# poppler (pages rendered), Tesseract (scans).
DEBIAN_PACKAGES := chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	libreoffice-writer-nogui libreoffice-calc-nogui python3-uno poppler-utils tesseract-ocr tesseract-ocr-rus
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! ldconfig -p | grep -q libpangoft2 || ! command -v soffice >/dev/null \
	    || ! /usr/bin/python3 -I -c 'import uno' 2>/dev/null \
	    || ! command -v pdftoppm >/dev/null || ! command -v tesseract >/dev/null \
	    || [ ! -e /usr/share/tesseract-ocr/5/tessdata/rus.traineddata ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q $(DEBIAN_PACKAGES) \
	  || { $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $(DEBIAN_PACKAGES); }; \
	fi

# Two workers: the suite (browser, LibreOffice and OCR tests included) takes half the time.
test: install browser-deps
	$(BIN)/pytest -q -n 2

test-fast: install
	$(BIN)/pytest -q -n 2 -m "not browser"

lint: install
	$(BIN)/ruff format --check muniplan bench
	$(BIN)/ruff check muniplan bench

bench: install
	$(BIN)/python bench/plan_pages.py
	$(BIN)/python bench/import_speed.py
	$(BIN)/python bench/import_accuracy.py
	$(BIN)/python bench/import_wild.py
	$(BIN)/python bench/rollover_accuracy.py
	$(BIN)/python bench/export_speed.py
	$(BIN)/python bench/backup_restore.py
	$(BIN)/python bench/execution.py
	$(BIN)/python bench/remind.py
	$(BIN)/python bench/report_speed.py

clean:
	rm -rf $(VENV) var
