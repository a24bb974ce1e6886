"""Heavy work (citation checks, imports) on a bounded number of server threads, with a time budget.

Waitress has ``LAWKB_THREADS`` worker threads for every request. A citation check of a long draft
or an import can hold a thread (and the CPU) for seconds, so at most ``LAWKB_WORK_SLOTS`` of them
run at once; at most as many more wait (up to ``LAWKB_WORK_WAIT`` seconds) for a slot, and any
further one is answered 503 (busy, try again) at once — so heavy work holds at most
2 × ``LAWKB_WORK_SLOTS`` threads, and the others stay free for searches and pages (eight uploads at
once no longer take all eight threads). Inside a slot the work runs
under a time budget (``kb.limits.time_budget``), so one draft cannot hold its slot for minutes.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from flask import current_app
from werkzeug.exceptions import ServiceUnavailable

from kb.limits import time_budget


class ServerBusy(ServiceUnavailable):
    description = "服务器正忙：同时进行的引用核查或导入已达上限，请稍后再试。"


class WorkSlots:
    def __init__(self, slots: int):
        self.slots = max(1, int(slots))
        self.semaphore = threading.BoundedSemaphore(self.slots)
        self.lock = threading.Lock()
        self.running = 0
        self.waiting = 0
        self.refused = 0

    def refuse(self, what: str) -> ServerBusy:
        with self.lock:
            self.refused += 1
        current_app.logger.warning("busy: no free work slot for %s (%d running, %d waiting)", what,
                                   self.running, self.waiting)
        return ServerBusy()


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
    if not pool.semaphore.acquire(blocking=False):
        with pool.lock:
            queue_full = pool.waiting >= pool.slots
            if not queue_full:
                pool.waiting += 1
        if queue_full:
            raise pool.refuse(what)
        try:
            got = pool.semaphore.acquire(timeout=float(current_app.config["WORK_WAIT"]))
        finally:
            with pool.lock:
                pool.waiting -= 1
        if not got:
            raise pool.refuse(what)
    with pool.lock:
        pool.running += 1
    try:
        with time_budget(seconds, what):
            yield
    finally:
        with pool.lock:
            pool.running -= 1
        pool.semaphore.release()
