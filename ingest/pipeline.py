"""Ingest files into the clause store: pick the parser by format, one transaction per file,
a batch goes on past bad files and ends with a summary."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ingest import lawsdb
from ingest.errors import IngestError, TooLargeError, UnsupportedFormatError, display_path
from ingest.limits import check_file_size
from kb import settings
from kb.clause import Clause, Document
from kb.doctor import Finding, numbering_findings
from kb.limits import BudgetExceeded, time_budget
from kb.repeal import apply_repeal_facts
from kb.store import ClauseStore

# extension -> parser module (each has parse(path) -> Iterator[Clause])
PARSERS = {
    ".md": "ingest.markdown",
    ".markdown": "ingest.markdown",
    ".txt": "ingest.text",
    ".docx": "ingest.docx",
    ".pdf": "ingest.pdf",
}
DATABASE_SUFFIXES = {".db", ".sqlite", ".sqlite3"}
CHANGED = ("added", "new_version", "replaced", "updated")   # outcomes that change the store


@dataclass
class FileResult:
    path: str
    outcome: str  # added | new_version | replaced | updated | unchanged | failed
    documents: int = 0
    articles: int = 0
    titles: list[str] = field(default_factory=list)
    error: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    error_zh: str | None = None     # the error as a web page says it

    def to_record(self) -> dict:
        return dict(self.__dict__)


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    repairs: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.outcome == "failed"]

    def summary(self) -> str:
        ok = len(self.files) - len(self.failed)
        outcomes = Counter(f.outcome for f in self.files if f.outcome != "failed")
        docs = sum(f.documents for f in self.files)
        articles = sum(f.articles for f in self.files)
        detail = ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items()))
        text = f"{ok} file(s) ingested ({detail or 'nothing'}; {docs} documents, {articles} articles), {len(self.failed)} failed"
        if self.failed:
            reasons = Counter(f.reason for f in self.failed)
            text += " (" + ", ".join(f"{n} {r}" for r, n in reasons.items()) + ")"
        repairs = {k: v for k, v in self.repairs.items() if v}
        if repairs:
            text += "; repaired: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(repairs.items()))
        if self.findings:
            kinds = Counter(f.kind for f in self.findings)
            text += "; numbering findings: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items()))
        return text

    def to_record(self) -> dict:
        return {"files": [f.to_record() for f in self.files], "repairs": dict(self.repairs),
                "findings": [f.to_record() for f in self.findings], "summary": self.summary()}


def parser_for(path: Path):
    module = PARSERS.get(path.suffix.lower())
    if module is None:
        known = ", ".join(sorted(set(PARSERS) | DATABASE_SUFFIXES))
        raise UnsupportedFormatError(path, f"unknown file type {path.suffix or '(none)'!r}",
                                     hint=f"LawKB reads {known}")
    return import_module(module)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the supported files inside folders named (sorted)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and (p.suffix.lower() in PARSERS or p.suffix.lower() in DATABASE_SUFFIXES)))
        else:
            found.append(path)
    return found


def _group_by_document(clauses: Iterable[Clause]) -> Iterator[tuple[Document, list[Clause]]]:
    current: Document | None = None
    bucket: list[Clause] = []
    for clause in clauses:
        if current is not None and clause.document is not current and clause.document != current:
            yield current, bucket
            bucket = []
        current = clause.document
        bucket.append(clause)
    if current is not None:
        yield current, bucket


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ingest_file(store: ClauseStore, path: Path, report: IngestReport, progress=None) -> FileResult:
    """Ingest one file in one transaction; a failure leaves the store untouched and is reported
    as the file's error (never raised), so a batch goes on past it."""
    shown = display_path(path)
    result = FileResult(shown, "failed")
    try:
        with time_budget(settings.get("INGEST_TIME_LIMIT"), f"importing {shown}"):
            _ingest_file(store, path, report, result, progress)
    except IngestError as exc:
        result.error, result.reason, result.error_zh = str(exc), exc.reason, exc.zh
    except BudgetExceeded as exc:
        error = TooLargeError(path, "time", exc.seconds, exc.seconds, "LAWKB_INGEST_TIME_LIMIT",
                              f"parsing took longer than {exc.seconds:g} s (LAWKB_INGEST_TIME_LIMIT) and was stopped")
        result.error, result.reason, result.error_zh = str(error), error.reason, error.zh
    except Exception as exc:  # noqa: BLE001 - a parser bug or a damaged file the parser did not foresee
        result.error = (f"{shown}: cannot import this file ({type(exc).__name__}: {display_path(exc)})"
                        " — the rest of the batch goes on; check the file, or report it with this message")
        result.reason = "internal error"
        result.error_zh = f"{display_path(path.name)}：导入出错（{type(exc).__name__}），请把该文件报告给管理员"
    if result.outcome == "failed":
        result.documents, result.articles, result.titles = 0, 0, []
        try:
            store.log(shown, "failed", result.error or "")
        except Exception:  # noqa: BLE001 - the log is a courtesy; a store that cannot write fails loudly elsewhere
            pass
    return result


