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


class LimitError(LawKBError):
    """An input exceeds a configured limit (file size, paragraphs, pages, characters...)."""

    exit_code = 8

    def __init__(self, what: str, amount: int | float, limit: int | float, setting: str, message: str):
        self.what, self.amount, self.limit, self.setting = what, amount, limit, setting
        super().__init__(message)


class BudgetExceeded(LawKBError):
    """Work ran past its time budget and was stopped."""

    exit_code = 8

    def __init__(self, what: str, seconds: float):
        self.what, self.seconds = what, seconds
        super().__init__(f"{what} took longer than {seconds:g} s and was stopped")


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
