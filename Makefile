# Two commands matter: `make book` and `make test` (`make check` before every commit). All create .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
BOOK_STAMP := $(VENV)/.book-installed
TEST_STAMP := $(VENV)/.test-installed
JB_FLAGS := -W -n --keep-going
export PYTHONHASHSEED := 0
# Never let a build or a test reach the network for fonts, kernels' telemetry or pip's self-check.
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: book test check figures notebooks handouts bench serve clean env

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(BOOK_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(TEST_STAMP): $(BOOK_STAMP) requirements-test.txt
	$(BIN)/python -m pip install -q -r requirements-test.txt
	touch $@

env: $(TEST_STAMP)

# jupyter-cache keys notebooks by their code only: when the package or the data change, the cached outputs
# are stale, so the cache and the doctrees are dropped (every page is read and executed again); an unchanged
# tree keeps the fast rebuild.
CACHE_INPUTS := $(shell find cuproptosis_book data -type f -not -path '*/__pycache__/*') pyproject.toml
CACHE_STAMP  := _build/.cache-inputs

$(CACHE_STAMP): $(CACHE_INPUTS)
	rm -rf _build/.jupyter_cache _build/.doctrees
	mkdir -p _build && touch $@

## make book: build the site into _build/html (warnings are errors)
book: $(BOOK_STAMP) $(CACHE_STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)

## make test: build the site (book, handouts, slides, downloads), then every test (unit, data, figures, explorers,
## nbval strict, browser: the downloads page's links are checked against the built files)
test: $(TEST_STAMP) site
	$(BIN)/python -m pytest -n 2 --dist loadfile

## make check: lint, format, types and the fast tests (no book build, no browser, no notebooks); a minute or two
check: $(TEST_STAMP)
	$(BIN)/ruff check cuproptosis_book tests bench conftest.py
	$(BIN)/ruff format --check cuproptosis_book tests bench conftest.py
	$(BIN)/mypy cuproptosis_book
	$(BIN)/python -m pytest tests -m "not browser" -n 2 --dist loadfile -q

## make figures: write figures/figure1-4.{svg,png}, figures/table1-2.csv and the graph files (.graphml, .cyjs) from data/
figures: $(BOOK_STAMP)
	$(BIN)/python -m cuproptosis_book.site.export figures

## make notebooks: re-execute every chapter in place so committed outputs match the data
notebooks: $(BOOK_STAMP)
	$(BIN)/python -m cuproptosis_book.site.export notebooks
	$(BIN)/python -m cuproptosis_book.course.editions

## make handouts: print each chapter page to PDF with headless Chromium (needs `make book`)
handouts: $(TEST_STAMP) book
	$(BIN)/python -m cuproptosis_book.site.export handouts

## make bench: speed and size figures, written to bench/results.json
bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

## make dist: _build/cuproptosis-book-site.zip, the built site to read offline (unzip, open index.html)
.PHONY: dist
dist: book
	$(BIN)/python -m cuproptosis_book.site.dist

## make serve: view the built site at http://127.0.0.1:8000
serve:
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build

## make slides: one reveal.js deck per session (HTML and PDF) and each worksheet as PDF, into the built site.
## reveal.js comes from npm (package-lock.json) and is copied into the site: the decks load nothing from a CDN.
SLIDES_OUT := _build/html/instructors/slides
REVEAL_STAMP := node_modules/reveal.js/package.json

# The generated instructor pages read data/course/: an edit there drops the notebook cache like any data edit.
$(CACHE_STAMP): $(wildcard data/course/*)

$(REVEAL_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# With npm, the book build cuts the theme's unused CSS with PurgeCSS from node_modules (site/page_speed.py);
# without it the book still builds, with the stylesheets whole.
ifneq ($(shell command -v npm 2>/dev/null),)
book: $(REVEAL_STAMP)
endif

.PHONY: slides
slides: $(TEST_STAMP) book $(REVEAL_STAMP)
	$(BIN)/python -m cuproptosis_book.site.decks slides --out $(SLIDES_OUT) --reveal node_modules/reveal.js/dist \
		--pdf --worksheets _build/html/instructors

## make site: the whole website in _build/html, everything the instructors' downloads page links: the book,
## PDF handouts (handouts/), slide decks and worksheet PDFs (instructors/), figures and tables (downloads/figures/)
## and the data package as one zip (_downloads/cuproptosis-book-data.zip, written by the book build)
.PHONY: site
site: book handouts slides
	rm -rf _build/html/handouts _build/html/downloads
	cp -R _build/handouts _build/html/handouts
	mkdir -p _build/html/downloads
	cp -R figures _build/html/downloads/figures

## make student-edition: write student_edition/<chapter>.ipynb (solutions removed, coding exercises as scaffolds)
.PHONY: student-edition
student-edition: $(BOOK_STAMP)
	$(BIN)/python -m cuproptosis_book.course.editions
