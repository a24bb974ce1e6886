"""Limits on work one input can cause: typed errors and a time budget.

A file or a draft that is too big for its limit raises ``LimitError`` (what was too big, the
amount, the limit and the setting that raises it) before the expensive work starts. Long work
(parsing a file, checking a draft) runs inside ``time_budget(seconds, what)`` and calls
``checkpoint()`` in its loops; past the deadline ``checkpoint()`` raises ``BudgetExceeded``.
The budget lives in a context variable, so the loops need no extra argument and code run
outside a budget pays one lookup per checkpoint.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from kb.errors import LawKBError

_DEADLINE: ContextVar[tuple[float, float, str] | None] = ContextVar("lawkb_deadline", default=None)
MIB = 1024 * 1024


def limit_zh(what: str, amount, limit) -> str:
    """The Chinese message of a limit error, for web pages."""
    messages = {
        "size": lambda: f"文件过大（{amount / MIB:.1f} MB），上限为 {limit / MIB:g} MB",
        "paragraphs": lambda: f"文件的段落超过 {limit:,} 段，不像一份法规或文书（可能是自动生成或损坏的文件），已拒绝",
        "pages": lambda: f"PDF 共 {amount:,} 页，超过上限 {limit:,} 页，请拆分后重试",
        "unpacked": lambda: f"DOCX 解压后达 {amount / MIB:.0f} MB，超过上限 {limit / MIB:g} MB，请删除嵌入的大文件后另存",
        "chars": lambda: f"文本共 {amount:,} 字，超过引用核查的上限 {limit:,} 字，请只提交决定书或审核意见本身",
        "time": lambda: f"处理超时：超过 {limit:g} 秒仍未完成，已停止",
    }
    return messages[what]() if what in messages else "文件超出处理上限，已拒绝"


class LimitError(LawKBError):
    """An input exceeds a configured limit (file size, paragraphs, pages, characters...)."""

    exit_code = 8

    def __init__(self, what: str, amount: int | float, limit: int | float, setting: str, message: str):
        self.what, self.amount, self.limit, self.setting = what, amount, limit, setting
        super().__init__(message, zh=limit_zh(what, amount, limit) + "。")


class BudgetExceeded(LawKBError):
    """Work ran past its time budget and was stopped."""

    exit_code = 8

    def __init__(self, what: str, seconds: float):
        self.what, self.seconds = what, seconds
        super().__init__(f"{what} took longer than {seconds:g} s and was stopped",
                         zh=f"处理超时：超过 {seconds:g} 秒仍未完成，已停止。请缩短文本或拆分文件后重试。")


@contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[None]:
    """Run a block with a deadline (None or <= 0: no budget). Nested budgets keep the earlier deadline."""
    outer = _DEADLINE.get()
    if not seconds or seconds <= 0:
        yield
        return
    deadline = time.monotonic() + float(seconds)
    if outer is not None and outer[0] <= deadline:
        yield
        return
    token = _DEADLINE.set((deadline, float(seconds), what))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def checkpoint() -> None:
    """Raise BudgetExceeded when the current time budget is spent."""
    budget = _DEADLINE.get()
    if budget is not None and time.monotonic() > budget[0]:
        raise BudgetExceeded(budget[2], budget[1])


def check_limit(what: str, amount: int | float, limit: int | float | None, setting: str, message: str) -> None:
    """Raise LimitError when amount > limit (a limit of None or <= 0 means no limit)."""
    if limit and limit > 0 and amount > limit:
        raise LimitError(what, amount, limit, setting, message)
