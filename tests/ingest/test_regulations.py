"""The 63 development regulations (../shared/data/regulations): all ingest, every article found."""

from __future__ import annotations

import re

from ingest import markdown
from ingest.normalize import broken_sentences
from ingest.pipeline import ingest_paths
from kb.store import ClauseStore

ARTICLE_PARAGRAPH = re.compile(r"^第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]")
POINT_PARAGRAPH = re.compile(r"^[一二三四五六七八九十]+、")


def expected_articles(text: str) -> int:
    """Paragraphs starting 第X条; for a document numbered 一、二、 instead, its top-level points."""
    paragraphs = [line.strip() for line in text.split("<!-- INFO END -->")[-1].splitlines() if line.strip()]
    articles = sum(1 for p in paragraphs if ARTICLE_PARAGRAPH.match(p))
    return articles or sum(1 for p in paragraphs if POINT_PARAGRAPH.match(p))


def test_every_regulation_ingests_with_every_article(shared_data, tmp_path):
    files = sorted((shared_data / "regulations").glob("*/*.md"))
    assert len(files) == 63
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, files)
    assert report.failed == []
    assert len(report.files) == 63
    by_source = {d.source: d for d in store.documents()}
    for path in files:
        document = by_source[str(path)]
        articles = store.clauses(document.id, kinds=("article",))
        assert len(articles) == expected_articles(path.read_text(encoding="utf-8")), path.name
        assert document.level == path.parent.name
        assert document.version_date == re.search(r"\((\d{4}-\d{2}-\d{2})\)$", path.stem).group(1)
        assert [c.article_label for c in articles if broken_sentences(c.text)] == [], path.name


def test_regulation_details(shared_data):
    folder = shared_data / "regulations"
    clauses = list(markdown.parse(folder / "行政法规" / "行政复议法实施条例(2007-05-29).md"))
    document = clauses[0].document
    assert document.title == "中华人民共和国行政复议法实施条例"
    assert (document.promulgation_date, document.effective_date, document.issuing_body) == ("2007-05-29", "2007-08-01", "国务院")
    by_label = {c.article_label: c for c in clauses}
    assert by_label["第十九条"].path == ("第二章 行政复议申请", "第四节 行政复议申请的提出")
    assert by_label["第十二条"].path == ("第二章 行政复议申请", "第二节 被申请人")  # "被 申 请 人" in the source
    clauses = list(markdown.parse(folder / "司法解释" / "最高人民法院关于审理破坏野生动物资源刑事案件具体应用法律若干问题的解释(2000-11-27).md"))
    assert clauses[0].kind == "preamble"
    assert clauses[-1].kind == "appendix" and clauses[-1].text.startswith("附：")
    assert [c.article for c in clauses if c.kind == "article"] == list(range(1, 13))
    clauses = list(markdown.parse(folder / "司法解释" / "最高人民法院、最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释(2023-08-08).md"))
    document = clauses[0].document
    assert (document.promulgation_date, document.effective_date) == ("2023-07-27", "2023-08-15")
    assert clauses[0].kind == "preamble" and "法释" not in clauses[0].text  # 法释〔2023〕7号 is a header line
