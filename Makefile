# make serve: build the course and serve it on http://127.0.0.1:8000
# make test:  run every test (installs the venv, the pinned requirements and Debian's Chromium)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt widgets/pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install chromium build serve test bench clean

install: $(STAMP)
$(STAMP): requirements.txt requirements-dev.txt widgets/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

build: $(STAMP)
	$(VENV)/bin/jupyter-book build . -W -n --keep-going

serve: build
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

test: $(STAMP) chromium
	$(PY) -m pytest

bench: $(STAMP) chromium
	$(PY) bench/benchmark.py

clean:
	rm -rf _build
