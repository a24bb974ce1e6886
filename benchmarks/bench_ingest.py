"""Ingest speed: the whole national-law database (laws.db) into a fresh clause store, the 63
development regulations (../shared/data, Markdown) when present, and the same regulations
written to DOCX and multi-page PDF. Wall-clock seconds, one run each, search indexes not built."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import Figure

SHARED_REGULATIONS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "regulations"


def _timed_ingest(paths, store_path: Path):
    from ingest.pipeline import ingest_paths
    from kb.store import ClauseStore

    store = ClauseStore(store_path, create=True)
    started = time.perf_counter()
    report = ingest_paths(store, paths)
    seconds = time.perf_counter() - started
    return seconds, report, store.counts()


def run(context) -> list[Figure]:
    from ingest.lawsdb import default_laws_db

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-", dir=context.home) as work:
        work = Path(work)
        seconds, report, counts = _timed_ingest([default_laws_db()], work / "national.sqlite")
        figures.append(Figure("ingest laws.db (all national laws)", round(seconds, 2), "s", "< 60 s",
                              f"{counts['documents']} documents, {counts['articles']} articles, "
                              f"{len(report.failed)} failed"))
        files = sorted(SHARED_REGULATIONS.glob("*/*.md")) if SHARED_REGULATIONS.exists() else []
        if not files:
            return figures
        seconds, report, counts = _timed_ingest(files, work / "regulations.sqlite")
        figures.append(Figure("ingest 63 regulations (Markdown)", round(seconds, 2), "s", "",
                              f"{len(files)} files, {counts['articles']} articles, {len(report.failed)} failed"))
        figures.extend(_other_formats(files, work))
    return figures


def _other_formats(files: list[Path], work: Path) -> list[Figure]:
    """The same regulations as DOCX and as multi-page PDF (written with the test helpers)."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    try:
        from tests.ingest.sample_files import write_docx, write_pdf
    except ImportError:
        return []
    figures = []
    for suffix, writer in ((".docx", write_docx), (".pdf", write_pdf)):
        folder = work / suffix.lstrip(".")
        folder.mkdir()
        converted = [writer(f.read_text(encoding="utf-8"), folder / f"{f.stem}{suffix}") for f in files]
        seconds, report, counts = _timed_ingest(converted, work / f"regulations-{suffix.lstrip('.')}.sqlite")
        pages = ""
        if suffix == ".pdf":
            from pypdf import PdfReader

            pages = f", {sum(len(PdfReader(p).pages) for p in converted)} pages"
        figures.append(Figure(f"ingest 63 regulations ({suffix.lstrip('.').upper()})", round(seconds, 2), "s", "",
                              f"{counts['articles']} articles{pages}, {len(report.failed)} failed"))
    return figures
