"""Load plus faults on the national corpus (issue 12): 50 clients read pages and search for 60 s
while a regulation is imported — through the admin import page, then with `lawkb ingest` in
another process, each followed by its index rebuild — and a 10 MB draft is sent to the citation
check every 20 s. Zero errors are expected: no 503 while the index is rebuilt (the old index
answers until the new one is loaded), no 404 for documents after an import, new laws listed and
found once their index is in. Reported: requests, errors, latency p50/p95 overall and while an
import is in progress, how long until each new law is listed and found, the draft check, and the
server's RSS before and after. A copy of the benchmark's national corpus is used, so the other
benchmarks see the corpus unchanged."""

from __future__ import annotations

import http.client
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from pathlib import Path
from urllib.parse import quote

from benchmarks.bench_web import free_port, percentile, start_server, stop_server
from benchmarks.run import Figure, national_corpus
from webapp.live import RELEASE_AFTER

CLIENTS = 50
LOAD_SECONDS = 60.0
MAX_SECONDS = 1200.0         # each import: how long to wait until its law is searchable
DRAFT_EVERY = 20.0
DRAFT_BYTES = 10 * 1024 * 1024
ADMIN = ("bench", "bench password 1")

REGULATION = """# {title}

2026年10月1日某市人民代表大会常务委员会公布

<!-- INFO END -->

## 第一章 总则

第一条 为了防治机动车排气污染，保护和改善大气环境，制定本条例。

第二条 本市行政区域内机动车排气污染防治及其监督管理，适用本条例。

## 第二章 监督管理

第三条 生态环境主管部门应当建立{marker}制度，对道路行驶机动车的排气状况进行监督抽测。

第四条 机动车所有人应当按照规定进行排放检验，检验不合格的，不得上道路行驶。

## 第三章 法律责任

第五条 违反本条例第四条规定的，由生态环境主管部门责令改正，处二百元以上二千元以下罚款。
"""


def q(text: str) -> str:
    return quote(text, safe="")


def read_pages(corpus) -> list[tuple[str, str, int]]:
    store = corpus.store
    penalty = store.current_version("中华人民共和国行政处罚法") or store.documents()[0]
    article = store.article(penalty.id, 63) or store.clauses(penalty.id)[0]
    return [
        ("search", "/?q=" + q("企业超标排放污染物按日连续处罚"), 200),
        ("search", "/?q=" + q("建设项目未批先建如何处罚"), 200),
        ("search", "/?q=" + q("查封扣押的期限"), 200),
        ("api search", "/api/search?q=" + q("噪声污染 夜间施工"), 200),
        ("api search", "/api/search?q=" + q("机动车排气污染"), 200),
        ("law list", "/laws/", 200),
        ("law page", f"/laws/{penalty.id}", 200),
        ("clause page", f"/clauses/{article.id}", 200),
        ("api laws", "/api/laws", 200),
        ("answer", "/answer?q=" + q("查封扣押最长多久"), 200),
    ]


def draft_docx(size: int = DRAFT_BYTES) -> bytes:
    """A decision of about 40 pages (the citation check's work) padded to `size` bytes with an
    embedded file, as drafts with scanned attachments are."""
    from benchmarks.bench_cite import ten_page_draft
    import docx

    document = docx.Document()
    for line in (ten_page_draft(200)).split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    padded = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/media/attachment.bin", os.urandom(max(0, size - len(data) - 2048)))
    return padded.getvalue()


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    for name, filename, data in files:
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class Session:
    """A browser-like client: keeps the session cookie and the CSRF token of the last form."""

    def __init__(self, port: int):
        self.port, self.cookie, self.token = port, "", ""

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if content_type:
            headers["Content-Type"] = content_type
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        seconds = time.perf_counter() - started
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        found = re.search(rb'name="csrf_token" value="([^"]+)"', data)
        if found:
            self.token = found.group(1).decode()
        conn.close()
        return response.status, data, seconds

    def post_form(self, path: str, fields: dict[str, str], files=()):
        body, content_type = multipart({"csrf_token": self.token, **fields}, list(files))
        return self.request("POST", path, body, content_type)


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process in MB, from /proc."""
    values = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def copy_corpus(corpus, target: Path) -> Path:
    """The national corpus's store (online backup) and index (files) in a folder of its own."""
    from kb.backup import copy_database

    target.mkdir(parents=True)
    copy_database(Path(corpus.store_path), target / "store.sqlite")
    build = Path(corpus.index_dir).resolve()
    shutil.copytree(build, target / build.name)
    os.symlink(build.name, target / "index")
    return target


