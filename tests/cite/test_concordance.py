"""Old→new concordance: change notes, cache, and 20 hand-checked 环境保护法 articles."""

import json

import pytest

from kb.cite import concordance
from kb.cite.counterpart import band_hint
from kb.cite.changes import describe_changes
from kb.errors import NotFoundError

# 环境保护法 article -> Code articles judged correct by reading both texts (2026-11-26). Where the
# old article was split over several Code articles, each of them counts as correct.
HAND_CHECKED = {
    1: {1}, 4: {5}, 6: {9, 10}, 8: {128}, 10: {17}, 14: {26}, 19: {83}, 22: {127}, 24: {51}, 29: {60},
    33: {46}, 41: {162}, 42: {152, 164}, 45: {174, 175}, 55: {185}, 59: {1060}, 60: {1107}, 61: {1095},
    63: {1108, 1102}, 65: {1067},
}
MEASURED_PRECISION = 0.95   # 19/20 (第十条 → 第一百九十一条 instead of 第十七条)


def test_change_notes():
    assert describe_changes("处十万元以上一百万元以下的罚款", "处十万元以上二百万元以下的罚款") == ["罚款上限由一百万元提高到二百万元"]
    assert "责令改正→责令限期改正" in describe_changes("由环境保护主管部门责令改正，处罚款", "由生态环境主管部门责令限期改正，处罚款")
    assert "主体：环境保护主管部门→生态环境主管部门" in describe_changes("由环境保护主管部门责令改正", "由生态环境主管部门责令改正")
    assert describe_changes("在三十日内提出", "在六十日内提出") == ["期限由三十日改为六十日"]
    assert describe_changes("同一文字。", "同一文字。") == []


def test_small_corpus_alignment_and_cache(cite_corpus):
    laws = concordance.load(cite_corpus, rebuild=True)
    assert sorted(law.old_title[7:] for law in laws) == ["大气污染防治法", "水污染防治法", "环境保护法"]
    law = concordance.for_law(cite_corpus, "环保法")
    assert law.pair_for(59).new_article == 1060
    cache = json.loads((cite_corpus.dir / concordance.CACHE_NAME).read_text(encoding="utf-8"))
    assert cache["corpus_hash"] == cite_corpus.store.corpus_hash()
    cite_corpus.refresh()  # drop the in-memory concordances: the next load reads the cache file
    assert concordance.for_law(cite_corpus, "大气法").pair_for(99).new_article in (1102, 1107)
    with pytest.raises(NotFoundError, match="not a statute replaced"):
        concordance.for_law(cite_corpus, "行政处罚法")


def test_cache_is_rebuilt_when_the_corpus_changes(tmp_path):
    from tests.cite.drafts import cite_laws
    from tests.corpus_builders import build_corpus, make_document

    corpus = build_corpus(tmp_path / "c", cite_laws())
    first = concordance.load(corpus)
    corpus.store.add_document(*make_document("中华人民共和国新法", ["新法的规定。"]))
    corpus.refresh()
    second = concordance.load(corpus)
    cache = json.loads((corpus.dir / concordance.CACHE_NAME).read_text(encoding="utf-8"))
    assert cache["corpus_hash"] == corpus.store.corpus_hash() and len(first) == len(second)


@pytest.mark.slow
def test_replaced_statutes_come_from_repeal_facts(national_corpus):
    titles = {old.title[7:] for old, code in concordance.replaced_statutes(national_corpus.store)}
    assert titles == {"环境保护法", "环境影响评价法", "海洋环境保护法", "大气污染防治法", "水污染防治法", "土壤污染防治法",
                      "固体废物污染环境防治法", "噪声污染防治法", "放射性污染防治法", "清洁生产促进法"}


@pytest.mark.slow
def test_hand_checked_environmental_protection_law(national_corpus):
    law = concordance.for_law(national_corpus, "环境保护法")
    assert len(law.pairs) == 70
    correct = [old for old, good in HAND_CHECKED.items() if law.pair_for(old).new_article in good]
    assert len(correct) / len(HAND_CHECKED) >= MEASURED_PRECISION
    pair = law.pair_for(59)
    assert (pair.new_label, pair.band) == ("第一千零六十条", "high")


