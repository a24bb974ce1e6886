"""Ingest, then index: the one sequence behind `lawkb ingest` and the admin import page.

    outcome = ingest_and_index(corpus, paths, progress=None)   # -> IngestOutcome(report, manifest)

1. the files go into the corpus's clause store (a store is created when there is none; each file is
   one transaction, a bad file is reported and the batch goes on: ``ingest.pipeline``);
2. the corpus forgets what it derived from the store (``Corpus.refresh``);
3. when the index does not fit the store (it changed, there is no index yet, or a killed run left
   the build undone: ``index_status``), the search indexes are rebuilt; not after an interrupted
   batch (Ctrl-C: the rerun imports the rest, then indexes). ``build`` says
   how: ``rebuild_index`` in this process (the command), or the web app's background job, which
   runs ``rebuild_index_in_child`` so the server's threads keep their CPU.

A failed index build leaves the last good index (``kb.search.index_build`` swaps atomically).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ingest.pipeline import CHANGED, IngestOptions, IngestReport, ingest_paths
from kb.corpus import Corpus
from kb.search.index_build import build_indexes, index_status

CHILD_TIMEOUT = 6 * 3600  # seconds an index build in a child process may take


@dataclass
class IngestOutcome:
    report: IngestReport
    manifest: dict | None = None    # the index built here; None when not rebuilt (or rebuilt elsewhere)
    indexed: bool = False           # an index build was run or started
    index_state: str | None = None  # the index before: current, stale, missing or damaged

    @property
    def changed(self) -> bool:
        return any(f.outcome in CHANGED for f in self.report.files)


def rebuild_index(corpus: Corpus, progress=None) -> dict:
    """Build the corpus's search indexes here; returns the manifest."""
    manifest = build_indexes(corpus, progress=progress)
    corpus.refresh()
    return manifest


def ingest_and_index(corpus: Corpus, paths: Iterable[str | Path], progress=None, index: bool = True,
                     build: Callable[[Corpus, object], dict | None] = rebuild_index,
                     options: IngestOptions | None = None) -> IngestOutcome:
    """Ingest the files, then rebuild the indexes unless they fit the store (or index=False, or the
    batch was interrupted)."""
    store = corpus.store if corpus.exists else corpus.create_store()
    report = ingest_paths(store, paths, progress=progress, options=options)
    corpus.refresh()
    outcome = IngestOutcome(report)
    if index and not report.interrupted:
        outcome.index_state = index_status(corpus)[0]
        if outcome.index_state != "current":
            outcome.manifest = build(corpus, progress)
            outcome.indexed = True
    return outcome


CHILD_SCRIPT = """
import os, sys
os.nice(10)  # the server's request threads come first
from kb.corpus import Corpus
from ingest.service import rebuild_index
rebuild_index(Corpus(sys.argv[1]))
"""


def rebuild_index_in_child(corpus: Corpus, timeout: float = CHILD_TIMEOUT) -> None:
    """rebuild_index in a child process (quiet); RuntimeError with its last error line when it fails."""
    done = subprocess.run([sys.executable, "-c", CHILD_SCRIPT, str(corpus.dir)], capture_output=True, text=True,
                          env={**os.environ, "LAWKB_QUIET": "1"}, timeout=timeout)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise RuntimeError(lines[-1] if lines else f"exit code {done.returncode}")
    corpus.refresh()
