# Ten Years of Jing-Jin-Ji: build, test, read and measure the book.
# Every target creates the virtual environment (.venv) from requirements.txt when it is missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
LAB_PORT ?= 8888
BOOK   := _build/html
JB_FLAGS := -W -n --keep-going

.PHONY: help venv book test check-stripped lint validate unit notebooks rebuild browser lab serve bench clean

help:
	@echo "make book   build the HTML book into $(BOOK) (every notebook executed)"
	@echo "make test   every check: stripped notebooks, lint, data package, unit tests,"
	@echo "            executed notebooks, the book built with -W, the built book in Chromium"
	@echo "make lab    JupyterLab on $(HOST):$(LAB_PORT)"
	@echo "make serve  serve the built book on $(HOST):$(PORT)"
	@echo "make bench  measure build and execution times and page weights (bench/report.*)"
	@echo "make clean  remove the built book and caches (keeps .venv)"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

venv: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo "The book is at $(CURDIR)/$(BOOK)/index.html (make serve to read it over HTTP)"

test: $(STAMP) check-stripped lint validate unit notebooks rebuild book browser

check-stripped: $(STAMP)
	$(BIN)/nbstripout --verify --keep-id notebooks/*.ipynb

lint: $(STAMP)
	$(BIN)/ruff check jingjinji _ext tests bench

validate: $(STAMP)
	$(BIN)/frictionless validate data/datapackage.json

unit: $(STAMP)
	$(BIN)/pytest tests -m "not book and not rebuild"

rebuild: $(STAMP)
	$(BIN)/pytest tests -m rebuild

# Executed as the book build executes them (the offline bundle is served by the book, not output).
notebooks: $(STAMP)
	JINGJINJI_BOOK_BUILD=1 $(BIN)/pytest --nbval-lax --nbval-current-env notebooks

AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund; \
	else echo "npm not found: the accessibility audit will be skipped (install Node.js and npm)"; fi

browser: $(STAMP) $(AXE)
	$(BIN)/pytest tests -m book

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=$(HOST) --port=$(LAB_PORT) --no-browser --allow-root notebooks

serve:
	@test -f $(BOOK)/index.html || $(MAKE) book
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory $(BOOK)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf _build bench/report.md bench/report.json node_modules
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
