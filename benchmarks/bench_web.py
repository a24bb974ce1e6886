"""Web app speed on the national corpus: the app on waitress (8 threads) in its own process,
every page fetched sequentially (p50/p95 per page), then 20 concurrent clients for 30 s
(zero errors expected). Loopback only; every loop is bounded."""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from benchmarks.run import Figure, national_corpus

THREADS = 8
SEQUENTIAL_REPEATS = 25
CLIENTS = 20
LOAD_SECONDS = 30.0
MAX_LOAD_REQUESTS = 200_000
TARGET_MS = 100.0

SERVER = """
import sys, waitress
from webapp import create_app
from webapp.state import limit_native_threads, warm_up
limit_native_threads(1)  # as `lawkb serve` does
app = create_app({"CORPUS_DIR": sys.argv[1], "SECRET_KEY": "bench", "REBUILD_INDEXES": sys.argv[4:] == ["rebuild"]})
print("warm-up:", warm_up(app), file=sys.stderr, flush=True)
limit_native_threads(1)
waitress.serve(app, host="127.0.0.1", port=int(sys.argv[2]), threads=int(sys.argv[3]), ident="LawKB")
"""


def q(text: str) -> str:
    return quote(text, safe="")


def pages(corpus) -> list[tuple[str, str, int]]:
    """(name, path, expected status) of every page and API route."""
    store = corpus.store
    penalty = store.current_version("中华人民共和国行政处罚法") or store.documents()[0]
    civil = store.current_version("中华人民共和国民法典") or penalty
    article = store.article(penalty.id, 63) or store.clauses(penalty.id)[0]
    env = (store.versions("中华人民共和国环境保护法") or [penalty])[-1]
    code = store.current_version("中华人民共和国生态环境法典") or penalty
    constitution = store.current_version("中华人民共和国宪法") or penalty
    env59 = store.article(env.id, 59) or article
    code1060 = store.article(code.id, 1060) or article
    changed = store.article(constitution.id, 3) or article
    return [
        ("home", "/", 200),
        ("search: question", "/search?q=" + q("企业超标排放污染物按日连续处罚"), 200),
        ("search: question, include repealed", "/search?q=" + q("建设项目未批先建如何处罚") + "&status=all", 200),
        ("search: question, as of 2020-01-01", "/search?q=" + q("环境影响评价文件未经批准擅自开工") + "&as_of=2020-01-01", 200),
        ("search: citation (redirect)", "/search?q=" + q("行政处罚法第六十三条"), 302),
        ("law list", "/laws/", 200),
        ("law list, title search", "/laws/?q=" + q("污染防治"), 200),
        ("law page (行政处罚法)", f"/laws/{penalty.id}", 200),
        ("law page (民法典, 1260 articles)", f"/laws/{civil.id}", 200),
        ("law by name (redirect)", "/law/" + q("环保法"), 302),
        ("clause page", f"/clauses/{article.id}", 200),
        ("clause: related articles", f"/clauses/{article.id}/related", 200),
        ("unknown law (404 with suggestions)", "/law/" + q("大气污染防止法"), 404),
        ("unknown article (404: nearest articles, similar titles)", "/?q=" + q("环保法第九十九条"), 404),
        ("law list, pinyin filter", "/laws/?q=hjbhf", 200),
        ("law page, repealed (环境保护法, each article → Code)", f"/laws/{env.id}", 200),
        ("clause page, repealed (→ Code article, word diff)", f"/clauses/{env59.id}", 200),
        ("clause page, Code (← old articles)", f"/clauses/{code1060.id}", 200),
        ("clause page, changed in another version (宪法第三条)", f"/clauses/{changed.id}", 200),
        ("citation check page", "/cite/", 200),
        ("concordance page (环境保护法, 70 pairs)", "/cite/concordance?law=" + q("环境保护法"), 200),
        ("version diff page (宪法 1982→2018)", "/cite/diff?law=" + q("宪法"), 200),
        ("admin login", "/admin/login", 200),
        ("api: search", "/api/search?q=" + q("噪声污染 夜间施工"), 200),
        ("api: laws", "/api/laws", 200),
        ("api: law", f"/api/laws/{penalty.id}", 200),
        ("api: clause", f"/api/clauses/{article.id}", 200),
        ("api: cite resolve", "/api/cite/resolve?q=" + q("《中华人民共和国行政处罚法》第三十三条第二款"), 200),
        ("api: openapi.json", "/api/openapi.json", 200),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(corpus_dir: Path, port: int, log: Path, rebuild: bool = False) -> subprocess.Popen:
    """The server in its own process; its stderr goes to a file (a pipe nobody reads would fill
    up and stall the server). rebuild: the admin import rebuilds the index in the background."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    with open(log, "w", encoding="utf-8") as stderr:
        proc = subprocess.Popen([sys.executable, "-c", SERVER, str(corpus_dir), str(port), str(THREADS)]
                                + (["rebuild"] if rebuild else []),
                                cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"web server exited: {log.read_text(encoding='utf-8')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError("web server did not start within 600 s")


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    response.read()
    return response.status, (time.perf_counter() - started) * 1000


def sequential(port: int, page_list) -> dict[str, list[float]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timings: dict[str, list[float]] = {}
    for name, path, expected in page_list:
        status, _ = fetch(conn, path)  # warm this page's caches
        if status != expected:
            raise RuntimeError(f"{name}: {path} answered {status}, expected {expected}")
        timings[name] = [fetch(conn, path)[1] for _ in range(SEQUENTIAL_REPEATS)]
    conn.close()
    return timings


def load(port: int, page_list) -> dict:
    stop = time.monotonic() + LOAD_SECONDS
    lock = threading.Lock()
    results = {"requests": 0, "errors": 0, "latencies": [], "error_samples": []}

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = offset
        while time.monotonic() < stop and results["requests"] < MAX_LOAD_REQUESTS:
            name, path, expected = page_list[i % len(page_list)]
            i += 1
            try:
                status, ms = fetch(conn, path)
                ok = status == expected
            except (OSError, http.client.HTTPException) as exc:
                ok, ms, status = False, 0.0, repr(exc)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                results["requests"] += 1
                results["latencies"].append(ms)
                if not ok:
                    results["errors"] += 1
                    if len(results["error_samples"]) < 5:
                        results["error_samples"].append(f"{name}: {status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(LOAD_SECONDS + 120)
    results["seconds"] = time.monotonic() - started
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def run(context) -> list[Figure]:
    corpus = national_corpus(context)
    page_list = pages(corpus)
    port = free_port()
    server = start_server(Path(corpus.dir), port, Path(context.home) / "bench_web_server.log")
    figures: list[Figure] = []
    try:
        timings = sequential(port, page_list)
        slowest = max(statistics.median(v) for v in timings.values())
        for name, values in timings.items():
            p50 = statistics.median(values)
            figures.append(Figure(f"p50 {name}", round(p50, 1), "ms", f"≤ {TARGET_MS:g} ms",
                                  f"p95 {percentile(values, 0.95):.1f} ms, {len(values)} requests"
                                  + ("" if p50 <= TARGET_MS else " — OVER TARGET")))
        figures.append(Figure("slowest page p50", round(slowest, 1), "ms", f"≤ {TARGET_MS:g} ms",
                              "one client, keep-alive, after one warm-up request per page"))
        result = load(port, page_list)
        figures.append(Figure(f"{CLIENTS} concurrent clients: errors", result["errors"], "errors", "0",
                              f"{result['requests']} requests in {result['seconds']:.0f} s; "
                              + ("; ".join(result["error_samples"]) or "every status as expected")))
        figures.append(Figure(f"{CLIENTS} concurrent clients: throughput", round(result["requests"] / result["seconds"], 1),
                              "req/s", "", f"waitress {THREADS} threads, {os.cpu_count()} cores, all pages in rotation"))
        figures.append(Figure(f"{CLIENTS} concurrent clients: latency p50", round(percentile(result["latencies"], 0.5), 1),
                              "ms", "", f"p95 {percentile(result['latencies'], 0.95):.1f} ms"))
    finally:
        stop_server(server)
    return figures


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


if __name__ == "__main__":  # python -m benchmarks.bench_web: same as make bench --only bench_web
    from benchmarks.run import main

    sys.exit(main(["--only", "bench_web"]))
