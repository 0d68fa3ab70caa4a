# Two commands for a new user: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help run serve snapshot test lint check bench clean
help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# Debian packages: what the app uses (Chromium draws chart images; Noto has every Vietnamese glyph) and what the
# tests open files with as a real client would (LibreOffice, poppler); nginx for `make serve` and its tests. Installed
# by apt when root; otherwise the missing ones are named, and the tests that need them fail saying so (never skipped).
APP_DEBS := chromium fonts-noto-core
TEST_DEBS := $(APP_DEBS) nginx libreoffice-calc-nogui libreoffice-impress-nogui poppler-utils zbar-tools
define debs
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "debian packages present: $(1)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "not installed (run as root, or ask for them):$$missing"; fi
endef

$(VENV)/.app-debs: Makefile | $(BIN)/python
	$(call debs,$(APP_DEBS))
	touch $@

$(VENV)/.test-debs: Makefile | $(BIN)/python
	$(call debs,$(TEST_DEBS))
	touch $@

$(VENV)/.serve-debs: Makefile | $(BIN)/python
	$(call debs,$(APP_DEBS) nginx)
	touch $@

run: $(VENV)/.runtime $(VENV)/.app-debs ## start the dashboard on data/ (Streamlit settings from STREAMLIT_* variables, e.g. STREAMLIT_SERVER_PORT)
	$(BIN)/streamlit run app.py

REPLICAS ?= 2
PORT ?= 8080
serve: $(VENV)/.runtime $(VENV)/.serve-debs ## REPLICAS dashboards behind nginx on PORT (default 2, 8080), the snapshot in site/ at /snapshot/ (see deploy/README.md)
	$(BIN)/python deploy/serve.py --replicas $(REPLICAS) --port $(PORT)

LABEL ?=
snapshot: $(VENV)/.runtime $(VENV)/.app-debs ## a frozen, dated copy of the dashboard in site/ (LABEL=2026-01-05; default today)
	$(BIN)/python -m metrics snapshot -o site $(if $(LABEL),--label $(LABEL))

lint: $(VENV)/.dev ## ruff
	$(BIN)/ruff check .

check: $(VENV)/.runtime ## validate data/
	$(BIN)/python -m metrics check

test: $(VENV)/.dev $(VENV)/.test-debs lint ## lint and every test (browser tests included)
	$(BIN)/python -m pytest

bench: $(VENV)/.dev ## loader benchmark on a generated 200,000-metric folder (see bench/README.md)
	$(BIN)/python bench/bench_load.py

clean: ## remove the environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
