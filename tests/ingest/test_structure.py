"""The shared structure parser: headings, articles, 款/项/目, TOC, header dates, level, appendices."""

from collections import Counter
from pathlib import Path

import pytest

from ingest.errors import NoArticlesError
from ingest.structure import Line, guess_level, header_dates, heading_of, parse_lines


def parse(text: str, name: str = "doc.txt", **kwargs):
    lines = [Line(raw, number) for number, raw in enumerate(text.strip().splitlines(), 1)]
    return parse_lines(lines, Path(name), Counter(), **kwargs)


CIVIL_LIKE = """中华人民共和国某某法典
（2026年3月12日第十四届全国人民代表大会第四次会议通过）
目　　录
第一编　总　　则
第一章　基本规定
第二章　监督管理
第二编　分　　则
第一分编　污染防治
第一章　一般规定
第一节　大气
附　　则
第一编　总　　则
第一章　基本规定
第一条　为了保护环境，制定本法。
第二条　本法适用于中华人民共和国领域。
第二章　监督管理
第三条　国家实行环境监测制度。
第二编　分　　则
第一分编　污染防治
第一章　一般规定
第一节　大气
第四条　有下列情形之一的，依法处罚：
（一）超标排放的；
（二）偷排的，包括：
1.通过暗管排放；
2.篡改监测数据；
（三）其他情形。
前款规定的处罚，由生态环境主管部门决定。
第四条之一　排污单位应当公开排放信息。
附　　则
第五条　本法自2026年8月15日起施行。
附件1：名录
一、火电
二、钢铁
"""


def test_supplementary_provisions_kept_as_a_chapter():
    clauses = parse("某某条例\n第一章　总则\n第一条　甲。\n第二章　附　　则\n第二条　本条例自公布之日起施行。")
    assert [c.path for c in clauses] == [("第一章 总则",), ("第二章 附则",)]
    clauses = parse("某某条例\n第一章　总则\n第一条　甲。\n附　则\n第二条　本条例自公布之日起施行。")
    assert clauses[1].path == ("附则",)


def test_hierarchy_articles_paragraphs_items_and_appendix():
    clauses = parse(CIVIL_LIKE)
    articles = [c for c in clauses if c.kind == "article"]
    assert [c.article_label for c in articles] == ["第一条", "第二条", "第三条", "第四条", "第四条之一", "第五条"]
    assert articles[0].path == ("第一编 总则", "第一章 基本规定")
    assert articles[2].path == ("第一编 总则", "第二章 监督管理")
    assert articles[3].path == ("第二编 分则", "第一分编 污染防治", "第一章 一般规定", "第一节 大气")
    assert (articles[4].article, articles[4].article_suffix, articles[4].label) == (4, 1, "第四条之一")
    assert articles[5].path == ("附则",)  # a bare 附则 after the 编 of a code is kept at 编 level
    paragraphs = articles[3].paragraphs()
    assert len(paragraphs) == 2 and len(paragraphs[0].items) == 3
    assert paragraphs[0].items[1] == "（二）偷排的，包括：\n1.通过暗管排放；\n2.篡改监测数据；"
    appendix = clauses[-1]
    assert (appendix.kind, appendix.article, appendix.label) == ("appendix", None, "附件1")
    assert appendix.text == "附件1：名录\n一、火电\n二、钢铁"
    document = clauses[0].document
    assert document.title == "中华人民共和国某某法典"
    assert document.promulgation_date == "2026-03-12"  # 通过 date when nothing says 公布
    assert document.level == "法律"


def test_pdf_style_line_breaks_are_joined_inside_sentences():
    clauses = parse("某某条例\n第一条　为了保护和改善生态环境，防治\n污染，制定本条例。\n本条例自公布之日起施行。")
    assert clauses[0].text == "为了保护和改善生态环境，防治污染，制定本条例。\n本条例自公布之日起施行。"


def test_articles_out_of_order_still_parse():
    clauses = parse("某某办法\n第一条　甲。\n第三条　丙。\n第二条　乙。")
    assert [c.article for c in clauses] == [1, 3, 2]


