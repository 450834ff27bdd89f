# Two commands set up a fresh machine: `make demo` and `make test`.
# Both install what is missing (Debian packages, then a virtualenv) before they run.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := fonts-dejavu-core poppler-utils tesseract-ocr tesseract-ocr-vie antiword catdoc \
	postgresql redis-server \
	php-fpm php-mysql php-xml mariadb-server nginx wordpress wordpress-theme-twentytwentyone \
	wordpress-l10n \
	chromium
STAMP := $(VENV)/.installed

.PHONY: demo demo-distributed test lint format system-packages clean docs report-picture wordpress screenshots

demo: $(STAMP)
	$(BIN)/qmsaudit demo

# The same province on distributed mode's services: PostgreSQL and Redis on loopback in a
# temporary folder, two `qmsaudit worker` processes, `crawl --all`; all stopped at the end.
demo-distributed: $(STAMP)
	$(BIN)/python -m tests.distributed_province

test: $(STAMP)
	$(BIN)/pytest

# The sandbox's WordPress tier alone, until Ctrl-C (its registry and truth in wordpress-tier/).
wordpress: $(STAMP)
	$(BIN)/python -m sandbox.wordpress serve --out wordpress-tier

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m rules.docs --check

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

docs: $(STAMP)
	$(BIN)/python -m rules.docs

# A picture of the official report's first page, to look at it as a person would: the DOCX
# of docs/report-sample.json (status rows of the sandbox's skeleton province) turned into
# PDF by LibreOffice, then PNG. Not part of `make test`.
REPORT_PACKAGES := libreoffice-writer-nogui fonts-liberation2 poppler-utils
REPORT_BUILD := build/report

report-picture: $(STAMP)
	@$(MAKE) --no-print-directory system-packages APT_PACKAGES="$(REPORT_PACKAGES)"
	rm -rf $(REPORT_BUILD) && mkdir -p $(REPORT_BUILD)
	QMSAUDIT_PROVINCE="Mẫu" QMSAUDIT_REPORT_PLACE="Thành phố Mẫu" \
	  $(BIN)/python -m inspection.official_report docs/report-sample.json -o $(REPORT_BUILD)/bao-cao.pdf
	pdftoppm -r 80 -png $(REPORT_BUILD)/bao-cao.pdf $(REPORT_BUILD)/trang
	pdftoppm -r 100 -png -f 1 -l 1 -singlefile $(REPORT_BUILD)/bao-cao.pdf docs/report-page-1
	@echo "Pages in $(REPORT_BUILD)/, the first in docs/report-page-1.png"

# Pictures of the dashboard (overview, an agency's page, the overview on a phone) in docs/,
# taken in Debian's Chromium over the sandbox's generated province. Not part of `make test`.
screenshots: $(STAMP)
	$(BIN)/python -m tests.web.screenshots --out docs

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml constraints.txt | system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt --config-settings editable_mode=compat -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) qmsaudit-data wordpress-tier .pytest_cache .mypy_cache .ruff_cache
