"""编/分编/章/节 headings: never stored as article text, carried with their titles in every path.

laws.db glues the heading lines of the next 编/分编 to the end of the article before them; the
other formats may glue a heading to an article's last line. Both become the path of the
articles that follow.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from ingest.lawsdb import parse_documents, split_headings, version_effective_date
from ingest.structure import Line, heading_of, parse_lines
from kb.clause import path_matches
from kb.search import SearchFilters

CODE = "中华人民共和国生态环境法典"
CIVIL = "中华人民共和国民法典"


def _laws_db(path, articles, law=("l1", "中华人民共和国某某法典", "2020-05-28", "2021-01-01", "2020-05-28")):
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE laws (law_id TEXT PRIMARY KEY, law_name TEXT NOT NULL, doc_type TEXT, level TEXT,
            issuing_body TEXT, publish_date TEXT, effective_date TEXT, version_date TEXT, status TEXT,
            law_department TEXT);
        CREATE TABLE articles (id INTEGER PRIMARY KEY, law_id TEXT NOT NULL, law_name TEXT NOT NULL,
            law_department TEXT, level TEXT, status TEXT, chapter TEXT, section TEXT, article_no TEXT,
            article_no_arabic INTEGER, article_text TEXT, char_count INTEGER);""")
    law_id, name, published, effective, version = law
    conn.execute("INSERT INTO laws VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (law_id, name, "法律", "法律", "全国人民代表大会", published, effective, version, "现行有效", "民法"))
    for number, (label, chapter, section, text) in enumerate(articles, 1):
        conn.execute("INSERT INTO articles (law_id, law_name, chapter, section, article_no, article_no_arabic, "
                     "article_text) VALUES (?,?,?,?,?,?,?)", (law_id, name, chapter, section, label, number, text))
    conn.commit()
    conn.close()
    return path


def test_split_headings_takes_glued_lines_off_both_ends():
    before, text, after = split_headings("第一款。\n提起诉讼的不得牟取利益。\n第二编 污染防治\n第一分编 通则")
    assert (before, text) == ([], "第一款。\n提起诉讼的不得牟取利益。")
    assert after == [(0, "第二编 污染防治"), (1, "第一分编 通则")]
    assert split_headings("依照本法第二章的规定。") == ([], "依照本法第二章的规定。", [])


def test_laws_db_glued_headings_become_the_path_of_the_following_articles(tmp_path):
    db = _laws_db(tmp_path / "laws.db", [
        ("第一条", "第一章 基本规定", None, "总则的规定。"),
        ("第二条", "第二章 期间", None, "最后一条。\n本条第二款。\n第二编 物 权\n第一分编 通 则"),
        ("第三条", "第一章 一般规定", None, "物权的规定。"),
        ("第四条", "第二章 所有权", None, "所有权的规定。\n第二分编 用益物权"),
        ("第五条", "第三章 一般规定", "第一节 通则", "用益物权的规定。\n第三编 合同"),
        ("第六条", "第一章 一般规定", None, "合同的规定。\n附 则"),
        ("第七条", "第一章 一般规定", None, "本法自公布之日起施行。"),
    ])
    counts = Counter()
    [(document, clauses)] = list(parse_documents(db, counts))
    assert [c.text for c in clauses] == ["总则的规定。", "最后一条。\n本条第二款。", "物权的规定。", "所有权的规定。",
                                         "用益物权的规定。", "合同的规定。", "本法自公布之日起施行。"]
    assert [c.path for c in clauses] == [
        ("第一编 总则", "第一章 基本规定"), ("第一编 总则", "第二章 期间"),
        ("第二编 物权", "第一分编 通则", "第一章 一般规定"), ("第二编 物权", "第一分编 通则", "第二章 所有权"),
        ("第二编 物权", "第二分编 用益物权", "第三章 一般规定", "第一节 通则"),
        ("第三编 合同", "第一章 一般规定"), ("附则",)]          # 附则 stands outside the last 编
    assert counts["glued_headings_moved"] == 5
    assert len(clauses[1].paragraphs()) == 2


def test_laws_db_without_glued_headings_keeps_the_restart_rule(tmp_path):
    db = _laws_db(tmp_path / "laws.db", [
        ("第一条", "第一章 总则", None, "甲。"), ("第二条", "第二章 分则", None, "乙。"),
        ("第三条", "第一章 一般规定", None, "丙。")])
    [(_doc, clauses)] = list(parse_documents(db))
    assert [c.path[0] for c in clauses] == ["第一编", "第一编", "第二编"]


def test_version_dates():
    # an amended version: laws.db gives the original law's date (before the version was made)
    assert version_effective_date("2016-01-01", "2018-10-26", "2018-10-26") == ("2018-10-26", "2016-01-01")
    assert version_effective_date("2021-11-01", "2021-08-20", "2021-08-20") == ("2021-11-01", None)
    assert version_effective_date(None, "2021-08-20", "2021-08-20") == (None, None)


def test_other_formats_heading_glued_to_an_article_line(tmp_path):
    lines = [Line(t) for t in (
        "某某市条例", "第一章 总则", "第一条 为了保护环境，制定本条例。",
        "第二条 本条例适用于本市。第二章 监督管理 第一节 一般规定",
        "第三条 市生态环境主管部门统一监督管理。", "依照本条例第二章规定执行。",
        "第四条 依照规定。")]
    clauses = parse_lines(lines, tmp_path / "x.txt")
    articles = [c for c in clauses if c.kind == "article"]
    assert [c.text for c in articles][:2] == ["为了保护环境，制定本条例。", "本条例适用于本市。"]
    assert articles[2].path == ("第二章 监督管理", "第一节 一般规定")
    assert articles[2].text == "市生态环境主管部门统一监督管理。\n依照本条例第二章规定执行。"


def test_heading_line_marked_as_a_continuation_is_still_a_heading(tmp_path):
    lines = [Line("某某市条例"), Line("第一条 为了保护环境，制定本条例。", 1, True),
             Line("第二章 监督管理", 1, False), Line("第二条 统一监督管理。", 1, True)]
    articles = [c for c in parse_lines(lines, tmp_path / "x.pdf") if c.kind == "article"]
    assert articles[0].text == "为了保护环境，制定本条例。" and articles[1].path == ("第二章 监督管理",)


def test_chapter_scope_names():
    civil = ("第七编 侵权责任", "第七章 环境污染和生态破坏责任")
    code = ("第二编 污染防治", "第二分编 大气污染防治", "第三章 一般规定")
    assert path_matches(civil, "侵权责任编") and path_matches(civil, "第七编") and path_matches(civil, "第七章")
    assert path_matches(code, "大气污染防治") and path_matches(code, "污染防治编") and path_matches(code, "大气污染防治分编")
    assert path_matches(("第三编 合同", "第一分编 通则"), "合同编通则")
    assert not path_matches(civil, "物权编") and not path_matches(civil, "")


@pytest.mark.slow
def test_no_stored_clause_text_holds_a_heading_line(national_corpus):
    found = []
    for clause in national_corpus.store.iter_clauses(("article", "appendix")):
        for line in clause.text.split("\n"):
            if heading_of(line):
                found.append(f"{clause.law} {clause.article_label}: {line}")
    assert found == []


@pytest.mark.slow
@pytest.mark.parametrize("title, number, paragraphs, path", [
    (CODE, 147, 4, ("第一编 总则", "第九章 信息公开与公众参与")),
    (CODE, 148, None, ("第二编 污染防治", "第一分编 通则", "第一章 一般规定")),
    (CODE, 187, None, ("第二编 污染防治", "第二分编 大气污染防治", "第三章 一般规定")),
    (CIVIL, 204, 1, ("第一编 总则", "第十章 期间计算")),
    (CIVIL, 1165, None, ("第七编 侵权责任", "第一章 一般规定")),
    ("中华人民共和国刑法", 102, None, ("第二编 分则", "第一章 危害国家安全罪")),
])
def test_national_paths_carry_titled_parts(national_corpus, title, number, paragraphs, path):
    store = national_corpus.store
    clause = store.article(store.current_version(title).id, number)
    assert clause.path == path
    if paragraphs is not None:
        assert len(clause.paragraphs()) == paragraphs


@pytest.mark.slow
def test_search_and_quiz_scopes_named_by_part(national_corpus):
    from kb.quiz.scope import Scope, resolve
    from kb.search.searchers import get_searcher

    searcher = get_searcher(national_corpus, "lexical")
    hits = searcher.search("污染环境 侵权责任", top_k=10, filters=SearchFilters(chapter="侵权责任编"))
    assert hits and all(h.clause.path[0] == "第七编 侵权责任" for h in hits)
    hits = searcher.search("排放标准", top_k=10, filters=SearchFilters(chapter="大气污染防治", laws=(CODE,)))
    assert hits and all(any("大气污染防治" in h for h in hit.clause.path) for hit in hits)
    assert any(hit.clause.path[1] == "第二分编 大气污染防治" for hit in hits)     # not only 违反大气污染防治规定 (第五编)
    scope = resolve(national_corpus, Scope(laws=("民法典",), chapter="侵权责任编"))
    assert len(scope.clauses) == 95 and {c.article for c in scope.clauses} == set(range(1164, 1259))
    store = national_corpus.store
    assert store.article(store.current_version(CIVIL).id, 1260).path == ("附则",)


@pytest.fixture(scope="module")
def national_client(national_corpus, tmp_path_factory):
    from webapp import create_app

    tmp = tmp_path_factory.mktemp("web")
    app = create_app({"TESTING": True, "CORPUS_DIR": str(national_corpus.dir), "SECRET_KEY": "test",
                      "CSRF_DISABLED": True, "REBUILD_INDEXES": False, "HOME": str(tmp / "home")},
                     instance_path=str(tmp / "instance"))
    return app.test_client()


@pytest.mark.slow
def test_code_toc_shows_titled_parts_and_subparts(national_corpus, national_client):
    doc = national_corpus.store.current_version(CODE)
    page = national_client.get(f"/laws/{doc.id}").get_data(as_text=True)
    toc = page[page.index("第一编 总则"):]
    for heading in ("第二编 污染防治", "第二分编 大气污染防治", "第三章 一般规定", "第三分编 水污染防治", "第五编 法律责任和附则"):
        assert heading in toc
    assert toc.index("第二分编 大气污染防治") < toc.index("第三章 一般规定") < toc.index("第三分编 水污染防治")


@pytest.mark.slow
@pytest.mark.parametrize("title, own, law_since", [
    ("中华人民共和国大气污染防治法", "2018-10-26", "2016-01-01"),
    ("中华人民共和国安全生产法", "2021-06-10", "2002-11-01"),
])
def test_each_version_shows_its_own_effective_date(national_corpus, national_client, title, own, law_since):
    [doc] = national_corpus.store.versions(title)
    assert (doc.effective_date, doc.law_effective_date) == (own, law_since)
    page = national_client.get(f"/laws/{doc.id}").get_data(as_text=True)
    assert f"{own} 施行" in page and f"{law_since} 施行" not in page and f"本法 {law_since} 起施行" in page
    assert national_corpus.store.status_on(doc, "2017-06-01") == "现行有效"   # the law was in force then
