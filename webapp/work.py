"""Heavy work (citation checks, imports) on a bounded number of server threads, with a time budget.

Waitress has ``LAWKB_THREADS`` worker threads for every request. A citation check of a long draft
or an import can hold a thread (and the CPU) for seconds, so at most ``LAWKB_WORK_SLOTS`` of them
run at once; another waits up to ``LAWKB_WORK_WAIT`` seconds for a slot and is then answered 503
(busy, try again) — the other threads stay free for searches and pages. Inside a slot the work runs
under a time budget (``kb.limits.time_budget``), so one draft cannot hold its slot for minutes.

``user_message(exc)`` words the limit and budget errors for the Chinese pages.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from flask import current_app
from werkzeug.exceptions import ServiceUnavailable

from ingest.errors import TooLargeError
from kb.limits import BudgetExceeded, LimitError, time_budget

MIB = 1024 * 1024


class ServerBusy(ServiceUnavailable):
    description = "服务器正忙：同时进行的引用核查或导入已达上限，请稍后再试。"


class WorkSlots:
    def __init__(self, slots: int):
        self.slots = max(1, int(slots))
        self.semaphore = threading.BoundedSemaphore(self.slots)
        self.lock = threading.Lock()
        self.running = 0
        self.refused = 0


def slots() -> WorkSlots:
    app = current_app._get_current_object()
    found = app.extensions.get("lawkb.work")
    if found is None:
        found = app.extensions.setdefault("lawkb.work", WorkSlots(app.config["WORK_SLOTS"]))
    return found


@contextmanager
def heavy_work(what: str, seconds: float | None) -> Iterator[None]:
    """Run a block in one of the work slots (ServerBusy when none frees up in time) under a time budget."""
    pool = slots()
    if not pool.semaphore.acquire(timeout=float(current_app.config["WORK_WAIT"])):
        with pool.lock:
            pool.refused += 1
        current_app.logger.warning("busy: no free work slot for %s (%d running)", what, pool.slots)
        raise ServerBusy()
    with pool.lock:
        pool.running += 1
    try:
        with time_budget(seconds, what):
            yield
    finally:
        with pool.lock:
            pool.running -= 1
        pool.semaphore.release()


def user_message(exc: Exception) -> str | None:
    """The Chinese message for a limit or time-budget error (None for other errors)."""
    if isinstance(exc, BudgetExceeded):
        return f"处理超时：超过 {exc.seconds:g} 秒仍未完成，已停止。请缩短文本或拆分文件后重试。"
    if not isinstance(exc, (LimitError, TooLargeError)):
        return None
    amount, limit = exc.amount, exc.limit
    return {
        "size": lambda: f"文件过大（{amount / MIB:.1f} MB），上限为 {limit / MIB:g} MB。",
        "paragraphs": lambda: f"文件的段落超过 {limit:,} 段，不像一份法规或文书（可能是自动生成或损坏的文件），已拒绝。请检查文件后重试。",
        "pages": lambda: f"PDF 共 {amount:,} 页，超过上限 {limit:,} 页。请拆分后重试。",
        "unpacked": lambda: f"DOCX 解压后达 {amount / MIB:.0f} MB，超过上限 {limit / MIB:g} MB。请在 Word 中删除嵌入的大文件后另存。",
        "chars": lambda: f"文本共 {amount:,} 字，超过引用核查的上限 {limit:,} 字。请只提交决定书或审核意见本身。",
        "time": lambda: f"处理超时：超过 {limit:g} 秒仍未完成，已停止。",
    }.get(exc.what, lambda: "文件超出处理上限，已拒绝。")()
