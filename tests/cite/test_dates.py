"""The date a draft is checked as of: the document's own date (header or 落款), the line it came
from, never a date quoted in the body; no date and two dates say what was done."""

import json

import pytest

from kb.cite.check import check_text
from kb.cite.dates import document_date
from tests.cite.test_cli import run  # noqa: F401 - the CLI fixture

BODY = "经查，你公司于2026年6月10日通过暗管排放水污染物。" + "现场检查笔录等证据证明上述事实。" * 20

REVIEW_TOP = f"""法制审核意见书
某环法审〔2026〕18号
审核日期：2026年7月10日
承办机构：执法支队
{BODY}
审核结论：拟依据《中华人民共和国大气污染防治法》第九十九条第（二）项作出处罚，适用法律正确。
审核人：李四"""


@pytest.mark.parametrize("text, day, label, line", [
    (REVIEW_TOP, "2026-07-10", "审核日期", "审核日期：2026年7月10日"),
    (f"行政处罚决定书\n{BODY}\n某某市生态环境局\n决定日期：2026年9月3日", "2026-09-03", "决定日期", "决定日期：2026年9月3日"),
    (f"审核意见\n{BODY}\n审核人：张三    日期：2026-08-20", "2026-08-20", "日期", "审核人：张三    日期：2026-08-20"),
    (f"行政处罚决定书\n{BODY}\n某某市生态环境局\n二〇二六年九月三日", "2026-09-03", "落款", "二〇二六年九月三日"),
    (f"行政处罚决定书\n{BODY}\n某某市生态环境局  2026年9月3日", "2026-09-03", "落款", "某某市生态环境局  2026年9月3日"),
    (f"行政处罚决定书\n{BODY}\n（印章）\n2026年9月3日（印章）", "2026-09-03", "落款", "2026年9月3日（印章）"),
    (f"关于某某公司排污案的法制审核意见（2026年7月10日）\n{BODY}", "2026-07-10", "文首日期",
     "关于某某公司排污案的法制审核意见（2026年7月10日）"),
    (f"审核意见\n{BODY}本意见经集体讨论通过。落款：2026年7月31日", "2026-07-31", "落款日期", None),
    (f"审核意见\n{BODY}\n作出行政处罚决定日期：2026年10月9日", "2026-10-09", "作出行政处罚决定日期", None),
])
def test_the_documents_own_date_and_its_line(text, day, label, line):
    found = document_date(text)
    assert (found.day, found.source, found.used.label) == (day, "text", label)
    if line is not None:
        assert found.used.line == line
    assert text[found.span[0]:found.span[1]] in found.used.line
    assert found.used.line[:10] in found.note and day in found.note


@pytest.mark.parametrize("text", [
    BODY,                                                             # a body date only
    f"现场检查日期：2026年6月10日\n{BODY}",                              # a labelled body date
    f"审核意见\n{BODY}\n请于2026年9月30日前缴纳罚款。",                     # a deadline at the end
    f"审核意见\n{BODY}\n违法行为发生日期：2026年6月1日",                     # 发生日期 is not the document's
])
def test_dates_quoted_in_the_body_are_not_the_documents(text):
    found = document_date(text, today="2026-11-30")
    assert (found.day, found.source, found.used) == ("2026-11-30", "today", None)
    assert "未找到文书日期" in found.note and "按今天 2026-11-30 核查" in found.note


def test_two_candidate_dates_use_the_signature_and_say_so():
    text = REVIEW_TOP + "\n某某市生态环境局法制审核机构\n2026年7月12日"
    found = document_date(text)
    assert (found.day, found.used.label, found.used.line) == ("2026-07-12", "落款", "2026年7月12日")
    assert [c.day for c in found.candidates] == ["2026-07-10", "2026-07-12"]
    assert "2个文书日期" in found.note and "审核日期 2026-07-10" in found.note and "按落款" in found.note


def test_same_date_twice_is_one_date():
    found = document_date(REVIEW_TOP + "\n2026年7月10日")
    assert found.day == "2026-07-10" and "个文书日期" not in found.note


def test_header_date_changes_the_verdicts(cite_corpus):
    """The issue's case: a review opinion dated at the top, before the Code took effect."""
    report = check_text(cite_corpus, REVIEW_TOP).to_record()
    assert (report["as_of"], report["as_of_source"], report["as_of_line"]) == ("2026-07-10", "text", "审核日期：2026年7月10日")
    assert [c["verdict"] for c in report["citations"]] == ["ok"]
    assert report["date"]["label"] == "审核日期" and report["date"]["line_number"] == 3


def test_cli_shows_the_line_used(run, tmp_path):  # noqa: F811
    path = tmp_path / "review.txt"
    path.write_text(REVIEW_TOP, encoding="utf-8")
    code, out, _ = run("cite", "check", str(path))
    assert code == 0 and "核查日期 2026-07-10（文书日期）" in out and "第3行“审核日期：2026年7月10日”" in out
    code, out, _ = run("cite", "check", str(path), "--json")
    assert json.loads(out)["as_of_line"] == "审核日期：2026年7月10日"
    path.write_text("拟依据环保法第五十九条处罚。", encoding="utf-8")
    code, out, _ = run("cite", "check", str(path))
    assert "文中未找到文书日期" in out and "按今天" in out


def test_web_page_shows_the_date_line(cite_corpus, tmp_path):
    from tests.cite.test_web import make_app

    client = make_app(cite_corpus, tmp_path).test_client()
    page = client.post("/cite/", data={"text": REVIEW_TOP}).get_data(as_text=True)
    assert "核查日期 <strong>2026-07-10</strong>" in page and "第3行“审核日期：2026年7月10日”" in page
    page = client.post("/cite/", data={"text": "拟依据环保法第五十九条处罚。"}).get_data(as_text=True)
    assert "as-of-assumed" in page and "文中未找到文书日期" in page


def test_table_cell_and_signature_line_with_stamp():
    table = "法制审核表\n案件名称\t某某案\n审核日期\t2026年7月10日\n" + "审核意见\t同意。" * 60
    assert (document_date(table).day, document_date(table).used.label) == ("2026-07-10", "审核日期")
    signed = f"决定书\n{BODY}\n某某市生态环境局　　二〇二六年七月三十日（印章）"
    assert (document_date(signed).day, document_date(signed).used.label) == ("2026-07-30", "落款")
    followed = f"决定书\n{BODY}\n某某市生态环境局\n2026年9月3日\n抄送：市执法支队"
    assert document_date(followed).day == "2026-09-03"
