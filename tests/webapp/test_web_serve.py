"""`lawkb serve`: refuses without a store, prints the URL, then serves with waitress."""

from __future__ import annotations

from lawkb import main as lawkb
from tests.corpus_builders import build_corpus


def test_serve_without_a_store_says_to_ingest(tmp_path, capsys):
    assert lawkb(["--home", str(tmp_path), "serve"]) == 3
    assert "run `lawkb ingest`" in capsys.readouterr().err


def test_serve_prints_the_url_and_runs_waitress(tmp_path, monkeypatch, capsys):
    build_corpus(tmp_path / "corpora" / "default")
    calls = {}

    class FakeServer:
        def run(self):
            calls["printed_before"] = capsys.readouterr().out

        def close(self):
            calls["closed"] = True

    def fake_create_server(app, **kwargs):
        calls.update(kwargs, app=app)
        return FakeServer()

    monkeypatch.setattr("waitress.create_server", fake_create_server)
    monkeypatch.setattr("webapp.state.limit_native_threads", lambda threads=1: calls.setdefault("native", threads))
    monkeypatch.setenv("LAWKB_THREADS", "5")
    assert lawkb(["--home", str(tmp_path), "serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert "http://127.0.0.1:8123/" in calls["printed_before"]
    assert calls["host"] == "0.0.0.0" and calls["port"] == 8123 and calls["threads"] == 5
    assert calls["native"] == 1 and calls["closed"]  # one BLAS thread per request thread
    client = calls["app"].test_client()
    assert client.get("/laws/").status_code == 200


def test_warm_up_loads_the_searcher_and_reports(app, searchers):
    from webapp.state import warm_up

    assert warm_up(app) == "search index loaded"
    assert searchers["hybrid"].calls


def test_serve_on_a_port_in_use_is_one_line_error_without_serving_on(tmp_path, capsys):
    """issue 12: it printed "serving on …", then a traceback."""
    import socket

    build_corpus(tmp_path / "corpora" / "default")
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    try:
        code = lawkb(["--home", str(tmp_path), "serve", "--port", str(port)])
    finally:
        holder.close()
    out, err = capsys.readouterr()
    assert code == 2 and "serving on" not in out
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (f"lawkb: error: cannot listen on 127.0.0.1:{port}: the address is already in use "
                           "(another program, maybe another `lawkb serve`, has the port); stop it or choose another --port")
