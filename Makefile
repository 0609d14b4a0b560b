# Two commands for a newcomer: `make site` builds the site, `make test` runs every test.
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
SYS_STAMP := $(VENV)/.installed-system

.PHONY: site test lint serve check bench golden clean

site: $(STAMP) node_modules/.installed
	$(VPY) -m generator build

check: $(STAMP)
	$(VPY) -m generator check

serve: $(STAMP) node_modules/.installed
	$(VPY) -m generator serve

# The suite builds the site once into .build/test-site and tests that tree.
TEST_SITE := $(CURDIR)/.build/test-site

test: $(TEST_STAMP) $(SYS_STAMP) node_modules/.installed
	$(VPY) -m ruff check .
	$(VPY) -m generator build --site $(TEST_SITE)
	HANDBOOK_SITE=$(TEST_SITE) $(VPY) -m pytest -q tests
	HANDBOOK_SITE=$(TEST_SITE) node --test tests/js/

# Ruff with the project's rules (ruff.toml); `make test` runs it first.
lint: $(TEST_STAMP)
	$(VPY) -m ruff check .

bench: $(STAMP) node_modules/.installed
	$(VPY) bench/run.py

# Regenerate the golden files of generated pages after an intended change.
golden: $(TEST_STAMP)
	UPDATE_GOLDEN=1 $(VPY) -m pytest -q tests/test_golden.py

$(VENV)/bin/python:
	$(PY) -m venv $(VENV)

$(STAMP): requirements.txt | $(VENV)/bin/python
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(TEST_STAMP): requirements-test.txt requirements.txt $(STAMP)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Debian packages the tests need: the browser, Japanese fonts, PDF tools, a spreadsheet
# application to save returned checklists again as a contractor's would (and Node.js
# only where the machine has none: a Node.js from elsewhere is kept as it is).
$(SYS_STAMP): | $(VENV)/bin/python
	@pkgs=""; \
	command -v chromium >/dev/null || pkgs="$$pkgs chromium"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || pkgs="$$pkgs fonts-noto-cjk"; \
	command -v pdftotext >/dev/null || pkgs="$$pkgs poppler-utils"; \
	command -v soffice >/dev/null || pkgs="$$pkgs libreoffice-calc-nogui"; \
	command -v node >/dev/null || pkgs="$$pkgs nodejs npm"; \
	command -v soffice >/dev/null || pkgs="$$pkgs libreoffice-calc-nogui"; \
	if [ -n "$$pkgs" ]; then \
	  echo "installing Debian packages:$$pkgs"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs >/dev/null; \
	fi
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .venv node_modules