def _ingest_file(store: ClauseStore, path: Path, report: IngestReport, result: FileResult, progress) -> None:
    if not path.exists():
        raise IngestError(path, "no such file", hint="check the path")
    if path.suffix.lower() in DATABASE_SUFFIXES:
        groups = lawsdb.parse_documents(path, report.repairs)
        if progress is not None:
            groups = progress(groups, total=lawsdb.count_documents(path), desc=path.name)
    else:
        parser = parser_for(path)
        check_file_size(path, path.stat().st_size)
        sha = _sha256(path)
        counts = Counter()
        clauses = list(parser.parse(path, counts=counts))
        report.repairs.update(counts)
        groups = ((replace(doc, source_sha256=doc.source_sha256 or sha, source=display_path(doc.source)), cl)
                  for doc, cl in _group_by_document(clauses))
    outcomes = Counter()
    with store.transaction() as conn:
        for document, clauses in groups:
            clauses = [replace(c, document=document) for c in clauses]
            findings = numbering_findings(clauses)
            report.findings.extend(findings)
            result.warnings.extend(f"{result.path}: {f.law}: {f.message}" for f in findings if f.kind == "out_of_order")
            added = store.add_document(document, clauses, conn)
            outcomes[added.outcome] += 1
            result.documents += 1
            result.articles += added.articles
            result.titles.append(document.title)
        if set(outcomes) & set(CHANGED):
            mark_derived_pending(conn)  # in the file's transaction: a kill before the end is finished by a rerun
    changed = Counter({k: n for k, n in outcomes.items() if k in CHANGED})
    result.outcome = (changed or outcomes).most_common(1)[0][0] if outcomes else "unchanged"


PENDING_KEY = "derived_facts_pending"


def mark_derived_pending(conn) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (PENDING_KEY,))


def finish_derived(store: ClauseStore) -> bool:
    """Re-derive repeal dates if a change is not yet followed by it (this batch, or a killed one)."""
    if store.connection.execute("SELECT 1 FROM meta WHERE key=?", (PENDING_KEY,)).fetchone() is None:
        return False
    apply_repeal_facts(store)
    with store.transaction() as conn:
        conn.execute("DELETE FROM meta WHERE key=?", (PENDING_KEY,))
    return True


def ingest_paths(store: ClauseStore, paths: Iterable[str | Path],
                 progress: Callable[[Iterable], Iterable] | None = None) -> IngestReport:
    """Ingest every file; bad files are reported and skipped. Repeal dates are re-derived at the end
    (also when an earlier, killed run left that step undone)."""
    report = IngestReport()
    files = expand_paths(paths)
    databases_only = all(p.suffix.lower() in DATABASE_SUFFIXES for p in files)
    outer = progress(files, total=len(files), desc="files") if progress and not databases_only else files
    for path in outer:
        report.files.append(ingest_file(store, path, report, progress if databases_only else None))
    finish_derived(store)
    return report
