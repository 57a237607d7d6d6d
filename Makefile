# Ten Years of Jing-Jin-Ji: build, test, read and measure the book.
# Every target creates the virtual environment (.venv) from requirements.txt when it is missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
LAB_PORT ?= 8888
#: Extra JupyterLab server options: make lab LAB_ARGS="--IdentityProvider.token=abc"
LAB_ARGS ?=
BOOK   := _build/html
JB_FLAGS := -W -n --keep-going
SHELL  := /bin/bash
# What JupyterLab adds to a notebook besides outputs: stripped by the check and the git filter.
LAB_KEYS := cell.metadata.user_expressions cell.metadata.execution metadata.kernelspec.display_name \
	metadata.language_info.codemirror_mode metadata.language_info.file_extension \
	metadata.language_info.mimetype metadata.language_info.nbconvert_exporter \
	metadata.language_info.pygments_lexer metadata.language_info.version
STRIP  := nbstripout --keep-id --extra-keys "$(LAB_KEYS)"
#: Each step of `make test` appends its name and wall time (ms) here; `make bench` reads it.
TIMES  := _build/test-step-times.tsv

# $(call timed,NAME,COMMAND): run COMMAND, record its wall time under NAME, keep its exit status.
define timed
@echo "[$(1)] $(2)"; start=$$(date +%s%N); $(2); status=$$?; mkdir -p _build; \
printf '%s\t%s\t%s\n' "$(1)" $$(( ($$(date +%s%N) - start) / 1000000 )) $$status >> $(TIMES); \
exit $$status
endef

.PHONY: help venv book pdf test check-stripped lint validate unit notebooks rebuild browser lab-test lab serve \
	bench clean

help:
	@echo "make book   build the HTML book into $(BOOK) (every notebook executed)"
	@echo "make pdf    the built book as one PDF beside it, printed in headless Chromium"
	@echo "make test   every check: stripped notebooks, lint, data package, unit tests,"
	@echo "            executed notebooks, the book built with -W, the built book in Chromium"
	@echo "            (independent steps run side by side with make -j2 test)"
	@echo "make lab-test  every chapter run and saved in JupyterLab, in headless Chromium"
	@echo "make lab    JupyterLab on $(HOST):$(LAB_PORT) (extra server options: LAB_ARGS=...)"
	@echo "make serve  serve the built book on $(HOST):$(PORT), gzip-compressed as a static host"
	@echo "make bench  measure build and execution times, page weights and Lighthouse scores"
	@echo "            (bench/report.*)"
	@echo "make clean  remove the built book and caches (keeps .venv)"

$(STAMP): requirements.txt pyproject.toml jupyter-config/*.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	git config filter.nbstripout.clean '$(CURDIR)/$(BIN)/$(STRIP)' && \
	git config filter.nbstripout.smudge cat && git config filter.nbstripout.required true && \
	echo "nbstripout installed as a git filter (.gitattributes): outputs never reach a commit"; fi
	install -D -m 644 jupyter-config/jupyter_server_config.json \
		$(VENV)/etc/jupyter/jupyter_server_config.json
	install -D -m 644 jupyter-config/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $(STAMP)

venv: $(STAMP)

book: $(STAMP)
	$(call timed,book,$(BIN)/jupyter-book build . $(JB_FLAGS))
	@echo "The book is at $(CURDIR)/$(BOOK)/index.html (make serve to read it over HTTP)"

# The whole book as one PDF, every chart drawn, printed offline with Debian's chromium; the
# landing page links to it.
pdf: $(STAMP) book
	$(call timed,pdf,$(BIN)/python tools/print_book.py)

# Independent steps run side by side under `make -j2 test`; the browser step needs the book.
# The two long chains (book then browser, chapters in JupyterLab) start first.
test: $(STAMP) check-stripped lint validate book lab-test browser unit notebooks rebuild

check-stripped: $(STAMP)
	$(call timed,check-stripped,tools/check-stripped $(CURDIR)/$(BIN)/$(STRIP))

lint: $(STAMP)
	$(call timed,lint,$(BIN)/ruff check jingjinji _ext tests bench tools notebooks)

validate: $(STAMP)
	$(call timed,validate,$(BIN)/frictionless validate data/datapackage.json)

unit: $(STAMP)
	$(call timed,unit,$(BIN)/pytest tests -m "not book and not rebuild and not lab")

rebuild: $(STAMP)
	$(call timed,rebuild,$(BIN)/pytest tests -m rebuild)

notebooks: $(STAMP)
	$(call timed,notebooks,$(BIN)/pytest --nbval-lax --nbval-current-env notebooks)

AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund; \
	else echo "npm not found: the accessibility audit will be skipped (install Node.js and npm)"; fi

browser: $(STAMP) $(AXE) book pdf
	$(call timed,browser,$(BIN)/pytest tests -m book)

lab-test: $(STAMP)
	$(call timed,lab-test,$(BIN)/pytest tests -m lab)

lab: $(STAMP)
	JUPYTER_PORT=$(LAB_PORT) $(BIN)/jupyter lab --ip=$(HOST) --no-browser --allow-root $(LAB_ARGS) notebooks

serve:
	@test -f $(BOOK)/index.html || $(MAKE) book
	$(BIN)/python -m bench.serve --port $(PORT) --bind $(HOST) --directory $(BOOK)

#: Lighthouse, pinned in bench/node, for make bench only.
LIGHTHOUSE := bench/node/node_modules/.bin/lighthouse

$(LIGHTHOUSE): bench/node/package.json bench/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix bench/node --silent --no-audit --no-fund; \
	else echo "npm not found: make bench will report no Lighthouse scores (install Node.js and npm)"; fi

bench: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python -m bench

clean:
	rm -rf _build bench/report.md bench/report.json node_modules bench/node/node_modules
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
