"""Extraction on top of CitationFinder: back-references, loose lists, version notes."""

from kb.cite.extract import extract, law_mentions


def forms(corpus, text):
    return [(e.text, e.ref.law_name, e.ref.article, e.ref.paragraph, e.ref.item, e.back_reference)
            for e in extract(corpus, text)]


def test_back_references(cite_corpus):
    text = "《大气污染防治法》第九十九条第一款，前款；同法第十八条、第二十条；同条第二款；第（三）项；前条"
    assert forms(cite_corpus, text) == [
        ("《大气污染防治法》第九十九条第一款", "大气污染防治法", 99, 1, None, None),
        ("前款", "大气污染防治法", 99, 1, None, "前款"),
        ("同法第十八条", "大气污染防治法", 18, None, None, "同法"),
        ("第二十条", "大气污染防治法", 20, None, None, "同法"),
        ("同条第二款", "大气污染防治法", 20, 2, None, "同条"),
        ("第（三）项", "大气污染防治法", 20, 2, 3, "第X项"),
        ("前条", "大气污染防治法", 20, None, None, "前条"),
    ]


def test_documents_are_not_laws(cite_corpus):
    text = "《中华人民共和国行政处罚法》的规定和《责令改正违法行为决定书》，依据第二十八条"
    assert [name for _, name in law_mentions(cite_corpus, text)] == ["中华人民共和国行政处罚法"]
    assert forms(cite_corpus, text) == [("第二十八条", "中华人民共和国行政处罚法", 28, None, None, "implicit")]


def test_standalone_paragraph_without_earlier_citation(cite_corpus):
    [only] = extract(cite_corpus, "前款规定的情形")
    assert (only.ref.article, only.back_reference) == (0, "前款")


def test_finder_results_are_kept(cite_corpus):
    text = "依据《行政处罚法》第三条、第二条和环保法第2条第1款的规定，参照第一条至第三条"
    assert [e.text for e in extract(cite_corpus, text)] == [
        "《行政处罚法》第三条", "第二条", "环保法第2条第1款", "第一条至第三条"]
