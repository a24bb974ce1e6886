"""“Replace with the Code citation”: the corrected sentence in the JSON, the CLI and the web page."""

from kb.cite.check import check_text
from kb.cite.replace import sentence_span
from tests.cite.drafts import DRAFTS
from tests.cite.test_cli import run  # noqa: F401 - the CLI fixture
from tests.cite.test_web import client  # noqa: F401 - the web fixture


def test_sentence_span():
    text = "第一句。依据甲法第一条，决定罚款；第二句\n第三句"
    assert text[slice(*sentence_span(text, 6, 11))] == "依据甲法第一条，决定罚款；"
    assert text[slice(*sentence_span(text, text.index("第三"), len(text)))] == "第三句"


def test_repealed_citations_get_the_corrected_sentence(cite_corpus):
    record = check_text(cite_corpus, DRAFTS[0].text).to_record()
    first, second, *rest = record["citations"]
    assert first["replacement"]["sentence"] == "以上行为违反了《中华人民共和国生态环境法典》第一百六十四条的规定。"
    assert first["replacement"]["original"] == "以上行为违反了《中华人民共和国水污染防治法》第三十九条的规定。"
    start, end = first["replacement"]["sentence_span"]
    assert record["text"][start:end] == first["replacement"]["original"]
    assert second["replacement"]["citation"] == "《中华人民共和国生态环境法典》第一千一百零八条"
    assert second["replacement"]["sentence"].startswith("依据《中华人民共和国生态环境法典》第一千一百零八条的规定，参照《中华人民共和国行政处罚法》")
    assert all(c["replacement"] is None for c in rest)                # in force: nothing to replace


def test_cited_paragraph_keeps_its_paragraph_and_two_citations_share_a_sentence(cite_corpus):
    record = check_text(cite_corpus, "拟依据环保法第五十九条第一款和大气法第九十九条第（一）项作出处罚。", "2026-09-01").to_record()
    sentence = "拟依据《中华人民共和国生态环境法典》第一千零六十条第一款和《中华人民共和国生态环境法典》第一千一百零二条作出处罚。"
    assert [c["replacement"]["sentence"] for c in record["citations"]] == [sentence, sentence]


def test_no_replacement_before_the_code_or_for_the_code_cited_early(cite_corpus):
    before = check_text(cite_corpus, DRAFTS[1].text).to_record()
    early = check_text(cite_corpus, "拟依据生态环境法典第1108条。", "2026-08-01").to_record()
    assert [c["replacement"] for c in before["citations"] + early["citations"]] == [None] * 6
    assert early["citations"][0]["suggestion"] is None or early["citations"][0]["verdict"] == "not_in_force"


def test_cli_prints_the_corrected_sentence(run):  # noqa: F811
    code, out, _ = run("cite", "check", "-", stdin=DRAFTS[0].text)
    assert code == 0 and "→ 改写为：以上行为违反了《中华人民共和国生态环境法典》第一百六十四条的规定。" in out


def test_web_page_has_the_rewrite_button(client):  # noqa: F811
    page = client.post("/cite/", data={"text": DRAFTS[0].text}).get_data(as_text=True)
    assert page.count("data-replace-sentence=") == 2
    assert 'data-replace-sentence="以上行为违反了《中华人民共和国生态环境法典》第一百六十四条的规定。"' in page
    assert "用法典条文改写" in page
