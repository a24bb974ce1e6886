"""Ingest files into the clause store: pick the parser by format, one transaction per file,
a batch goes on past bad files and ends with a summary.

Level, issuing 部门 and region come from the folders a file sits in (ingest.layout), unless the
options give them. What a text of an already stored version does (merge a part, keep a
conflicting text beside it, replace) is decided by the store (kb.versions). Files that are not
law texts (Hugo pages, templates, header-only files) are reported as skipped with the reason.
Ctrl-C stops after the file being imported (whose transaction is rolled back): the report says how
far the batch got, and running it again imports the rest (files already in are 'unchanged').
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ingest import lawsdb
from ingest.errors import IngestError, NotALawError, TooLargeError, UnsupportedFormatError, display_path
from ingest.layout import folder_facts, folders_of
from ingest.limits import check_file_size
from ingest.structure import RESTART_LABEL, WHOLE_TEXT_LABEL
from kb import settings
from kb.clause import Clause, Document
from kb.doctor import Finding, numbering_findings
from kb.limits import BudgetExceeded, time_budget
from kb.regions import normalize_region
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
CHANGED = ("added", "new_version", "replaced", "merged", "updated")   # outcomes that change the store
# the outcome a file with several documents reports: the most telling one
OUTCOME_PRIORITY = ("replaced", "conflict", "merged", "new_version", "added", "updated", "unchanged")


@dataclass(frozen=True)
class IngestOptions:
    """``replace``: a text replaces the stored text of its version whatever it holds (the old one is
    kept); ``level``/``region``: given for every document instead of the folder's or the title's."""

    replace: bool = False
    level: str | None = None
    region: str | None = None


@dataclass
class FileResult:
    path: str
    outcome: str  # added | new_version | merged | replaced | updated | conflict | unchanged | skipped | failed
    documents: int = 0
    articles: int = 0
    titles: list[str] = field(default_factory=list)
    error: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # merged / replaced / conflict: what was kept, how to undo
    error_zh: str | None = None     # the error as a web page says it

    def to_record(self) -> dict:
        return dict(self.__dict__)


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    repairs: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    options: IngestOptions = field(default_factory=IngestOptions)
    total_files: int = 0
    interrupted: bool = False

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.outcome == "failed"]

    @property
    def skipped(self) -> list[FileResult]:
        return [f for f in self.files if f.outcome == "skipped"]

    @property
    def changed(self) -> bool:
        return any(f.outcome in CHANGED for f in self.files)

    def summary(self) -> str:
        ok = len(self.files) - len(self.failed) - len(self.skipped)
        outcomes = Counter(f.outcome for f in self.files if f.outcome not in ("failed", "skipped"))
        docs = sum(f.documents for f in self.files)
        articles = sum(f.articles for f in self.files)
        detail = ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items()))
        text = f"{ok} file(s) ingested ({detail or 'nothing'}; {docs} documents, {articles} articles), {len(self.failed)} failed"
        if self.failed:
            reasons = Counter(f.reason for f in self.failed)
            text += " (" + ", ".join(f"{n} {r}" for r, n in reasons.items()) + ")"
        if self.skipped:
            reasons = Counter(f.reason for f in self.skipped)
            text += f", {len(self.skipped)} skipped (" + ", ".join(f"{n} {r}" for r, n in reasons.most_common()) + ")"
        repairs = {k: v for k, v in self.repairs.items() if v}
        if repairs:
            text += "; repaired: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(repairs.items()))
        if self.findings:
            kinds = Counter(f.kind for f in self.findings)
            text += "; numbering findings: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items()))
        return text

    def interruption(self) -> str | None:
        """The note for an interrupted batch (None if it ran to the end)."""
        if not self.interrupted:
            return None
        return (f"interrupted after {len(self.files)} of {self.total_files} file(s); the store is consistent — "
                "run the same command again to import the rest")

    def to_record(self) -> dict:
        return {"files": [f.to_record() for f in self.files], "repairs": dict(self.repairs),
                "findings": [f.to_record() for f in self.findings], "summary": self.summary(),
                "interrupted": self.interrupted, "total_files": self.total_files}


def parser_for(path: Path):
    module = PARSERS.get(path.suffix.lower())
    if module is None:
        known = ", ".join(sorted(set(PARSERS) | DATABASE_SUFFIXES))
        raise UnsupportedFormatError(path, f"unknown file type {path.suffix or '(none)'!r}",
                                     hint=f"LawKB reads {known}")
    return import_module(module)


def expand_with_roots(paths: Iterable[str | Path]) -> list[tuple[Path, Path | None]]:
    """(file, the folder named that holds it, or None): files named, and the supported files inside
    folders named (sorted)."""
    found: list[tuple[Path, Path | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend((p, path) for p in sorted(p for p in path.rglob("*") if p.is_file()
                         and (p.suffix.lower() in PARSERS or p.suffix.lower() in DATABASE_SUFFIXES)))
        else:
            found.append((path, None))
    return found


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the supported files inside folders named (sorted)."""
    return [path for path, _root in expand_with_roots(paths)]


def with_layout(document: Document, facts, options: IngestOptions) -> Document:
    """The document with the level, 部门, category and region its folders (or the options) give."""
    level = options.level or facts.level or document.level
    changes = {"level": level}
    if facts.department and not document.department:
        changes["department"] = facts.department
    if facts.issuing_body:
        changes["issuing_body"] = facts.issuing_body
    region = normalize_region(options.region) if options.region else facts.region(document.title, level)
    changes["region"] = region if level == "地方性法规" or options.region else document.region
    return replace(document, **changes)


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


