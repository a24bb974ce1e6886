"""Importing a collection laid out like LawRefBook/Laws: what is not a law is skipped with the reason,
level/部门/region come from the folders, parts merge, conflicting texts are kept, nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import markdown
from ingest.errors import NotALawError, NoTextError
from ingest.layout import folder_facts
from ingest.pipeline import IngestOptions, ingest_paths
from ingest.structure import RESTART_LABEL, WHOLE_TEXT_LABEL
from kb.store import ClauseStore


def law(title: str, articles: list[str], subtitle: str | None = None, date: str = "2020年5月28日") -> str:
    head = f"# {title}\n\n" + (f"# {subtitle}\n\n" if subtitle else "")
    body = "\n\n".join(f"第{n}条 {text}" for n, text in articles)
    return f"{head}{date} 某某会议通过\n\n<!-- INFO END -->\n\n{body}\n"


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def collection(tmp_path) -> Path:
    root = tmp_path / "Laws"
    write(root, "_index.md", "---\nbookCollapseSection: true\n---\n")
    write(root, "法律法规模版.md", "---\nbookHidden: true\n---\n\n# 某条法律的标题\n\n第一条 xxxxx\n")
    write(root, "民法典/_index.md", "---\nbookCollapseSection: true\n---\n")
    write(root, "民法典/物权编.md", law("中华人民共和国某某典", [("三", "丙。"), ("四", "丁。")], "物权编"))
    write(root, "民法典/总则.md", law("中华人民共和国某某典", [("一", "甲。"), ("二", "乙。")], "总则"))
    write(root, "行政法规/医疗废物管理条例(2011-01-08).md",
          law("医疗废物管理条例", [("一", "为了加强医疗废物的安全管理，制定本条例。"), ("二", "本条例自公布之日起施行。")],
              date="2011年1月8日 国务院令第588号公布"))
    write(root, "部门规章/生态环境部/环境行政处罚办法(2023-05-08).md",
          law("环境行政处罚办法", [("一", "为了规范生态环境行政处罚。"), ("二", "本办法自2023年7月1日起施行。")]))
    write(root, "DLC/广东地方法规/地方性法规/广东/广州市扬尘污染防治管理规定(2020-01-01).md",
          law("广州市扬尘污染防治管理规定", [("一", "为了防治扬尘污染。")]))
    write(root, "DLC/上海地方法规/地方性法规/上海/上海市环境保护条例(2022-07-21).md",
          law("上海市环境保护条例", [("一", "为了保护和改善环境。")]))
    write(root, "司法解释/最高人民法院关于某问题的批复(2001-01-01).md",
          "# 最高人民法院关于某问题的批复\n\n2001年1月1日 最高人民法院审判委员会通过\n\n<!-- INFO END -->\n\n"
          "某某高级人民法院：\n\n经研究，答复如下：当事人申请财产保全错误的，应当承担赔偿责任。\n")
    write(root, "其他/劳动仲裁的攻略.md", "# 劳动仲裁的攻略\n\n<!-- INFO END -->\n\n## 如何要求支付加班费？\n\n应具备如下条件。\n")
    write(root, "DLC/重庆地方法规/地方性法规/重庆/重庆市某某办法(2016-09-29).md",
          "# 重庆市某某办法\n\n2016年9月29日 重庆市人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n")
    write(root, "其他/空文件.md", "")
    return root


def test_a_collection_imports_with_skips_levels_regions_and_merged_parts(tmp_path, collection):
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, [collection])
    outcomes = {Path(f.path).relative_to(collection).as_posix(): (f.outcome, f.reason) for f in report.files}
    assert outcomes == {
        "_index.md": ("skipped", "not a law"),
        "法律法规模版.md": ("skipped", "not a law"),
        "民法典/_index.md": ("skipped", "not a law"),
        "民法典/总则.md": ("added", None),
        "民法典/物权编.md": ("merged", None),
        "行政法规/医疗废物管理条例(2011-01-08).md": ("added", None),
        "部门规章/生态环境部/环境行政处罚办法(2023-05-08).md": ("added", None),
        "DLC/广东地方法规/地方性法规/广东/广州市扬尘污染防治管理规定(2020-01-01).md": ("added", None),
        "DLC/上海地方法规/地方性法规/上海/上海市环境保护条例(2022-07-21).md": ("added", None),
        "司法解释/最高人民法院关于某问题的批复(2001-01-01).md": ("added", None),
        "其他/劳动仲裁的攻略.md": ("skipped", "not a law"),
        "DLC/重庆地方法规/地方性法规/重庆/重庆市某某办法(2016-09-29).md": ("skipped", "no text"),
        "其他/空文件.md": ("failed", "empty"),
    }
    summary = report.summary()
    assert "1 failed (1 empty), 5 skipped (4 not a law, 1 no text)" in summary
    skipped = {Path(f.path).name: f.error for f in report.skipped}
    assert "Hugo section page" in skipped["_index.md"] and "front matter" in skipped["法律法规模版.md"]
    assert "names no law" in skipped["劳动仲裁的攻略.md"] and "no text" in skipped["重庆市某某办法(2016-09-29).md"]
    docs = {d.title: d for d in store.documents()}
    assert [(c.article, c.path) for c in store.clauses(docs["中华人民共和国某某典"].id)] == [
        (1, ("总则",)), (2, ("总则",)), (3, ("物权编",)), (4, ("物权编",))]
    facts = {t: (d.level, d.issuing_body, d.region) for t, d in docs.items()}
    assert facts["医疗废物管理条例"] == ("行政法规", "国务院", None)
    assert facts["环境行政处罚办法"] == ("部门规章", "生态环境部", None)
    assert facts["广州市扬尘污染防治管理规定"][::2] == ("地方性法规", "广东省/广州市")
    assert facts["上海市环境保护条例"][::2] == ("地方性法规", "上海市")
    assert facts["最高人民法院关于某问题的批复"][0] == "司法解释"
    assert docs["中华人民共和国某某典"].department == "民法商法"
    [whole] = store.clauses(docs["最高人民法院关于某问题的批复"].id)
    assert (whole.label, whole.article_label) == (WHOLE_TEXT_LABEL, "全文") and "赔偿责任" in whole.text
    batch = next(f for f in report.files if f.path.endswith("批复(2001-01-01).md"))
    assert any("imported whole" in w for w in batch.warnings)
    # a second run: everything in is unchanged, nothing is added twice
    again = ingest_paths(store, [collection])
    assert {f.outcome for f in again.files} == {"unchanged", "skipped", "failed"}
    assert store.counts()["articles"] == 11  # 4 + 2 + 2 + 1 + 1 + 全文


def test_folder_facts():
    assert folder_facts(["Laws", "部门规章", "公安部"]).issuing_body == "公安部"
    assert folder_facts(["DLC", "浙江地方法规", "地方性法规", "浙江"]).province == "浙江省"
    assert folder_facts(["Laws", "宪法相关法"]).level == "法律"
    assert folder_facts(["Laws", "宪法"]).level == "宪法"
    assert folder_facts(["我的文件"]).level is None


def test_options_give_level_and_region(tmp_path):
    path = write(tmp_path, "in/吐鲁番市坎儿井保护条例(2020-01-01).md", law("吐鲁番市坎儿井保护条例", [("一", "甲。")]))
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    ingest_paths(store, [path], options=IngestOptions(level="地方性法规", region="新疆/吐鲁番市"))
    [doc] = store.documents()
    assert (doc.level, doc.region) == ("地方性法规", "新疆维吾尔自治区/吐鲁番市")


def test_numbering_that_restarts_is_kept_as_non_article_text(tmp_path):
    path = write(tmp_path, "某某办法(2020-01-01).md", law("某某办法", [
        ("一", "为了规范管理，制定本办法。"), ("二", "本办法自公布之日起施行。"),
        ("一", "附带的实施细则第一条。"), ("二", "附带的实施细则第二条。")]))
    clauses = list(markdown.parse(path))
    assert [(c.kind, c.article) for c in clauses] == [("article", 1), ("article", 2), ("appendix", None)]
    assert clauses[-1].label == RESTART_LABEL
    assert clauses[-1].text == "第一条附带的实施细则第一条。\n第二条附带的实施细则第二条。"
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    [result] = ingest_paths(store, [path]).files
    assert result.outcome == "added"
    assert any("numbering starts again at 第一条 after 第二条" in w and str(path) in w for w in result.warnings)


def test_two_files_claiming_one_version_with_other_text_are_both_kept(tmp_path):
    first = write(tmp_path, "a/某某条例(2020-01-01).md", law("某某条例", [("一", "甲。"), ("二", "乙。")]))
    second = write(tmp_path, "b/某某条例(2020-01-01).md", law("某某条例", [("一", "甲。"), ("二", "乙，另一说法。")]))
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, [first, second])
    assert [f.outcome for f in report.files] == ["added", "conflict"]
    assert "kept beside it" in report.files[1].details[0]
    [used] = store.versions("某某条例")
    assert used.source == str(first)
    [(kept, state, beside)] = store.kept_versions("某某条例")
    assert (kept.source, state, beside) == (str(second), "conflict", used.id)


def test_header_only_and_non_law_texts_raise_typed_errors(tmp_path):
    path = write(tmp_path, "某某条例.md", "# 某某条例\n\n2016年9月29日 通过\n\n<!-- INFO END -->\n")
    with pytest.raises(NoTextError, match=r"某某条例\.md: no articles found: the file has a title and dates but no text"):
        list(markdown.parse(path))
    path = write(tmp_path, "notes.md", "# 学习心得\n\n今天学习了环境保护法。\n")
    with pytest.raises(NotALawError, match="names no law"):
        list(markdown.parse(path))


def test_a_rerun_indexes_a_store_left_without_a_current_index(tmp_path):
    from ingest.service import ingest_and_index
    from kb.corpus import Corpus

    corpus = Corpus(tmp_path / "corpus")
    path = write(tmp_path, "in/某某条例(2020-01-01).md", law("某某条例", [("一", "甲。"), ("二", "乙。")]))
    first = ingest_and_index(corpus, [path], index=False)      # imported; the index never built
    assert first.report.files[0].outcome == "added" and not first.indexed
    again = ingest_and_index(corpus, [path])                    # nothing new, but no index for this store
    assert again.report.files[0].outcome == "unchanged" and again.indexed
    assert not ingest_and_index(corpus, [path]).indexed        # now current: nothing to do
