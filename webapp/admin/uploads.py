"""Uploaded files: check type and content, then ingest-and-index them with ``ingest.service`` (the
same sequence as `lawkb ingest`); the index is rebuilt by a background job in a child process."""

from __future__ import annotations

import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.service import IngestOutcome, ingest_and_index, rebuild_index_in_child

ALLOWED = {".pdf": "PDF", ".docx": "Word (DOCX)", ".md": "Markdown", ".markdown": "Markdown", ".txt": "文本"}
UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def safe_name(name: str) -> str:
    """The base name of an uploaded file, keeping Chinese characters (werkzeug's secure_filename drops them)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = UNSAFE_CHARS.sub("_", base).strip(" .")
    return base[-120:] or "upload"


def check_upload(name: str, head: bytes) -> str | None:
    """Why a file cannot be imported (None if it looks fine)."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        return f"不支持的文件类型“{suffix or '无扩展名'}”：只能导入 PDF、DOCX、MD、TXT 文件"
    if not head:
        return "文件是空的"
    if suffix == ".pdf" and not head.startswith(b"%PDF-"):
        return "文件扩展名是 .pdf，但内容不是 PDF"
    if suffix == ".docx" and not head.startswith(b"PK\x03\x04"):
        return "文件扩展名是 .docx，但内容不是 Word 文档（旧版 .doc 请先另存为 .docx）"
    if suffix in (".md", ".markdown", ".txt") and b"\x00" in head[:8192] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "文件内容不是文本"
    return None


@dataclass
class UploadResult:
    name: str
    outcome: str
    documents: int = 0
    articles: int = 0
    titles: list[str] = field(default_factory=list)
    message: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Imported (or already there); a failed file and a skipped one (not a law text) are not."""
        return self.outcome not in ("failed", "skipped")


def import_uploads(corpus, files, index: bool = True,
                   build: Callable | None = None) -> tuple[list[UploadResult], IngestOutcome | None]:
    """Check the uploaded files (werkzeug FileStorage) and ingest-and-index the good ones.

    Each file succeeds or fails on its own; ``build(corpus, progress)`` starts the index build
    (see ingest.service.ingest_and_index). Returns the per-file results in upload order.
    """
    results: list[UploadResult | None] = []
    saved: dict[str, tuple[int, str]] = {}   # temp path -> (position, shown name)
    outcome = None
    with tempfile.TemporaryDirectory(prefix="lawkb-upload-") as tmp:
        for position, upload in enumerate(files):
            name = safe_name(upload.filename)
            head = upload.stream.read(8192)
            upload.stream.seek(0)
            problem = check_upload(name, head)
            if problem:
                results.append(UploadResult(name, "failed", message=problem))
                continue
            folder = Path(tmp) / str(position)
            folder.mkdir()
            path = folder / name
            upload.save(path)
            saved[str(path)] = (position, name)
            results.append(None)
        if saved:
            kwargs = {"build": build} if build is not None else {}
            outcome = ingest_and_index(corpus, [Path(p) for p in saved], index=index, **kwargs)
            for result in outcome.report.files:
                position, name = saved[result.path]
                message = (result.error_zh or "").replace(result.path, name)
                results[position] = UploadResult(name, result.outcome, result.documents, result.articles,
                                                 list(result.titles), message,
                                                 [w.replace(result.path, name) for w in result.warnings])
    return [r for r in results if r is not None], outcome


class IndexRebuild:
    """One background index rebuild at a time; state shown on the admin page."""

    def __init__(self):
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.state = "idle"      # idle | running | done | failed
        self.message = ""
        self.finished_at: float | None = None
        self.pending = False     # another import arrived during a rebuild: rebuild again after it

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def start(self, corpus, on_done, build=rebuild_index_in_child) -> str:
        with self.lock:
            if self.running:
                self.pending = True
                return "running"
            self.state, self.message = "running", "正在重建检索索引…"

            def work():
                try:
                    self.pending = True
                    while self.pending:
                        self.pending = False
                        build(corpus)
                        on_done()
                    self.state, self.message = "done", "检索索引已更新"
                except Exception as exc:  # reported on the page
                    self.state, self.message = "failed", f"索引重建失败：{exc}"
                finally:
                    self.finished_at = time.time()

            self.thread = threading.Thread(target=work, name="lawkb-index-rebuild", daemon=True)
            self.thread.start()
        return "running"