class Load:
    """CLIENTS threads fetching read pages in rotation; every request is recorded with its time."""

    def __init__(self, port: int, pages):
        self.port, self.pages = port, pages
        self.records: list[tuple[float, float, bool, str]] = []  # (start, ms, ok, label)
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def client(self, offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        i = offset
        while not self.stop.is_set():
            name, path, expected = self.pages[i % len(self.pages)]
            i += 1
            started = time.monotonic()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok, label = response.status == expected, f"{name}: {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, label = False, f"{name}: {type(exc).__name__}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            with self.lock:
                self.records.append((started, (time.monotonic() - started) * 1000, ok, label))
        conn.close()

    def start(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        return threads


def wait_until(predicate, limit: float) -> float | None:
    """Seconds until predicate() holds (polled every 0.5 s), None if it never did within limit."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.5)
    return None


def run(context) -> list[Figure]:
    national = national_corpus(context)
    folder = copy_corpus(national, Path(context.home) / "safety" / "corpora" / "default")
    from kb.corpus import Corpus
    from webapp.admin.users import UserStore

    corpus = Corpus(folder)
    UserStore.for_corpus(corpus).add(*ADMIN, admin=True)
    pages = read_pages(corpus)
    port = free_port()
    server = start_server(folder, port, Path(context.home) / "bench_safety_server.log", rebuild=True)
    figures: list[Figure] = []
    try:
        probe = Session(port)
        for _name, path, _ in pages:  # warm every page once
            probe.request("GET", path)
        rss_before, _ = rss_mb(server.pid)
        load = Load(port, pages)
        started = time.monotonic()
        threads = load.start()
        draft = draft_docx()
        drafts: list[tuple[int, float]] = []
        imports: list[dict] = []

        def check_drafts():
            client = Session(port)
            client.request("GET", "/cite/")
            while not load.stop.is_set():
                status, _, seconds = client.post_form("/cite/", {"as_of": ""}, [("file", "决定书.docx", draft)])
                drafts.append((status, seconds))
                load.stop.wait(DRAFT_EVERY)

        time.sleep(5)
        checker = threading.Thread(target=check_drafts, daemon=True)
        checker.start()

        def searchable(marker: str, title: str):
            def found() -> bool:
                listed = title in probe.request("GET", "/laws/")[1].decode("utf-8", "replace")
                hit = title in probe.request("GET", "/api/search?q=" + q(marker))[1].decode("utf-8", "replace")
                return listed and hit
            return found

        # 1. the admin import page
        admin = Session(port)
        admin.request("GET", "/admin/login")
        admin.post_form("/admin/login", {"name": ADMIN[0], "password": ADMIN[1]})
        admin.request("GET", "/admin/")
        title, marker = "某市机动车排气污染防治条例", "尾气遥感监测甲"
        begun = time.monotonic()
        status, _, _ = admin.post_form("/admin/import", {}, [("files", f"{title}.md",
                                                               REGULATION.format(title=title, marker=marker).encode())])
        listed = wait_until(lambda: title in probe.request("GET", "/laws/")[1].decode("utf-8", "replace"), 60)
        found = wait_until(searchable(marker, title), MAX_SECONDS)
        imports.append({"how": "admin import page", "status": status, "begun": begun - started,
                        "listed": listed, "found": found, "ended": time.monotonic() - started})
        # 2. lawkb ingest in another process, as an operator would run it beside the server
        title, marker = "某县机动车排气污染防治办法", "尾气遥感监测乙"
        path = Path(context.home) / f"{title}.md"
        path.write_text(REGULATION.format(title=title, marker=marker), encoding="utf-8")
        root = Path(__file__).resolve().parent.parent
        begun = time.monotonic()
        cli = subprocess.Popen([sys.executable, "-m", "lawkb", "-q", "--home", str(folder.parent.parent), "ingest",
                                str(path)], cwd=root, env={**os.environ, "PYTHONPATH": str(root), "LAWKB_QUIET": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        listed = wait_until(lambda: title in probe.request("GET", "/laws/")[1].decode("utf-8", "replace"), 120)
        found = wait_until(searchable(marker, title), MAX_SECONDS)
        cli_err = cli.communicate(timeout=MAX_SECONDS)[1]
        imports.append({"how": "lawkb ingest", "status": cli.returncode, "begun": begun - started,
                        "listed": listed, "found": found, "ended": time.monotonic() - started, "stderr": cli_err})
        remaining = LOAD_SECONDS - (time.monotonic() - started)
        if remaining > 0:
            time.sleep(remaining)
        load.stop.set()
        for thread in threads:
            thread.join(180)
        checker.join(600)
        elapsed = time.monotonic() - started
        rss_end, _ = rss_mb(server.pid)
        time.sleep(RELEASE_AFTER + 10)  # the replaced index is collected RELEASE_AFTER s after a switch
        rss_after, rss_peak = rss_mb(server.pid)
    finally:
        stop_server(server)

    records = [(s - started, ms, ok, label) for s, ms, ok, label in load.records]
    errors = [label for _, _, ok, label in records if not ok]
    latencies = [ms for _, ms, _, _ in records]
    figures.append(Figure(f"{CLIENTS} clients: requests", len(records), "requests", "",
                          f"{elapsed:.0f} s (at least {LOAD_SECONDS:g} s, until both imports were searchable)"))
    samples = sorted({label for label in errors})[:5]
    figures.append(Figure(f"{CLIENTS} clients: errors", len(errors), "errors", "0",
                          "; ".join(samples) or "every status as expected (no 503, no 404)"))
    figures.append(Figure(f"{CLIENTS} clients: latency p50", round(percentile(latencies, 0.5), 1), "ms", "",
                          f"p95 {percentile(latencies, 0.95):.1f} ms, whole run"))
    for record in imports:
        window = [ms for t, ms, _, _ in records if record["begun"] <= t <= record["ended"]]
        window_errors = sum(1 for t, _, ok, _ in records if record["begun"] <= t <= record["ended"] and not ok)
        figures.append(Figure(f"during {record['how']}: latency p50", round(percentile(window, 0.5), 1), "ms", "",
                              f"p95 {percentile(window, 0.95):.1f} ms over {len(window)} requests, "
                              f"{window_errors} errors, {record['ended'] - record['begun']:.0f} s from import to searchable"))
        figures.append(Figure(f"{record['how']}: new law listed after", round(record["listed"] or -1, 1), "s", "",
                              "GET /laws/ lists it" + ("" if record["listed"] is not None else " — NEVER")))
        figures.append(Figure(f"{record['how']}: new law found by search after", round(record["found"] or -1, 1), "s",
                              "", "its new index loaded and switched in" + ("" if record["found"] is not None
                                                                             else " — NEVER")
                              + (f"; exit {record['status']}" if record["how"] == "lawkb ingest" else
                                 f"; HTTP {record['status']}")))
    statuses = {status: sum(1 for s, _ in drafts if s == status) for status in sorted({s for s, _ in drafts})}
    figures.append(Figure("10 MB draft checks", len(drafts), "checks", "",
                          ", ".join(f"{n}× HTTP {status}" for status, n in statuses.items())
                          + f" (503: stopped by LAWKB_CITE_TIME_LIMIT or no free slot); p50 "
                          f"{percentile([s for _, s in drafts], 0.5):.1f} s, max {max((s for _, s in drafts), default=0):.1f} s "
                          f"(one every {DRAFT_EVERY:g} s, 200 citations, 10 MB DOCX)"))
    figures.append(Figure("machine load", round(os.getloadavg()[0], 1), "", "", f"1-minute load average at the end, "
                          f"{os.cpu_count()} cores (other processes share them)"))
    figures.append(Figure("server RSS before", round(rss_before, 0), "MB", "", "after warm-up"))
    figures.append(Figure("server RSS after", round(rss_after, 0), "MB", "",
                          f"{RELEASE_AFTER + 10:g} s after the load ({rss_end:.0f} MB when it ended); peak "
                          f"{rss_peak:.0f} MB (two index builds side by side while switching)"))
    return figures


if __name__ == "__main__":  # python -m benchmarks.bench_safety
    from benchmarks.run import main

    sys.exit(main(["--only", "bench_safety"]))