@pytest.mark.slow
def test_every_old_article_has_a_row(national_corpus):
    for law in concordance.load(national_corpus):
        articles = national_corpus.store.clauses(law.old_document_id, kinds=("article",))
        assert [p.old_label for p in law.pairs] == [c.article_label for c in articles]


def test_notes_compare_matching_provisions_only():
    """The issue's case: the 二万元 floor of 第一千一百零七条 is for 工业噪声 only, in a sentence the old
    article has no counterpart for, so nothing is said about the fine."""
    old = ("违反本法规定，有下列行为之一的，由县级以上人民政府生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上"
           "一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭：\n（一）未依法取得排污许可证排放大气污染物的；\n"
           "（二）超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的；\n（三）通过逃避监管的方式排放大气污染物的。")
    new = ("违反本法规定，超过污染物排放标准或者超过重点污染物排放总量控制指标排放污染物的，由生态环境主管部门责令改正，处十万元以上"
           "一百万元以下的罚款，可以责令限制生产、停产整治；情节严重的，报经有批准权的人民政府批准，责令停业、关闭。其中，污染物为工业"
           "噪声的，罚款数额为二万元以上二十万元以下。")
    assert describe_changes(old, new) == ["文字修改（相似度44%）"]
    # a 项 carries no sanction of its own: no "增加罚款数额" for it
    assert describe_changes("（二）超过排放标准排放大气污染物的；", "违反本法规定，超过排放标准排放污染物的，处十万元以上一百万元以下的罚款。") \
        == ["文字修改（相似度44%）"]
    assert describe_changes("责令其停止违法行为，处罚款", "责令停止违法行为，处罚款") == ["文字修改（相似度96%）"]
    assert describe_changes("生态风险。", "生态环境风险。")[0].startswith("文字修改")   # never "文字未变"


@pytest.mark.slow
def test_band_precision_is_what_the_hints_say(national_corpus):
    from tests.cite.concordance_checked import MAPPED

    counts = {band: [0, 0] for band in concordance.BAND_PRECISION}
    for law, article, right in MAPPED:
        pair = concordance.for_law(national_corpus, law).pair_for(article)
        counts[pair.band][0] += right
        counts[pair.band][1] += 1
    assert {band: tuple(c) for band, c in counts.items()} == concordance.BAND_PRECISION
    assert "人工核对的此类对应中15/18正确" in band_hint("medium")


@pytest.mark.slow
def test_hand_checked_notes_and_parts(national_corpus):
    from tests.cite.concordance_checked import MAPPED, PARTS, RULE_NOTES

    notes = {}
    for law, article, _right in MAPPED:
        changes = concordance.for_law(national_corpus, law).pair_for(article).changes
        if changes and not changes[0].startswith("文字"):
            notes[(law, article)] = changes
    assert notes == RULE_NOTES
    right = 0
    for law, article, part, ok in PARTS:
        pair = concordance.for_law(national_corpus, law).pair_for(article)
        assert dict(pair.parts)[part] != pair.new_label
        right += ok
    assert (right, len(PARTS)) == concordance.PART_PRECISION


@pytest.mark.slow
def test_split_article_and_its_items(national_corpus):
    from kb.cite.check import check_text

    law = concordance.for_law(national_corpus, "大气污染防治法")
    pair = law.pair_for(99)
    assert pair.new_label == "第一千一百零七条" and pair.split
    assert pair.parts == [["第（一）项", "第一千一百零二条"], ["第（二）项", "第一千一百零七条"], ["第（三）项", "第一千一百零八条"]]
    report = check_text(national_corpus, "依据大气法第九十九条、第九十九条第（三）项。", "2026-10-01").to_record()
    whole, item = report["citations"]
    assert whole["suggestion"]["article_label"] == "第一千一百零七条" and "该条已分拆" in whole["message"]
    assert "罚款下限" not in whole["message"] and "置信度" not in whole["message"]
    assert item["suggestion"]["article_label"] == "第一千一百零八条" and "按所引第（三）项比对" in item["message"]
