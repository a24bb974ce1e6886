"""Old→new concordance: change notes, cache, and 20 hand-checked 环境保护法 articles."""

import json

import pytest

from kb.cite import concordance
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
