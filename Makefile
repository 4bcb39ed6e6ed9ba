# Two commands on a fresh machine: `make lab` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_ROOT := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: lab test test-fast handouts slides lms bench class-demo clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $(STAMP)

## Open JupyterLab at the course's first notebook (localhost only, token authentication on).
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.open_browser=True $(LAB_ROOT) notebooks/00_start_here.ipynb

## Lint (ruff, settings in pyproject.toml), then run the whole test suite (unit, notebooks, explorers, handouts
## and browser).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

## Lint, then only the fast tests (no notebooks, no browser).
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not notebook and not browser"

## Offline HTML handouts (student + instructor pages, PDFs where Chromium exists) in build/handouts/.
handouts: $(STAMP)
	$(BIN)/python -m helpers.publish --out build/handouts

## Offline reveal.js slide decks of every lesson's core (speaker notes: key S) in build/slides/ (index.html lists them).
slides: $(STAMP)
	$(BIN)/python -m helpers.publish.slides --out build/slides

## Every self-check question and the concept inventory for learning platforms, in build/lms/: a QTI package that
## Canvas imports and Moodle XML.
lms: $(STAMP)
	$(BIN)/python -m helpers.publish.lms --out build/lms

## Measure speed (not pass/fail): notebook execution, slider latency, model calls, handouts,
## JupyterLab round trip. Prints one table; JSON in build/bench/. Options: `cd tests && python -m bench --help`.
bench: $(STAMP)
	cd tests && $(CURDIR)/$(BIN)/python -m bench

## A synthetic class of 30 (seeded; no real learner) in build/class-demo/records, and its class report in
## build/class-demo/report/index.html (the instructors' `python -m helpers.classroom report`, see the README).
class-demo: $(STAMP)
	rm -rf build/class-demo
	$(BIN)/python -m helpers.classroom synthetic 30 -o build/class-demo/records --seed 2026
	$(BIN)/python -m helpers.classroom report build/class-demo/records -o build/class-demo/report
	@echo "Class demo: records in build/class-demo/records/, report in build/class-demo/report/index.html"

clean:
	rm -rf build .pytest_cache
