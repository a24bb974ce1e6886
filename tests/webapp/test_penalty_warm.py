"""Issue 17ww: the web app loads the penalty table in the background at startup and for every new
generation (WARM_PENALTY), so /penalty/ finds it ready; a request meanwhile waits for that one build."""

from __future__ import annotations

import threading
import time

import pytest

import kb.penalty.table as table_module
from kb.penalty.table import CACHE_NAME
from kb.store import ClauseStore
from tests.corpus_builders import SMALL_LAWS, build_corpus, make_document
from webapp import create_app
from webapp.state import warm_up

FINED_LAW = """# 某市扬尘污染防治条例

2025年10月1日某市人民代表大会常务委员会公布

<!-- INFO END -->

第一条 施工单位应当采取覆盖、洒水等扬尘污染防治措施。

第二条 违反本条例规定，施工单位未采取扬尘污染防治措施的，由住房城乡建设主管部门责令改正，处一万元以上十万元以下的罚款。
"""

WATER_LAW = make_document("中华人民共和国水测试法", [
    "第一章 总则|排污单位应当按照规定设置排污口。",
    "第五章 法律责任|违反本法规定，排污单位未按照规定设置排污口的，由生态环境主管部门责令改正，处二万元以上二十万元以下的罚款。",
])


@pytest.fixture
def builds(monkeypatch):
    """Every build of the table, each a little slow (so a request can come while it runs)."""
    calls = []
    real = table_module.build

    def slow(store, day=None, options=None):
        calls.append(threading.current_thread().name)
        time.sleep(0.3)
        return real(store, day, options)

    monkeypatch.setattr(table_module, "build", slow)
    return calls


def make_app(corpus_dir, tmp_path, **config):
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus_dir), "SECRET_KEY": "k", "REBUILD_INDEXES": False,
                       "RELOAD_CHECK_SECONDS": 0, **config}, instance_path=str(tmp_path / "instance"))


def table_of(app):
    generation = app.extensions["lawkb"].live.current
    return generation and generation.corpus._caches.get("penalty_table")


def wait_for(predicate, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_startup_and_each_new_generation_load_the_table(tmp_path, builds):
    corpus = build_corpus(tmp_path / "corpus")
    app = make_app(corpus.dir, tmp_path, WARM_PENALTY=True)
    warm_up(app)                                                 # `lawkb serve`'s start: opens the first generation
    assert wait_for(lambda: table_of(app) is not None)           # no request yet
    assert builds == ["lawkb-penalty-warm"] and (corpus.dir / CACHE_NAME).exists()
    client = app.test_client()
    assert client.get("/api/penalty/table").status_code == 200
    assert builds == ["lawkb-penalty-warm"]                      # the request found it ready
    first = table_of(app)

    path = tmp_path / "某市扬尘污染防治条例.md"
    path.write_text(FINED_LAW, encoding="utf-8")
    from ingest.pipeline import ingest_paths

    store = ClauseStore(corpus.dir / "store.sqlite")           # `lawkb ingest --no-index` beside the server
    ingest_paths(store, [path])
    store.close()
    client.get("/laws/")                                         # notices the change; switches in the background
    assert wait_for(lambda: table_of(app) not in (None, first))
    assert builds == ["lawkb-penalty-warm"] * 2
    laws = {row["law"] for row in client.get("/api/penalty/table").get_json()["rows"]}
    assert "某市扬尘污染防治条例" in laws and len(builds) == 2


def test_a_request_during_the_warm_up_waits_for_its_build(tmp_path, builds):
    corpus = build_corpus(tmp_path / "corpus", [*SMALL_LAWS, WATER_LAW])
    app = make_app(corpus.dir, tmp_path, WARM_PENALTY=True)
    warm_up(app)
    assert wait_for(lambda: builds)                              # the warm-up is building
    response = app.test_client().get("/api/penalty/table")
    assert response.status_code == 200 and response.get_json()["total"] > 0
    assert builds == ["lawkb-penalty-warm"]


def test_off_no_table_before_it_is_asked_for(tmp_path, builds):
    corpus = build_corpus(tmp_path / "corpus")
    app = make_app(corpus.dir, tmp_path)                         # tests/conftest.py: LAWKB_WARM_PENALTY=0
    assert app.config["WARM_PENALTY"] is False
    warm_up(app)
    assert app.test_client().get("/laws/").status_code == 200
    time.sleep(0.3)
    assert builds == [] and not (corpus.dir / CACHE_NAME).exists()
    assert app.test_client().get("/api/penalty/table").status_code == 200
    assert len(builds) == 1
