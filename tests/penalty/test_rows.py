"""法律责任 clauses cut into rows, obligation links and the cached table (kb.penalty.rows/links/table)."""

from dataclasses import replace

from kb.penalty.links import link_rows
from kb.penalty.rows import explicit_references, parse_clause, split_conduct
from kb.penalty.table import amount_findings, document_rows, load
from tests.penalty.conftest import CODE, TEST_LAW


def _clause(corpus, title, number):
    document = corpus.store.version_on(title)
    return corpus.store.article(document.id, number)


def test_code_1102_base_special_refusal(penalty_corpus):
    [row] = parse_clause(_clause(penalty_corpus, CODE, 1102))
    record = row.to_record()
    assert row.conduct == "未依法取得排污许可证排放污染物"
    assert (record["fine"]["min"], record["fine"]["max"]) == (200_000, 1_000_000)
    assert record["agencies"] == ["生态环境主管部门", "公安机关"]
    assert {"责令改正", "限制生产", "停产整治", "罚款"} <= set(record["measures"])
    conditional = {s["condition"]: s for s in record["sanctions"] if s["condition"]}
    noise = conditional["污染物为工业噪声的"]
    assert noise["kind"] == "special" and (noise["fines"][0]["min"], noise["fines"][0]["max"]) == (20_000, 200_000)
    assert conditional["情节严重的"]["kind"] == "aggravated"
    refusal = conditional["拒不停止排放污染物的"]
    assert refusal["detentions"][0]["min_days"] == 10 and "主管人员" in refusal["detentions"][0]["target"]
    assert conditional["拒不停止排放污染物的，情节较轻的"]["detentions"][0]["max_days"] == 10


def test_items_get_fines_from_the_next_paragraph(penalty_corpus):
    rows = parse_clause(_clause(penalty_corpus, CODE, 1136))
    assert [r.item for r in rows] == [1, 2, 3, 4, 5]
    fines = {r.item: (r.fine.yuan.min, r.fine.yuan.max) for r in rows}
    assert fines == {1: (100_000, 1_000_000), 2: (200_000, 2_000_000), 3: (20_000, 200_000),
                     4: (20_000, 200_000), 5: (100_000, 1_000_000)}
    assert rows[0].conduct == "向水体排放油类、酸液、碱液"


def test_conditional_ranges_without_a_base_fine(penalty_corpus):
    rows = parse_clause(_clause(penalty_corpus, CODE, 1095))
    first = rows[0]
    assert first.fine is None
    conditions = [s.condition for s in first.sanctions if s.fines]
    assert "报批、审核类型为生态环境影响报告书的" in conditions
    assert "报批、审核类型为生态环境影响报告书的，情节严重的" in conditions
    # the 款 "建设单位有前款规定情形…拒不执行的" adds detention to the first row
    assert any(s.detentions and "拒不执行" in s.condition for s in first.sanctions)
    assert rows[1].conduct.startswith("建设单位未依法将建设项目生态环境影响登记表") and rows[1].fine.yuan.max == 50_000


def test_two_conducts_in_one_article_and_persons(penalty_corpus):
    rows = parse_clause(_clause(penalty_corpus, CODE, 1104))
    assert [r.conduct for r in rows] == ["未按照排污许可证的规定运行和维护污染防治设施", "擅自拆除污染防治设施"]
    assert rows[0].fine.yuan.max == 50_000
    assert any(s.kind == "aggravated" and s.fines and s.fines[0].yuan.max == 200_000 for s in rows[0].sanctions)


def test_general_and_scope_articles_are_not_rows(penalty_corpus):
    for number in (1056, 1085, 1101, 174):
        assert parse_clause(_clause(penalty_corpus, CODE, number)) == []


def test_split_conduct():
    assert split_conduct("违反本法规定，未依法取得排污许可证排放污染物的，由生态环境主管部门责令改正") == \
        ("违反本法规定，未依法取得排污许可证排放污染物的", "由生态环境主管部门责令改正")
    assert split_conduct("与负责审批的部门存在利益关系的，或者未备案的，由主管部门处一万元罚款")[0].endswith("未备案的")
    assert split_conduct("国家鼓励清洁生产。") is None


def test_explicit_references():
    refs = explicit_references("违反本法第二十条、第二十二条、第二十三条第一款规定，有下列行为之一的")
    assert [(r.article, r.paragraph) for r in refs] == [(20, None), (22, None), (23, 1)]
    assert [r.article for r in explicit_references("违反本法第十条至第十二条规定")] == [10, 11, 12]


