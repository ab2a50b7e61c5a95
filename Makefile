# Quick start: `make map` then `make test`. Both create and reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
PEER_STAMP := benchmarks/peer/node_modules/.installed

.PHONY: map test lint check qgis styles frames all bench clean

map: $(STAMP)
	$(BIN)/geostory build

check: $(STAMP)
	$(BIN)/geostory check

qgis: $(STAMP)
	$(BIN)/geostory qgis

styles: $(STAMP)
	$(BIN)/geostory styles

frames: $(STAMP)
	$(BIN)/geostory frames

all: map qgis frames

test: $(TEST_STAMP) $(PEER_STAMP)
	$(BIN)/python -m pytest

# Static checks (ruff, mypy); configured in pyproject.toml.
lint: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	npx --no-install tsc -p tsconfig.json  # the page's scripts: JSDoc types (tsconfig.json)

# geostory against folium's TimestampedGeoJson on synthetic stories; writes benchmarks/results.md.
bench: $(TEST_STAMP) $(PEER_STAMP)
	$(BIN)/python benchmarks/bench.py

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The libraries folium's TimestampedGeoJson would load from CDNs, for the benchmark's peer page.
$(PEER_STAMP): benchmarks/peer/package.json benchmarks/peer/package-lock.json
	cd benchmarks/peer && npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf dist
