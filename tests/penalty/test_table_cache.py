"""Issue 17ww: the penalty table is stamped with the versions in force, not the day: a new day reuses
it unless a law takes effect or is repealed; one build at a time per corpus folder."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, timedelta

import pytest

import kb.penalty.table as table_module
from kb.corpus import Corpus
from kb.penalty.table import CACHE_NAME, in_force_key, load
from tests.corpus_builders import build_corpus, make_document

TODAY = date.today()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()

WETLAND = ["第一章 总则|湿地保护单位应当建立湿地保护制度。",
           "第五章 法律责任|违反本法规定，未建立湿地保护制度的，由林业主管部门责令改正，处一万元以上五万元以下的罚款。"]
IN_FORCE = make_document("中华人民共和国湿地测试法", WETLAND, effective_date="2020-01-01", promulgation_date="2019-06-01", version_date="2019-06-01")
NOT_YET = make_document("中华人民共和国草原测试法", [
    "第一章 总则|禁止在草原上非法开垦。",
    "第五章 法律责任|违反本法规定，非法开垦草原的，由草原主管部门责令停止违法行为，处二万元以上十万元以下的罚款。",
], effective_date=TOMORROW, promulgation_date="2026-01-01", version_date="2026-01-01")


@pytest.fixture
def corpus(tmp_path):
    return build_corpus(tmp_path / "corpus", [IN_FORCE, NOT_YET])


@pytest.fixture
def builds(monkeypatch):
    """Every call of the table's build (the minute of CPU over the national laws), with its day."""
    calls = []
    real = table_module.build

    def counting(store, day=None, options=None):
        calls.append(day)
        return real(store, day, options)

    monkeypatch.setattr(table_module, "build", counting)
    return calls


def test_a_law_taking_effect_tomorrow_changes_tomorrows_table(corpus, builds):
    today = load(corpus)
    tomorrow = load(corpus, day=TOMORROW)
    assert {row["law"] for row in today.rows} == {"中华人民共和国湿地测试法"}
    assert {row["law"] for row in tomorrow.rows} == {"中华人民共和国湿地测试法", "中华人民共和国草原测试法"}
    assert today.in_force != tomorrow.in_force
    assert len(builds) == 2
    assert json.loads((corpus.dir / CACHE_NAME).read_text(encoding="utf-8"))["in_force"] == tomorrow.in_force


def test_days_with_the_same_laws_in_force_share_one_build(corpus, builds):
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    first = load(corpus, day=yesterday)
    second = load(corpus)                                    # another day, the same versions in force
    assert second is first and builds == [yesterday]
    again = load(Corpus(corpus.dir))                         # a restart the next day: the file, no build
    assert again.rows == first.rows and builds == [yesterday]
    assert in_force_key(corpus.store, yesterday) == in_force_key(corpus.store) != in_force_key(corpus.store, TOMORROW)


def test_a_repeal_changes_the_in_force_key(tmp_path):
    repealed = make_document("中华人民共和国湿地测试法", WETLAND, effective_date="2020-01-01", repeal_date=TOMORROW,
                             promulgation_date="2019-06-01", version_date="2019-06-01")
    corpus = build_corpus(tmp_path / "corpus", [repealed])
    assert load(corpus).rows
    assert load(corpus, day=TOMORROW).rows == []


def test_two_loads_at_once_wait_for_one_build(corpus, monkeypatch):
    calls = []
    real = table_module.build

    def slow(store, day=None, options=None):
        calls.append(day)
        time.sleep(0.5)
        return real(store, day, options)

    monkeypatch.setattr(table_module, "build", slow)
    tables = []
    # two Corpus objects over one folder (two generations of a server): one build, the other reads its file
    threads = [threading.Thread(target=lambda c=c: tables.append(load(c))) for c in (corpus, Corpus(corpus.dir))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(calls) == 1
    assert len(tables) == 2 and tables[0].rows == tables[1].rows