def test_links_explicit_and_matched(penalty_corpus):
    store = penalty_corpus.store
    rows = document_rows(store, store.version_on(TEST_LAW))
    by_conduct = {r.conduct: r for r in rows}
    mining = by_conduct["在湿地内开采砂石"]
    assert [(r.article, r.how) for r in mining.references] == [(2, "explicit")]
    inspection = by_conduct["拒绝、阻碍监督检查"]
    assert all(r.how == "matched" for r in inspection.references) or not inspection.references
    code_rows = document_rows(store, store.version_on(CODE))
    row_1102 = next(r for r in code_rows if r.clause.article == 1102)
    assert row_1102.references[0].article == 174 and row_1102.references[0].how == "matched"
    assert 0 < row_1102.references[0].score <= 1
    assert row_1102.scope == "第二编第一分编第二章"
    row_1108 = next(r for r in code_rows if r.clause.article == 1108)
    assert row_1108.references[0].article == 164
    assert row_1108.per_day == "第一千零六十条"           # 排放污染物 with a fine: the Code's 按日连续处罚 rule
    assert all(r.clause.article != 1060 for r in code_rows)  # the rule itself is not a row


def test_no_obligation_below_the_floor(penalty_corpus):
    store = penalty_corpus.store
    document = store.version_on(CODE)
    clauses = store.clauses(document.id, kinds=("article",))
    rows = [r for c in clauses for r in parse_clause(c)]
    link_rows(rows, clauses, min_score=1.01)
    assert all(not r.references for r in rows)


def test_table_cache_rebuilt_when_the_store_changes(fresh_penalty_corpus):
    corpus = fresh_penalty_corpus
    table = load(corpus)
    assert (corpus.dir / "penalty.json").exists()
    assert any(r["article"] == 1102 for r in table.rows)
    assert load(corpus) is table
    from tests.corpus_builders import make_document

    corpus.store.add_document(*make_document("中华人民共和国新法", ["第三章 法律责任|违反本法规定，擅自排放的，处一万元以下罚款。"]))
    corpus.refresh()
    again = load(corpus)
    assert again is not table and any(r["law"] == "中华人民共和国新法" for r in again.rows)


def test_doctor_lists_unparsed_and_unstated_amounts(tmp_path):
    from tests.corpus_builders import build_corpus, make_document

    corpus = build_corpus(tmp_path / "c", [make_document("中华人民共和国示例法", [
        "第五章 法律责任|违反本法规定，擅自占用的，由主管部门处价款一百元以上五十元以下的罚款。",
        "第五章 法律责任|违反本法规定，擅自排放的，由主管部门责令改正，处以罚款。",
        "第五章 法律责任|违反本法规定，擅自倾倒的，由主管部门处一万元以上十万元以下的罚款。"])])
    document = corpus.store.version_on("中华人民共和国示例法")
    findings = amount_findings(corpus.store.clauses(document.id, kinds=("article",)))
    kinds = [(f.kind, f.articles[0]) for f in findings]
    assert ("fine_unparsed", "第一条") in kinds and ("fine_amount_not_stated", "第二条") in kinds
    assert not any(article == "第三条" for _, article in kinds)
    assert "价款一百元以上五十元以下" in next(f.message for f in findings if f.kind == "fine_unparsed")


def test_a_paragraph_sanctioned_as_the_one_before_borrows_its_fines(tmp_path):
    """矿产资源法第六十四条: 超出登记区域开采的，依照前款规定处罚 — the fines of 第一款, marked as theirs."""
    from tests.corpus_builders import make_document

    _, [clause] = make_document("中华人民共和国示例矿产法", [
        "第六章 法律责任|违反本法规定，未取得采矿权开采矿产资源的，由自然资源主管部门责令停止违法行为，并处违法采出的矿产品市场价值"
        "三倍以上五倍以下罚款。\n超出采矿权登记的开采区域开采矿产资源的，依照前款规定处罚；拒不停止违法行为，情节严重的，"
        "原矿业权出让部门可以吊销其采矿许可证。"])
    first, second = parse_clause(replace(clause, id=1))
    borrowed = [s for s in second.sanctions if s.fines]
    assert second.conduct == "超出采矿权登记的开采区域开采矿产资源"
    assert borrowed and borrowed[0].source == "第一款" and borrowed[0].condition is None
    assert borrowed[0].fines[0].amounts[0].label == first.fine.amounts[0].label == "违法采出的矿产品市场价值三倍以上五倍以下"


def test_another_base_inside_a_condition_keeps_the_condition():
    """野生动物保护法第五十条: 情节严重的，并处A，没有猎获物…的，并处B — B applies only when 情节严重."""
    from tests.corpus_builders import make_document

    _, [clause] = make_document("中华人民共和国示例动物法", [
        "第五章 法律责任|违反本法规定，以食用为目的猎捕野生动物的，由主管部门没收猎获物；情节严重的，并处猎获物价值一倍以上五倍以下罚款，"
        "没有猎获物或者猎获物价值不足二千元的，并处二千元以上一万元以下罚款。"])
    [row] = parse_clause(replace(clause, id=1))
    conditions = [s.condition for s in row.sanctions if s.fines]
    assert conditions == ["情节严重的", "情节严重的，没有猎获物或者猎获物价值不足二千元的"]
