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
	rm -rf _build/.jupyter_cache _build/.doctrees $(INSTRUCTOR_BUILD)/_build/.doctrees
	mkdir -p _build && touch $@

# Two sites from one source (cuproptosis_book/site/two_sites.py): the learner site at the root of _build/html (no
# solutions, keys, plans or decks: _toc.yml without its "For instructors" part), the instructor site (today's book)
# in _build/html/instructor/. Both builds share the execution cache, so each notebook runs once.
SITE := _build/html
INSTRUCTOR_SITE := $(SITE)/instructor
INSTRUCTOR_BUILD := _build/instructor
LEARNER_TOC := _build/learner_toc.yml

## make book: build the learner site into _build/html, then the instructor site into _build/html/instructor
## (warnings are errors)
book: $(BOOK_STAMP) $(CACHE_STAMP)
	$(BIN)/python -m cuproptosis_book.site.two_sites toc --out $(LEARNER_TOC)
	CB_SITE=learner $(BIN)/jupyter-book build . --toc $(LEARNER_TOC) $(JB_FLAGS)
	CB_SITE=instructor $(BIN)/jupyter-book build . --path-output $(INSTRUCTOR_BUILD) $(JB_FLAGS)
	mkdir -p $(INSTRUCTOR_SITE)
	cp -R $(INSTRUCTOR_BUILD)/_build/html/. $(INSTRUCTOR_SITE)/

## make test: build the site (book, handouts, slides, downloads), then every test (unit, data, figures, explorers,
## nbval strict, browser: the downloads page's links are checked against the built files)
test: $(TEST_STAMP) site
	$(BIN)/python -m pytest -n 2 --dist loadfile

## make check: lint, format, types, spelling and the fast tests (no book build, no browser, no notebooks); a minute
## or two. mypy checks the files of [tool.mypy] (package, tests, bench); codespell the tree ([tool.codespell]).
check: $(TEST_STAMP)
	$(BIN)/ruff check cuproptosis_book tests bench conftest.py
	$(BIN)/ruff format --check cuproptosis_book tests bench conftest.py
	$(BIN)/mypy
	$(BIN)/codespell
	$(BIN)/validate-pyproject pyproject.toml
	$(BIN)/python -m pytest tests -m "not browser and not slow" -n 2 --dist loadfile -q

## make validate: check every file of data/ and data/course/; one line per problem (file, line, column), exit 1 if any
.PHONY: validate
validate: $(BOOK_STAMP)
	$(BIN)/python -m cuproptosis_book.validate .

## make figures: write figures/figure1-4.{svg,png}, figures/table1-2.csv and the graph files (.graphml, .cyjs) from data/
figures: $(BOOK_STAMP)
	$(BIN)/python -m cuproptosis_book.site.export figures

## make notebooks: re-execute every chapter in place so committed outputs match the data
notebooks: $(BOOK_STAMP)
	$(BIN)/python -m cuproptosis_book.site.export notebooks
	$(BIN)/python -m cuproptosis_book.course.editions

## make handouts: print each chapter page of both sites to PDF with headless Chromium: the learner handouts (no
## solutions) into _build/handouts, the instructor ones into _build/handouts-instructor
handouts: $(TEST_STAMP) book
	$(BIN)/python -m cuproptosis_book.site.export handouts --site learner --out _build/handouts
	$(BIN)/python -m cuproptosis_book.site.export handouts --site instructor --out _build/handouts-instructor

## make bench: speed and size figures, written to bench/results.json
bench: $(TEST_STAMP)
	$(BIN)/python -m bench

## make dist: _build/cuproptosis-book-site.zip, the learner site to read offline (unzip, open index.html), and
## _build/cuproptosis-book-instructor-site.zip, the instructor site
.PHONY: dist
dist: book
	$(BIN)/python -m cuproptosis_book.site.dist --site learner
	$(BIN)/python -m cuproptosis_book.site.dist --site instructor

## make serve: view the built site at http://127.0.0.1:8000
serve:
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build

## make slides: one reveal.js deck per session (HTML and PDF), each worksheet and answer sheet as PDF, and the LMS
## packages of the quizzes (Canvas QTI, Moodle XML), into the built site.
## reveal.js comes from npm (package-lock.json) and is copied into the site: the decks load nothing from a CDN.
SLIDES_OUT := $(INSTRUCTOR_SITE)/instructors/slides
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
		--pdf --worksheets $(SITE)/instructors --worksheets $(INSTRUCTOR_SITE)/instructors
	$(BIN)/python -m cuproptosis_book.course.lms_export $(INSTRUCTOR_SITE)/instructors/lms
	$(BIN)/python -m cuproptosis_book.site.answer_sheets pdf $(SITE)
	$(BIN)/python -m cuproptosis_book.site.answer_sheets pdf $(INSTRUCTOR_SITE)

## make site: the whole website in _build/html, everything the two downloads pages link. Learner site (root): the
## book, its PDF handouts (handouts/), worksheet PDFs (instructors/), figures and tables (downloads/figures/) and the
## data zip (_downloads/, written by the book build). Instructor site (instructor/): the same with solutions, its own
## handouts, and the slide decks (instructor/instructors/slides/).
.PHONY: site
site: book handouts slides
	rm -rf $(SITE)/handouts $(SITE)/downloads $(INSTRUCTOR_SITE)/handouts $(INSTRUCTOR_SITE)/downloads
	cp -R _build/handouts $(SITE)/handouts
	cp -R _build/handouts-instructor $(INSTRUCTOR_SITE)/handouts
	mkdir -p $(SITE)/downloads $(INSTRUCTOR_SITE)/downloads
	cp -R figures $(SITE)/downloads/figures
	cp -R figures $(INSTRUCTOR_SITE)/downloads/figures

## make student-edition: write student_edition/<chapter>.ipynb (solutions removed, coding exercises as scaffolds)
.PHONY: student-edition
student-edition: $(BOOK_STAMP)
	$(BIN)/python -m cuproptosis_book.course.editions
