"""答问 answers "…现在对应法典哪一条" from the concordance (and the reverse), not by search."""

import pytest

from kb.answer import answer
from kb.answer.concordance_route import route
from tests.cite.drafts import cite_laws
from tests.corpus_builders import build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("route") / "corpus", cite_laws())


@pytest.mark.parametrize("question, code_article", [
    ("环保法第五十九条现在对应法典哪一条", "第一千零六十条"),
    ("原《中华人民共和国环境保护法》第59条在生态环境法典里是第几条？", "第一千零六十条"),
    ("大气法第九十九条第（一）项改为法典哪条了", "第一千一百零二条"),
    ("水污染防治法第三十九条废止后应当引用哪一条", "第一百六十四条"),
])
def test_forward_questions_get_the_code_article(corpus, question, code_article):
    result = answer(corpus, question, mode="extractive")
    record = result.to_record()
    assert record["found"] and record["question_types"] == ["concordance"]
    assert record["citations"][0]["law"] == "中华人民共和国生态环境法典"
    assert record["citations"][0]["article_label"] == code_article
    assert f"对应条文为《中华人民共和国生态环境法典》{code_article}" in record["answer"]
    assert record["supporting"][0]["law"] != "中华人民共和国生态环境法典"       # the old article beside it


def test_reverse_question_lists_the_old_articles(corpus):
    record = answer(corpus, "生态环境法典第一千零六十条对应原来哪部法律的哪一条", mode="extractive").to_record()
    assert record["found"] and "《中华人民共和国环境保护法》第五十九条" in record["answer"]
    assert record["citations"][0]["citation"] == "《中华人民共和国环境保护法》第五十九条"


def test_unknown_article_and_statute_not_replaced(corpus):
    record = answer(corpus, "环保法第九十九条现在对应法典哪一条", mode="extractive").to_record()
    assert not record["found"] and "没有第九十九条（共70条）" in record["answer"]
    record = answer(corpus, "行政处罚法第二十八条在法典里对应哪一条", mode="extractive").to_record()
    assert "未被《生态环境法典》废止" in record["answer"] and record["citations"][0]["article_label"] == "第二十八条"


@pytest.mark.parametrize("question", ["查封扣押最长多久", "环保法第五十九条规定了什么", "环保法第五十九条和第六十条现在对应哪条"])
def test_other_questions_are_not_routed(corpus, question):
    assert route(corpus, question) is None


@pytest.mark.slow
def test_national_phrasing_from_the_issue(national_corpus):
    record = answer(national_corpus, "环保法第六十三条现在对应法典哪一条", mode="extractive").to_record()
    assert record["found"] and record["citations"][0]["article_label"] == "第一千一百零八条"
    assert "该条已分拆" in record["answer"] and "未找到" not in record["answer"]


@pytest.mark.slow
def test_web_answer_api_routes_too(national_corpus, tmp_path):
    from tests.cite.test_web import make_app

    client = make_app(national_corpus, tmp_path).test_client()
    record = client.get("/api/answer", query_string={"q": "环保法第五十九条现在对应法典哪一条"}).get_json()
    assert record["found"] and record["citations"][0]["article_label"] == "第一千零六十条"
    page = client.get("/answer", query_string={"q": "环保法第五十九条现在对应法典哪一条"}).get_data(as_text=True)
    assert "第一千零六十条" in page and "未找到" not in page