def test_article_reference_at_line_start_is_not_an_article():
    clauses = parse("某某办法\n第一条　违反本办法\n第五条规定的，处罚款。\n第二条　乙。")
    assert [c.article for c in clauses] == [1, 2]
    assert clauses[0].text == "违反本办法第五条规定的，处罚款。"


def test_preamble_and_points_numbered_without_articles():
    clauses = parse("关于某某问题的规定\n为了规范工作，作如下规定：\n一、第一点内容。\n（一）子项；\n二、第二点内容。",
                    name="关于某某问题的规定(2001-12-03).txt")
    assert [(c.kind, c.label) for c in clauses] == [("preamble", "序言"), ("article", "一、"), ("article", "二、")]
    assert clauses[1].article is None and clauses[1].paragraphs()[0].items == ("（一）子项；",)
    assert clauses[0].document.version_date == "2001-12-03"


def test_no_articles_raises_naming_the_file():
    with pytest.raises(NoArticlesError, match=r"^notes\.txt: no articles found"):
        parse("随便写的笔记\n今天开会。", name="notes.txt")


def test_header_dates_from_promulgation_lines():
    dates = header_dates(["（2007年10月9日中华人民共和国国务院令第508号公布　根据2019年3月2日《国务院关于修改部分行政法规的决定》修订）"])
    assert dates == {"promulgation_date": "2019-03-02"}
    assert header_dates(["2019年10月8日 国务院第66次常务会议通过", "2019年10月22日 中华人民共和国国务院令第722号公布",
                         "2020年1月1日 施行"]) == {"promulgation_date": "2019-10-22", "effective_date": "2020-01-01"}
    assert header_dates(["发布日期：2021-10-26", "施行日期：2022.01.01"]) == {
        "promulgation_date": "2021-10-26", "effective_date": "2022-01-01"}
    assert header_dates(["1983年12月29日 国务院发布", "发布之日施行"]) == {
        "promulgation_date": "1983-12-29", "effective_date": "1983-12-29"}


@pytest.mark.parametrize("title, header, level", [
    ("全国污染源普查条例", "2007年10月9日 中华人民共和国国务院令第508号公布", "行政法规"),
    ("最高人民法院关于审理环境侵权责任纠纷案件适用法律若干问题的解释", "", "司法解释"),
    ("人民检察院办理行政执法机关移送涉嫌犯罪案件的规定", "2001年9月10日 最高人民检察院第九届检察委员会第九十六次会议讨论通过", "司法解释"),
    ("北京市大气污染防治条例", "", "地方性法规"),
    ("某某市生态环境保护条例", "", "地方性法规"),
    ("城市市容和环境卫生管理条例", "1992年6月28日 中华人民共和国国务院令第101号发布", "行政法规"),
    ("排污许可管理办法", "2024年4月1日 生态环境部令第32号公布", "部门规章"),
    ("中华人民共和国环境保护法", "", "法律"),
    ("关于加强生态环境执法工作的通知", "", "规范性文件"),
])
def test_level_guessed_from_title_and_header(title, header, level):
    assert guess_level(title, header) == level


def test_level_from_folder_name_wins():
    assert guess_level("某某规定", "", folder="司法解释") == "司法解释"


def test_heading_normalised():
    assert heading_of("### 第二节 被 申 请 人") is None  # markup is stripped by the Markdown parser first
    assert heading_of("第二节 被 申 请 人") == (3, "第二节 被申请人")
    assert heading_of("第一分编　通　则") == (1, "第一分编 通则")
    assert heading_of("第三章规定的情形，依法处理。") is None


def test_flk_style_header_labels():
    clauses = parse("某某管理办法\n发布机关：生态环境部\n发布日期：2021年1月4日\n施行日期：2021年2月1日\n"
                    "时效性：已废止\n第一条　为了规范管理，制定本办法。", name="某某管理办法.docx")
    document = clauses[0].document
    assert (document.promulgation_date, document.effective_date, document.status) == ("2021-01-04", "2021-02-01", "已废止")
    assert len(clauses) == 1