def structure_warnings(path: Path, clauses: list[Clause]) -> list[str]:
    """Warnings for texts imported in an unusual shape: kept whole, or numbered from 第一条 twice."""
    warnings = []
    for index, clause in enumerate(clauses):
        if clause.label == WHOLE_TEXT_LABEL and clause.article is None:
            warnings.append(f"{path}: no 第X条 articles: the text is imported whole, as one clause ({WHOLE_TEXT_LABEL})")
        if clause.kind == "appendix" and clause.label == RESTART_LABEL:
            before = next((c.article_label for c in reversed(clauses[:index]) if c.kind == "article"), "?")
            warnings.append(f"{path}: numbering starts again at 第一条 after {before}; the text from there is kept as "
                            f"non-article text ({RESTART_LABEL}) — if it is a separate document, import it as its own file")
    return warnings


def ingest_file(store: ClauseStore, path: Path, report: IngestReport, progress=None,
                root: Path | None = None) -> FileResult:
    """Ingest one file in one transaction; a failure leaves the store untouched and is reported
    as the file's error (never raised), so a batch goes on past it. A file that is not a law text
    is reported as skipped, with the reason."""
    shown = display_path(path)
    result = FileResult(shown, "failed")
    try:
        with time_budget(settings.get("INGEST_TIME_LIMIT"), f"importing {shown}"):
            _ingest_file(store, path, report, result, progress, root)
    except IngestError as exc:
        result.error, result.reason, result.error_zh = str(exc), exc.reason, exc.zh
        if exc.skipped:
            result.outcome = "skipped"
    except BudgetExceeded as exc:
        error = TooLargeError(path, "time", exc.seconds, exc.seconds, "LAWKB_INGEST_TIME_LIMIT",
                              f"parsing took longer than {exc.seconds:g} s (LAWKB_INGEST_TIME_LIMIT) and was stopped")
        result.error, result.reason, result.error_zh = str(error), error.reason, error.zh
    except Exception as exc:  # noqa: BLE001 - a parser bug or a damaged file the parser did not foresee
        result.error = (f"{shown}: cannot import this file ({type(exc).__name__}: {display_path(exc)})"
                        " — the rest of the batch goes on; check the file, or report it with this message")
        result.reason = "internal error"
        result.error_zh = f"{display_path(path.name)}：导入出错（{type(exc).__name__}），请把该文件报告给管理员"
    if result.outcome in ("failed", "skipped"):
        result.documents, result.articles, result.titles, result.details = 0, 0, [], []
        try:
            store.log(shown, result.outcome, result.error or "")
        except Exception:  # noqa: BLE001 - the log is a courtesy; a store that cannot write fails loudly elsewhere
            pass
    return result
    return result


def _ingest_file(store: ClauseStore, path: Path, report: IngestReport, result: FileResult, progress,
                 root: Path | None = None) -> None:
    options = report.options
    if not path.exists():
        raise IngestError(path, "no such file", hint="check the path")
    if path.suffix.lower() in DATABASE_SUFFIXES:
        groups = lawsdb.parse_documents(path, report.repairs)
        if progress is not None:
            groups = progress(groups, total=lawsdb.count_documents(path), desc=path.name)
    else:
        parser = parser_for(path)
        why_not = getattr(parser, "not_a_law", lambda _path: None)(path)
        if why_not:
            raise NotALawError(path, why_not, hint="skipped")
        check_file_size(path, path.stat().st_size)
        sha = _sha256(path)
        counts = Counter()
        clauses = list(parser.parse(path, counts=counts))
        report.repairs.update(counts)
        result.warnings.extend(structure_warnings(path, clauses))
        facts = folder_facts(folders_of(path, root))
        groups = ((with_layout(replace(doc, source_sha256=doc.source_sha256 or sha, source=display_path(doc.source)),
                               facts, options), cl)
                  for doc, cl in _group_by_document(clauses))
    outcomes = Counter()
    with store.transaction() as conn:
        for document, clauses in groups:
            clauses = [replace(c, document=document) for c in clauses]
            added = store.add_document(document, clauses, conn, replace_existing=options.replace)
            findings = numbering_findings(clauses)
            if added.outcome == "merged":  # a part starts where the stored version ends
                findings = [f for f in findings if not f.message.startswith("numbering starts at")]
            report.findings.extend(findings)
            result.warnings.extend(f"{result.path}: {f.law}: {f.message}" for f in findings if f.kind == "out_of_order")
            outcomes[added.outcome] += 1
            result.documents += 1
            result.articles += added.articles
            result.titles.append(document.title)
            if added.detail and added.outcome != "unchanged":
                result.details.append(f"{document.title}: {added.detail}")
        if set(outcomes) & set(CHANGED):
            mark_derived_pending(conn)  # in the file's transaction: a kill before the end is finished by a rerun
    result.outcome = next((o for o in OUTCOME_PRIORITY if outcomes[o]), "unchanged")


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
                 progress: Callable[[Iterable], Iterable] | None = None,
                 options: IngestOptions | None = None) -> IngestReport:
    """Ingest every file; bad files are reported and skipped. Repeal dates are re-derived at the end
    (also when an interrupted or killed run changed the store but did not get that far)."""
    report = IngestReport(options=options or IngestOptions())
    files = expand_with_roots(paths)
    report.total_files = len(files)
    databases_only = all(p.suffix.lower() in DATABASE_SUFFIXES for p, _root in files)
    outer = progress(files, total=len(files), desc="files") if progress and not databases_only else files
    try:
        for path, root in outer:
            report.files.append(ingest_file(store, path, report, progress if databases_only else None, root))
    except KeyboardInterrupt:
        report.interrupted = True  # the file being imported was rolled back; its changes before are marked pending
        return report
    finish_derived(store)
    return report

