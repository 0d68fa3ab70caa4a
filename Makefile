# Two commands for a new user: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help run test lint check bench clean
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

# Browser tests drive Debian's Chromium: installed by apt when root, else Playwright's own build.
$(VENV)/.browser: | $(VENV)/.dev
	@if command -v chromium >/dev/null; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core; \
	else $(BIN)/playwright install chromium; fi
	touch $@

run: $(VENV)/.runtime ## start the dashboard on data/ (Streamlit settings from STREAMLIT_* variables, e.g. STREAMLIT_SERVER_PORT)
	$(BIN)/streamlit run app.py

lint: $(VENV)/.dev ## ruff
	$(BIN)/ruff check .

check: $(VENV)/.runtime ## validate data/
	$(BIN)/python -m metrics check

test: $(VENV)/.dev $(VENV)/.browser lint ## lint and every test (browser tests included)
	$(BIN)/python -m pytest

bench: $(VENV)/.dev ## loader benchmark on a generated 200,000-metric folder (see bench/README.md)
	$(BIN)/python bench/bench_load.py

clean: ## remove the environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
