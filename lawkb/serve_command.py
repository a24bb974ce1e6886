"""`lawkb serve`: the web app on waitress (production WSGI server)."""

from __future__ import annotations

import errno
import sys
import threading

from kb import settings
from lawkb import command, overrides_from
from kb.corpus import Corpus
from kb.errors import LawKBError, SettingsError, StoreError
from kb.search.encode_job import start_background


def register(sub) -> None:
    serve = command(sub, "serve", run_serve, help="serve the web app (search, law browser, API, admin import)",
                    description="Serve LawKB's web app with waitress. Host, port and threads default to "
                                "LAWKB_HOST, LAWKB_PORT and LAWKB_THREADS.")
    serve.add_argument("--host", help="address to listen on (default LAWKB_HOST, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default LAWKB_PORT, 8000)")
    serve.add_argument("--threads", type=int, help="worker threads (default LAWKB_THREADS, 8)")


def run_serve(args) -> int:
    overrides = overrides_from(args)
    corpus = Corpus(overrides=overrides)
    if not corpus.exists:
        raise StoreError(f"no clause store at {corpus.store_path}; run `lawkb ingest` first to build it")
    host = args.host or settings.get("HOST")
    port = args.port if args.port is not None else settings.get("PORT")
    threads = args.threads or settings.get("THREADS")
    if not 0 < port < 65536:
        raise StoreError(f"port {port} is not a TCP port")  # pragma: no cover - argparse gives ints

    import waitress

    from webapp import create_app

    config = {name: value for name, value in overrides.items() if value}
    app = create_app(config)
    if not (corpus.index_dir / "manifest.json").exists():
        print("lawkb: warning: no search index yet; run `lawkb index` so the search page works",
              file=sys.stderr)
    from webapp.state import limit_native_threads, warm_up

    limit_native_threads(1)
    try:  # bind first: "serving on" is printed only once the port is ours
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="LawKB",
                                        clear_untrusted_proxy_headers=True)
    except OSError as exc:
        reason = "the address is already in use (another program, maybe another `lawkb serve`, has the port)" \
            if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        raise SettingsError(f"cannot listen on {host}:{port}: {reason}; stop it or choose another --port") from None

    encoder = {"child": None, "stopped": False, "lock": threading.Lock()}

    def warm() -> None:
        outcome = warm_up(app)
        limit_native_threads(1)  # again: the searcher may have loaded more native libraries
        print(f"lawkb serve: {outcome}", file=sys.stderr, flush=True)
        with encoder["lock"]:
            if not encoder["stopped"]:
                encoder["child"] = start_encoder(corpus)

    threading.Thread(target=warm, name="lawkb-warm-up", daemon=True).start()
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host == "::" else host)
    print(f"LawKB is serving on http://{shown}:{port}/  (waitress, {threads} threads; Ctrl-C stops)", flush=True)
    try:
        server.run()
    finally:
        server.close()
        with encoder["lock"]:
            encoder["stopped"] = True
            child = encoder["child"]
        if child is not None and child.poll() is None:
            child.terminate()  # a batch in progress is lost, the saved ones stay: the next start resumes
    return 0


def start_encoder(corpus: Corpus):
    """The background encoder of the neural vectors (LAWKB_ENCODE_BACKGROUND), with a line on stderr."""
    try:
        child = start_background(corpus)
    except (LawKBError, OSError) as exc:
        print(f"lawkb serve: warning: the background encoder did not start ({exc}); "
              "run `lawkb index --encode` for neural search", file=sys.stderr, flush=True)
        return None
    if child is not None:
        print(f"lawkb serve: background encoder started (pid {child.pid}, low priority): it computes the missing "
              "neural vectors, now and after imports; `lawkb index --status` shows progress", file=sys.stderr, flush=True)
    return child
