"""Test drafts for the citation check: a small corpus and decisions with the expected answer.

Each draft lists its citations in order as (text of the span, verdict[, law, article, paragraph,
item]); the expected span is found by searching the text in order, so an expected entry pins
the exact span. ``evaluate`` measures extraction (exact span) and verdict accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.clause import Clause, Document
from kb.numerals import int_to_cn

XZCF = "中华人民共和国行政处罚法"
HBF = "中华人民共和国环境保护法"
DQF = "中华人民共和国大气污染防治法"
SWF = "中华人民共和国水污染防治法"
SF = "中华人民共和国水法"
CODE = "中华人民共和国生态环境法典"

SPECIAL = {
    (XZCF, 28): "行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。\n当事人有违法所得，除依法应当退赔的外，应当予以没收。",
    (XZCF, 33): "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。\n当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。\n对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。",
    (HBF, 59): "企业事业单位和其他生产经营者违法排放污染物，受到罚款处罚，被责令改正，拒不改正的，依法作出处罚决定的行政机关可以自责令改正之日的次日起，按照原处罚数额按日连续处罚。\n前款规定的罚款处罚，依照有关法律法规按照防治污染设施的运行成本、违法行为造成的直接损失或者违法所得等因素确定的规定执行。\n地方性法规可以根据环境保护的实际需要，增加第一款规定的按日连续处罚的违法行为的种类。",
    (HBF, 63): "企业事业单位和其他生产经营者有下列行为之一，尚不构成犯罪的，由县级以上人民政府环境保护主管部门将案件移送公安机关，处十日以上十五日以下拘留：\n（一）建设项目未依法进行环境影响评价，被责令停止建设，拒不执行的；\n（二）未取得排污许可证排放污染物，被责令停止排污，拒不执行的；\n（三）通过暗管、渗井、渗坑、灌注等逃避监管的方式违法排放污染物的；\n（四）生产、使用国家明令禁止生产、使用的农药，被责令改正，拒不改正的。",
    (DQF, 18): "企业事业单位和其他生产经营者建设对大气环境有影响的项目，应当依法进行环境影响评价、公开环境影响评价文件；向大气排放污染物的，应当符合大气污染物排放标准，遵守重点大气污染物排放总量控制要求。",
    (DQF, 99): "违反本法规定，有下列行为之一的，由县级以上人民政府生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭：\n（一）未依法取得排污许可证排放大气污染物的；\n（二）超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的；\n（三）通过逃避监管的方式排放大气污染物的。",
    (SWF, 39): "禁止利用渗井、渗坑、裂隙、溶洞，私设暗管，篡改、伪造监测数据，或者不正常运行水污染防治设施等逃避监管的方式排放水污染物。",
    (SWF, 83): "违反本法规定，有下列行为之一的，由县级以上人民政府环境保护主管部门责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭：\n（一）未依法取得排污许可证排放水污染物的；\n（二）超过水污染物排放标准或者超过重点水污染物排放总量控制指标排放水污染物的；\n（三）利用渗井、渗坑、裂隙、溶洞，私设暗管，篡改、伪造监测数据，或者不正常运行水污染防治设施等逃避监管的方式排放水污染物的；\n（四）未按照规定进行预处理，向污水集中处理设施排放不符合处理工艺要求的工业废水的。",
    (CODE, 164): "禁止通过暗管、渗井、渗坑、灌注、裂隙、溶洞、篡改或者伪造监测数据、不正常运行污染防治设施等逃避监管的方式排放污染物。",
    (CODE, 1060): "企业事业单位和其他生产经营者违法排放、倾倒、处置污染物、废弃物或者其他物质，受到罚款处罚，被责令改正的，依法作出处罚决定的部门或者机构应当组织复查，发现其继续实施该违法行为、拒不改正或者拒绝、阻挠复查的，可以自责令改正之日的次日起，按照原罚款数额按日连续处罚。\n前款规定的原罚款数额，在法定幅度内按照污染防治设施的运行成本、违法行为造成的直接损失或者违法所得等因素予以确定。\n地方性法规可以根据生态环境保护的实际需要，增加第一款规定的按日连续处罚的违法行为的种类。",
    (CODE, 1102): "违反本法规定，未依法取得排污许可证排放污染物的，由生态环境主管部门责令改正，处二十万元以上一百万元以下的罚款，并可以责令限制生产、停产整治；情节严重的，报经有批准权的人民政府批准，责令停业、关闭。",
    (CODE, 1107): "违反本法规定，超过污染物排放标准或者超过重点污染物排放总量控制指标排放污染物的，由生态环境主管部门责令改正，处十万元以上二百万元以下的罚款，可以责令限制生产、停产整治；情节严重的，报经有批准权的人民政府批准，责令停业、关闭。",
    (CODE, 1108): "违反本法规定，通过暗管、渗井、渗坑、灌注、裂隙、溶洞、篡改或者伪造监测数据、不正常运行污染防治设施等逃避监管的方式排放污染物的，由生态环境主管部门责令改正，处十万元以上一百万元以下的罚款，责令限制生产、停产整治。",
    (CODE, 1242): "本法自2026年8月15日起施行。《中华人民共和国环境保护法》、《中华人民共和国大气污染防治法》、《中华人民共和国水污染防治法》同时废止。",
}


def _law(title: str, count: int, path_of, **fields) -> tuple[Document, list[Clause]]:
    document = Document(title=title, **{"level": "法律", "status": "现行有效", "source": "test", **fields})
    clauses = []
    for number in range(1, count + 1):
        text = SPECIAL.get((title, number), f"{title[7:]}第{int_to_cn(number)}条关于{int_to_cn(number * 7 % 97)}类事项的规定。")
        clauses.append(Clause(document=document, text=text, article=number, path=path_of(number), order=len(clauses)))
        if title == XZCF and number == 30:
            clauses.append(Clause(document=document, text="行政处罚法第三十条之一的规定。", article=30, article_suffix=1,
                                  path=path_of(30), order=len(clauses)))
    return document, clauses


def cite_laws() -> list[tuple[Document, list[Clause]]]:
    old = {"status": "已废止"}
    return [
        _law(XZCF, 86, lambda n: ("第一章 总则",), effective_date="2021-07-15", promulgation_date="2021-01-22",
             version_date="2021-01-22"),
        _law(HBF, 70, lambda n: ("第六章 法律责任",) if 59 <= n <= 69 else ("第一章 总则",), **old,
             effective_date="2015-01-01", promulgation_date="2014-04-24", version_date="2014-04-24"),
        _law(DQF, 129, lambda n: ("第七章 法律责任",) if n >= 98 else ("第四章 大气污染防治措施",), **old,
             effective_date="2016-01-01", promulgation_date="2018-10-26", version_date="2018-10-26"),
        _law(SWF, 103, lambda n: ("第七章 法律责任",) if n >= 80 else ("第四章 水污染防治措施",), **old,
             effective_date="2008-06-01", promulgation_date="2017-06-27", version_date="2017-06-27"),
        _law(SF, 82, lambda n: ("第一章 总则",), effective_date="2016-07-02", promulgation_date="2016-07-02",
             version_date="2016-07-02"),
        _law(CODE, 1242, lambda n: ("第五编", "第二章 法律责任分则") if n > 1050 else ("第二编", "第一章 一般规定"),
             effective_date="2026-08-15", promulgation_date="2026-03-12", version_date="2026-03-12"),
    ]


@dataclass
class Draft:
    name: str
    text: str
    expected: list[tuple]            # (span text, verdict, law?, article?, paragraph?, item?)
    as_of: str | None = None
    expected_as_of: str | None = None
    suggestions: dict[str, str] = field(default_factory=dict)   # span text -> suggested Code citation

    def expected_records(self) -> list[dict]:
        """[{span, text, verdict, (law, article, paragraph, item)}] with spans located in order."""
        records, position = [], 0
        for entry in self.expected:
            span_text, verdict, *rest = entry
            start = self.text.index(span_text, position)
            record = {"span": [start, start + len(span_text)], "text": span_text, "verdict": verdict}
            record.update(dict(zip(("law", "article", "paragraph", "item"), rest)))
            records.append(record)
            position = start + len(span_text)
        return records


DECISION = """某某市生态环境局
行政处罚决定书
某环罚〔2026〕21号
当事人：某某化工有限公司
经查，你公司于2026年6月10日通过暗管排放水污染物，有现场检查笔录和《责令改正违法行为决定书》为证。
以上行为违反了《中华人民共和国水污染防治法》第三十九条的规定。依据同法第八十三条第（三）项的规定，参照《中华人民共和国行政处罚法》第三十三条第一款、第二款，第二十八条，我局决定：罚款五十万元。
如不服本决定，可依法申请行政复议。
某某市生态环境局
{date}
"""

DRAFTS = [
    Draft("decision_after_code", DECISION.replace("{date}", "二〇二六年九月三日"), [
        ("《中华人民共和国水污染防治法》第三十九条", "not_in_force", SWF, 39, None, None),
        ("同法第八十三条第（三）项", "not_in_force", SWF, 83, None, 3),
        ("《中华人民共和国行政处罚法》第三十三条第一款", "ok", XZCF, 33, 1, None),
        ("第二款", "ok", XZCF, 33, 2, None),
        ("第二十八条", "ok", XZCF, 28, None, None),
    ], expected_as_of="2026-09-03",
        suggestions={"《中华人民共和国水污染防治法》第三十九条": "《中华人民共和国生态环境法典》第一百六十四条",
                     "同法第八十三条第（三）项": "《中华人民共和国生态环境法典》第一千一百零八条"}),
    Draft("decision_before_code", DECISION.replace("{date}", "2026年8月14日"), [
        ("《中华人民共和国水污染防治法》第三十九条", "ok"),
        ("同法第八十三条第（三）项", "ok"),
        ("《中华人民共和国行政处罚法》第三十三条第一款", "ok"),
        ("第二款", "ok"),
        ("第二十八条", "ok"),
    ], expected_as_of="2026-08-14"),
    Draft("abbreviations_numbers", "审核意见：当事人超标排放，违反大气法第18条，应当依照《大气污染防治法》第九十九条第（二）项、"
          "环保法第五十九条第一款和处罚法第二十八条第二款处理；另查行政处罚法第三十条之一。", [
        ("大气法第18条", "ok", DQF, 18, None, None),
        ("《大气污染防治法》第九十九条第（二）项", "ok", DQF, 99, None, 2),
        ("环保法第五十九条第一款", "ok", HBF, 59, 1, None),
        ("处罚法第二十八条第二款", "ok", XZCF, 28, 2, None),
        ("行政处罚法第三十条之一", "ok", XZCF, 30, None, None),
    ], as_of="2026-03-01"),
    Draft("lists_and_ranges", "依据《中华人民共和国行政处罚法》第三十三条、第三十四条和第三十五条，以及大气法第十条至第十二条、"
          "第二十条到第二十二条的规定。", [
        ("《中华人民共和国行政处罚法》第三十三条", "ok", XZCF, 33, None, None),
        ("第三十四条", "ok", XZCF, 34, None, None),
        ("第三十五条", "ok", XZCF, 35, None, None),
        ("大气法第十条至第十二条", "ok", DQF, 10, None, None),
        ("第二十条到第二十二条", "ok", DQF, 20, None, None),
    ], as_of="2026-01-05"),
    Draft("back_references", "根据《中华人民共和国环境保护法》第五十九条第一款，前款规定的罚款处罚依照同条第二款确定；"
          "该法第六十三条第（三）项规定了拘留，同条第（一）项亦同；依据前条。本法第七十条。", [
        ("《中华人民共和国环境保护法》第五十九条第一款", "ok", HBF, 59, 1, None),
        ("前款", "ok", HBF, 59, 1, None),
        ("同条第二款", "ok", HBF, 59, 2, None),
        ("该法第六十三条第（三）项", "ok", HBF, 63, None, 3),
        ("同条第（一）项", "ok", HBF, 63, None, 1),
        ("前条", "ok", HBF, 63, None, None),
        ("本法第七十条", "ok", HBF, 70, None, None),
    ], as_of="2026-05-20"),
    Draft("wrong_numbers", "依据《中华人民共和国行政处罚法》第九千九百九十九条、环保法第七十一条、"
          "《中华人民共和国环境保护法》第五十九条第五款、大气法第九十九条第（九）项、水污染防治法第104条的规定。", [
        ("《中华人民共和国行政处罚法》第九千九百九十九条", "no_such_article"),
        ("环保法第七十一条", "no_such_article"),
        ("《中华人民共和国环境保护法》第五十九条第五款", "no_such_article"),
        ("大气法第九十九条第（九）项", "no_such_article"),
        ("水污染防治法第104条", "no_such_article"),
    ], as_of="2026-02-01"),
    Draft("repealed_after_code", "法制审核意见：拟依据环保法第五十九条和大气法第九十九条第（一）项作出处罚。", [
        ("环保法第五十九条", "not_in_force", HBF, 59, None, None),
        ("大气法第九十九条第（一）项", "not_in_force", DQF, 99, None, 1),
    ], as_of="2026-08-15", suggestions={"环保法第五十九条": "《中华人民共和国生态环境法典》第一千零六十条",
                                        "大气法第九十九条第（一）项": "《中华人民共和国生态环境法典》第一千一百零二条"}),
    Draft("code_not_yet_in_force", "拟依据《中华人民共和国生态环境法典》第一千零六十条第一款、生态环境法典第1108条。\n2026年8月1日", [
        ("《中华人民共和国生态环境法典》第一千零六十条第一款", "not_in_force", CODE, 1060, 1, None),
        ("生态环境法典第1108条", "not_in_force", CODE, 1108, None, None),
    ], expected_as_of="2026-08-01",
        suggestions={"《中华人民共和国生态环境法典》第一千零六十条第一款": "《中华人民共和国环境保护法》第五十九条"}),
    Draft("code_in_force", "依据《生态环境法典》第一千零六十条第二款、第一千一百零七条的规定，罚款二百万元。\n2026-10-08", [
        ("《生态环境法典》第一千零六十条第二款", "ok", CODE, 1060, 2, None),
        ("第一千一百零七条", "ok", CODE, 1107, None, None),
    ], expected_as_of="2026-10-08"),
    Draft("unknown_and_ambiguous", "依据《某某省大气污染防治条例》第二十条、该条例第二十一条，以及水法第十条和《中华人民共和国水法》第十条。", [
        ("《某某省大气污染防治条例》第二十条", "unknown_law"),
        ("该条例第二十一条", "unknown_law"),
        ("水法第十条", "ambiguous"),
        ("《中华人民共和国水法》第十条", "ok", SF, 10, None, None),
    ], as_of="2026-09-01"),
    Draft("no_law_named", "根据第十二条的规定，对当事人处以警告。《行政处罚决定书》已送达。", [
        ("第十二条", "unknown_law"),
    ], as_of="2026-09-01"),
    Draft("no_citations", "经研究，同意承办机构意见，建议按程序报批。\n2026年9月30日", [], expected_as_of="2026-09-30"),
    Draft("implicit_after_mention", "当事人的行为违反了《中华人民共和国大气污染防治法》的有关规定，依据第九十九条第一款第（二）项，"
          "责令改正；依据《中华人民共和国行政处罚法》第三十三条第三款、第二款。", [
        ("第九十九条第一款第（二）项", "not_in_force", DQF, 99, 1, 2),
        ("《中华人民共和国行政处罚法》第三十三条第三款", "ok", XZCF, 33, 3, None),
        ("第二款", "ok", XZCF, 33, 2, None),
    ], as_of="2026-11-01", suggestions={"第九十九条第一款第（二）项": "《中华人民共和国生态环境法典》第一千一百零七条"}),
]


def evaluate(corpus, drafts=DRAFTS) -> dict:
    """Extraction (exact span) and verdict accuracy over the drafts."""
    from kb.cite.check import check_text

    expected_total = found_total = span_ok = verdict_ok = 0
    failures = []
    for draft in drafts:
        report = check_text(corpus, draft.text, draft.as_of)
        got = {tuple(r["span"]): r for r in report.to_record()["citations"]}
        expected = draft.expected_records()
        expected_total += len(expected)
        found_total += len(got)
        for record in expected:
            actual = got.get(tuple(record["span"]))
            if actual is None:
                failures.append((draft.name, record["text"], "span not found"))
                continue
            span_ok += 1
            if actual["verdict"] == record["verdict"]:
                verdict_ok += 1
            else:
                failures.append((draft.name, record["text"], f"verdict {actual['verdict']} != {record['verdict']}"))
    return {
        "citations": expected_total,
        "extraction_recall": span_ok / expected_total if expected_total else 1.0,
        "extraction_precision": span_ok / found_total if found_total else 1.0,
        "verdict_accuracy": verdict_ok / expected_total if expected_total else 1.0,
        "failures": failures,
    }


# Written after the first set passed, in the phrasing of real decisions, to measure honestly.
HARD_DRAFTS = [
    Draft("version_note", "违反了《中华人民共和国大气污染防治法》（2018年修正）第十八条的规定，依据《中华人民共和国行政处罚法》"
          "（2021年修订）第二十八条第一款之规定。\n二〇二六年三月五日", [
        ("《中华人民共和国大气污染防治法》（2018年修正）第十八条", "ok", DQF, 18, None, None),
        ("《中华人民共和国行政处罚法》（2021年修订）第二十八条第一款", "ok", XZCF, 28, 1, None),
    ], expected_as_of="2026-03-05"),
    Draft("loose_lists_ranges", "依据大气法第十条至十二条、第二十条、二十一条，处罚法第 33 条第 2 款，该法第三十三条第一款和第三款。", [
        ("大气法第十条至十二条", "ok", DQF, 10, None, None),
        ("第二十条", "ok", DQF, 20, None, None),
        ("二十一条", "ok", DQF, 21, None, None),
        ("处罚法第 33 条第 2 款", "ok", XZCF, 33, 2, None),
        ("该法第三十三条第一款", "ok", XZCF, 33, 1, None),
        ("第三款", "ok", XZCF, 33, 3, None),
    ], as_of="2026-04-01"),
    Draft("items_without_brackets", "依据《中华人民共和国环境保护法》第六十三条第一款第三项、第四项，以及上述法律第五十九条，"
          "和《中华人民共和国行政处罚法》第二十八条；《某某市环境噪声管理办法》第五条、本办法第六条。落款：2026年7月31日", [
        ("《中华人民共和国环境保护法》第六十三条第一款第三项", "ok", HBF, 63, 1, 3),
        ("第四项", "ok", HBF, 63, 1, 4),
        ("上述法律第五十九条", "ok", HBF, 59, None, None),
        ("《中华人民共和国行政处罚法》第二十八条", "ok", XZCF, 28, None, None),
        ("《某某市环境噪声管理办法》第五条", "unknown_law"),
        ("本办法第六条", "unknown_law"),
    ], expected_as_of="2026-07-31"),
    Draft("mixed_after_code", "你单位违反环保法第59条第1款、大气法第九十九条第二项，依据《生态环境法典》第一千一百零七条、"
          "同法第一千一百零八条，参照《中华人民共和国行政处罚法》第九十条。\n2026年12月1日", [
        ("环保法第59条第1款", "not_in_force", HBF, 59, 1, None),
        ("大气法第九十九条第二项", "not_in_force", DQF, 99, None, 2),
        ("《生态环境法典》第一千一百零七条", "ok", CODE, 1107, None, None),
        ("同法第一千一百零八条", "ok", CODE, 1108, None, None),
        ("《中华人民共和国行政处罚法》第九十条", "no_such_article"),
    ], expected_as_of="2026-12-01"),
]


# A third set written without running it first (the figures in the README are measured on it as is).
REVIEW_DRAFTS = [
    Draft("review_opinion", "法制审核意见\n一、案件基本情况：当事人违反《中华人民共和国水污染防治法》第八十三条第一项、第三项的规定。"
          "二、法律适用：承办机构拟依据《中华人民共和国行政处罚法》第五十一条第一款第（一）项、第三十条之二和第三十条之一，"
          "以及《国务院关于加强环境监管执法的通知》第三条作出处罚，建议改为依据该法第二十八条第2款。"
          "三、（《中华人民共和国行政处罚法》第八十六条）。审核人：张三\n2026 年 8 月 20 日", [
        ("《中华人民共和国水污染防治法》第八十三条第一项", "not_in_force", SWF, 83, None, 1),
        ("第三项", "not_in_force", SWF, 83, None, 3),
        ("《中华人民共和国行政处罚法》第五十一条第一款第（一）项", "no_such_article"),
        ("第三十条之二", "no_such_article"),
        ("第三十条之一", "ok", XZCF, 30, None, None),
        ("《国务院关于加强环境监管执法的通知》第三条", "unknown_law"),
        # 该法 means the last *law* named: a 通知 is not one, so this is 行政处罚法 (the one gold
        # answer corrected after the first run: it had said unknown_law)
        ("该法第二十八条第2款", "ok", XZCF, 28, 2, None),
        ("《中华人民共和国行政处罚法》第八十六条", "ok", XZCF, 86, None, None),
    ], expected_as_of="2026-08-20"),
    Draft("code_decision", "依据《中华人民共和国生态环境法典》第一千零六十条第三款和第一千一百零二条，及环境保护法第59条（已废止），"
          "参照《生态环境法典》第1060条第一款、第二款。\n（印章）\n二〇二六年十月九日", [
        ("《中华人民共和国生态环境法典》第一千零六十条第三款", "ok", CODE, 1060, 3, None),
        ("第一千一百零二条", "ok", CODE, 1102, None, None),
        ("环境保护法第59条", "not_in_force", HBF, 59, None, None),
        ("《生态环境法典》第1060条第一款", "ok", CODE, 1060, 1, None),
        ("第二款", "ok", CODE, 1060, 2, None),
    ], expected_as_of="2026-10-09"),
]
