from kb.doctor import numbering_findings
from kb.repeal import derive_repeal_facts
from tests.corpus_builders import make_document


def _clauses(numbers, texts=None):
    doc, clauses = make_document("某法", texts or [f"第{n}条文本。" for n in numbers])
    from dataclasses import replace
    return [replace(c, article=n) for c, n in zip(clauses, numbers)]


def test_gap_and_suspected_merge():
    texts = ["短。", "短。", "长长长长长长长长长长长长长长长长长长长长。\n第二款。\n境主管部门责令改正：", "短。"]
    findings = numbering_findings(_clauses([1, 2, 3, 5], texts))
    assert [(f.kind, f.articles) for f in findings] == [("gap", ("第四条",)), ("suspected_merge", ("第三条",))]


def test_out_of_order_and_duplicates():
    findings = numbering_findings(_clauses([1, 3, 2, 3]))
    kinds = [f.kind for f in findings]
    assert kinds == ["gap", "duplicate", "out_of_order"]
    assert findings[-1].message == "articles out of order: 第二条 after 第三条"


def test_repeal_facts_from_repealing_text(small_corpus):
    facts = derive_repeal_facts(small_corpus.store)
    assert [(f.title, f.repeal_date, f.basis) for f in facts] == [
        ("中华人民共和国环境保护法", "2026-08-15", "《中华人民共和国生态环境法典》第三条")]
