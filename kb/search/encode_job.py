"""Encode the articles that have no neural vector yet: incremental, resumable, in-force texts first.

    report = encode_pending(corpus, limit=None, progress=None)   # foreground (`lawkb index --encode`)
    start_background(corpus)            # `lawkb serve`: a low-priority child process, --watch
    encoder_status(corpus)              # `lawkb index --status`, the admin page

Work list: every article text of the store (each distinct ``row_text`` once), in force today
first, without a vector for the configured model in the cache (``kb.search.vector_cache``). The
cache is the only state: each batch (``LAWKB_ENCODE_BATCH``) is saved in one transaction, so a run
killed at any moment resumes where it stopped, losing at most one batch, and a re-index after an
import encodes only new or changed texts. One encoder per corpus at a time (``.encode.lock``,
released by the OS when the process dies); its progress is in ``encode-status.json``.

The background child runs with ``LAWKB_ENCODE_THREADS`` engine threads and niceness
``LAWKB_ENCODE_NICE``, so searches on a 2-core machine keep their CPU; with ``--watch`` it then waits
for the store to change (an import) and encodes the new texts, and it stops when its parent
(the server) is gone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from kb.errors import BusyError
from kb.search.dense import row_text
from kb.search.encoders import neural_encoder, neural_model_id
from kb.search.vector_cache import VectorCache, cache_key, cache_path

LOCK_FILE = ".encode.lock"
STATUS_FILE = "encode-status.json"
LOG_FILE = "encode.log"
WATCH_SECONDS = 20.0
CHILD_SETTINGS = ("ENCODER", "MODEL", "ENCODE_THREADS", "ENCODE_BATCH", "ENCODE_MAX_TOKENS")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- the work list -------------------------------------------------------------------------------
def work_list(corpus, model_id: str, cache: VectorCache) -> tuple[list[tuple[str, str]], dict]:
    """(texts to encode as (key, text), in force first; coverage counts of the store's texts)."""
    store = corpus.store
    first, later, seen = [], [], set()
    for clause in store.iter_clauses(("article",)):
        text = row_text(clause)
        key = cache_key(model_id, text)
        if key in seen:
            continue
        seen.add(key)
        (first if store.in_force_on(clause.document) else later).append((key, text))
    present = cache.keys(seen)
    todo_first = [pair for pair in first if pair[0] not in present]
    todo_later = [pair for pair in later if pair[0] not in present]
    counts = {"texts": len(seen), "encoded": len(present), "in_force_texts": len(first),
              "in_force_encoded": len(first) - len(todo_first)}
    return todo_first + todo_later, counts


# -- one encoder per corpus ------------------------------------------------------------------------
@contextmanager
def encoder_lock(corpus, wait: float = 1.0) -> Iterator[None]:
    """Hold the corpus's encoder lock; BusyError when another process keeps it."""
    import fcntl

    Path(corpus.dir).mkdir(parents=True, exist_ok=True)
    with open(Path(corpus.dir) / LOCK_FILE, "a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    pid = read_status(corpus).get("pid")
                    raise BusyError(f"another encoder is running for {corpus.dir}"
                                    f"{f' (pid {pid})' if pid else ''}; `lawkb index --status` shows its progress",
                                    zh="语义向量正在后台计算中，请稍后再试") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def encoder_running(corpus) -> bool:
    """True while some process holds the corpus's encoder lock."""
    import fcntl

    path = Path(corpus.dir) / LOCK_FILE
    if not path.exists():
        return False
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def read_status(corpus) -> dict:
    try:
        found = json.loads((Path(corpus.dir) / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write_status(corpus, record: dict) -> None:
    path = Path(corpus.dir) / STATUS_FILE
    tmp = path.with_name(f".{STATUS_FILE}.{os.getpid()}")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


# -- encoding ----------------------------------------------------------------------------------------
def encode_pending(corpus, limit: int | None = None, progress=None, should_stop: Callable[[], bool] | None = None,
                   watch: bool = False, encoder=None) -> dict:
    """Encode every text without a vector (at most ``limit``); returns the run's status record.

    ``watch``: when done, wait for the store to change and encode again, until ``should_stop``.
    BusyError when another encoder runs; ModelError when the encoder cannot be loaded.
    """
    model_id = neural_model_id(corpus)
    if model_id is None:
        return {"state": "off", "done": 0}
    should_stop = should_stop or (lambda: False)
    with encoder_lock(corpus):
        cache = VectorCache(cache_path(corpus))
        status = {"pid": os.getpid(), "model": model_id, "state": "starting", "started_at": _now(), "done": 0,
                  "seconds": 0.0, "rate": None, "error": None, "watch": watch}
        _write_status(corpus, {**status, "updated_at": _now()})
        try:
            while True:
                corpus.refresh()
                seen_hash = corpus.store.corpus_hash()
                todo, counts = work_list(corpus, model_id, cache)
                if limit is not None:
                    todo = todo[:max(0, limit - status["done"])]
                status.update(counts, todo=len(todo), state="encoding" if todo else "done")
                _write_status(corpus, {**status, "updated_at": _now()})
                if todo:
                    encoder = encoder or neural_encoder(corpus, threads=int(corpus.setting("ENCODE_THREADS")))
                    _encode(corpus, encoder, cache, todo, status, progress, should_stop)
                if not watch or should_stop() or (limit is not None and status["done"] >= limit):
                    break
                status["state"] = "waiting"
                _write_status(corpus, {**status, "updated_at": _now()})
                if not _wait_for_change(corpus, seen_hash, should_stop):
                    break
        except BaseException as exc:
            interrupted = isinstance(exc, KeyboardInterrupt)
            status.update(state="stopped" if interrupted else "failed",
                          error=None if interrupted else f"{type(exc).__name__}: {exc}")
            raise
        else:
            left = status["texts"] - status["encoded"]
            status["state"] = "done" if left <= 0 else ("stopped" if should_stop() else "partial")
        finally:
            status["pid"] = None
            _write_status(corpus, {**status, "updated_at": _now()})
            cache.close()
    return status


def _encode(corpus, encoder, cache: VectorCache, todo: list, status: dict, progress, should_stop) -> None:
    size = max(1, int(corpus.setting("ENCODE_BATCH")))
    batches = range(0, len(todo), size)
    if progress is not None:
        batches = progress(batches, total=len(batches), desc="neural vectors")
    started = time.perf_counter() - status["seconds"]
    for start in batches:
        if should_stop():
            return
        batch = todo[start:start + size]
        vectors = encoder.encode([text for _, text in batch])
        cache.put([(key, vector) for (key, _), vector in zip(batch, vectors)])
        status["done"] += len(batch)
        status["encoded"] = status.get("encoded", 0) + len(batch)
        in_force_left = status["in_force_texts"] - status["in_force_encoded"]
        status["in_force_encoded"] += min(len(batch), max(0, in_force_left))
        status["todo"] -= len(batch)
        status["seconds"] = round(time.perf_counter() - started, 1)
        status["rate"] = round(status["done"] / status["seconds"], 3) if status["seconds"] > 0 else None
        _write_status(corpus, {**status, "updated_at": _now()})


def _wait_for_change(corpus, seen_hash: str, should_stop) -> bool:
    """Sleep until the store's content changes (True) or should_stop (False)."""
    while not should_stop():
        time.sleep(WATCH_SECONDS)
        corpus.refresh()
        try:
            if corpus.store.corpus_hash() != seen_hash:
                return True
        except Exception:  # noqa: BLE001 - a store being replaced: look again next time
            continue
    return False


# -- status --------------------------------------------------------------------------------------------
def encoder_status(corpus, coverage: bool = True) -> dict:
    """What `lawkb index --status` and the admin page show.

    ``{"encoder": model id or "off", "running": bool, "state", "texts", "encoded", "in_force_texts",
    "in_force_encoded", "rate" (texts/s of the last run), "eta_seconds", "error", "updated_at"}``;
    ``coverage=False`` skips counting the store's texts (the counts are then the last run's).
    """
    model_id = neural_model_id(corpus)
    if model_id is None:
        return {"encoder": "off", "running": False}
    job = read_status(corpus)
    if job.get("model") != model_id:
        job = {}
    record = {"encoder": model_id, "running": encoder_running(corpus), "state": job.get("state"),
              "rate": job.get("rate"), "error": job.get("error"), "updated_at": job.get("updated_at"),
              **{k: job.get(k) for k in ("texts", "encoded", "in_force_texts", "in_force_encoded")}}
    if coverage and corpus.exists:
        _, counts = work_list(corpus, model_id, VectorCache(cache_path(corpus), readonly=True))
        record.update(counts)
    if record["running"] is False and record["state"] in ("encoding", "waiting", "starting"):
        record["state"] = "stopped"  # killed without a word
    left = (record.get("texts") or 0) - (record.get("encoded") or 0)
    record["eta_seconds"] = round(left / record["rate"]) if record["running"] and record["rate"] and left > 0 else None
    return record


# -- the background child --------------------------------------------------------------------------------
def start_background(corpus) -> subprocess.Popen | None:
    """Start the low-priority encoder child for the corpus (with --watch) unless the neural encoder
    is off, background encoding is off (LAWKB_ENCODE_BACKGROUND) or an encoder already runs."""
    if not corpus.setting("ENCODE_BACKGROUND") or neural_model_id(corpus) is None or encoder_running(corpus):
        return None
    env = {**os.environ, "LAWKB_QUIET": "1", "OMP_WAIT_POLICY": "PASSIVE",
           "OMP_NUM_THREADS": str(max(1, int(corpus.setting("ENCODE_THREADS"))))}
    for name in CHILD_SETTINGS:
        value = corpus.setting(name)
        if value not in (None, ""):
            env[f"LAWKB_{name}"] = str(value)
    nice = min(19, max(0, int(corpus.setting("ENCODE_NICE"))))
    log = open(Path(corpus.dir) / LOG_FILE, "ab")
    try:
        return subprocess.Popen([sys.executable, "-m", "kb.search.encode_job", str(corpus.dir), "--watch",
                                 "--parent", str(os.getpid()), "--nice", str(nice)], env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    finally:
        log.close()


def main(argv: list[str] | None = None) -> int:
    """The background child: python -m kb.search.encode_job CORPUS_DIR [--watch] [--parent PID] [--nice N]."""
    from kb.corpus import Corpus
    from kb.errors import LawKBError

    parser = argparse.ArgumentParser(prog="python -m kb.search.encode_job")
    parser.add_argument("corpus_dir")
    parser.add_argument("--watch", action="store_true")
    parser.add_argument("--parent", type=int)
    parser.add_argument("--nice", type=int, default=0)
    args = parser.parse_args(argv)
    if args.nice > 0:
        os.nice(args.nice)
    parent = args.parent
    try:
        report = encode_pending(Corpus(args.corpus_dir), watch=args.watch,
                                should_stop=lambda: parent is not None and os.getppid() != parent)
    except BusyError:
        return 0  # another encoder does the work
    except LawKBError as exc:
        print(f"{_now()} lawkb encoder: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"{_now()} lawkb encoder: {report.get('state')}, {report.get('done')} texts encoded", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
