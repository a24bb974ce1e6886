"""Issue 17qq, on real statute text read from laws.db (samples 29-32): a 款 about offenders other than the 款 before's
(前款规定以外的…) is a conduct of its own, not a case of the rows before; 罚款 last in a list of measures that state no amount
(予以拘留、罚款) is a fine of no stated amount; the body after 由 is read before any act it takes (由税务机关销毁…, 除由海关追征…外);
proceedings (拘留审查, 没收程序, 提出没收违法所得的申请, 提出给予处分的建议) and the injured party's claim (要求赔偿损失) are no
sanctions, so their 款 make no rows."""

from dataclasses import replace

from kb.penalty.amounts import fine_mentions
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.laws_db import whole_law


def _rows(title, article):
    path, text = whole_law(title)[article]
    _, [clause] = make_document(title, ["|".join(path) + "|" + text])
    return parse_clause(replace(clause, id=1))


def _fine_labels(row):
    return [f.to_record()["label"] for s in row.sanctions for f in s.fines]


def test_a_later_paragraph_on_other_offenders_does_not_reach_the_items_before():
    """突发公共卫生事件应对法第五十七条 (sample 32 #10): 第一款's items were given 第二款's 可以并处十万元以下罚款, which 第二款
    sets for 前款规定以外的医疗卫生机构、检验检测机构; 第一款 has no fine."""
    rows = _rows("中华人民共和国突发公共卫生事件应对法", 57)
    first = [r for r in rows if r.paragraph == 1]
    assert len(first) == 3
    for row in first:
        assert _fine_labels(row) == []
        assert "原发证部门或者原备案部门" not in row.agencies
    [second] = [r for r in rows if r.paragraph == 2]
    assert second.conduct.startswith("前款规定以外的医疗卫生机构")
    assert _fine_labels(second) == ["十万元以下"]


def test_other_than_the_prior_paragraph_is_general():
    """资产评估法第五十二条 and 安全生产法第九十条: the same shape with 前款规定以外 gives its own row."""
    rows = _rows("中华人民共和国资产评估法", 52)
    assert any(r.paragraph == 2 and r.conduct.startswith("前款规定以外的委托人") for r in rows)
    assert all(all(s.source != "第二款" for s in r.sanctions) for r in rows if r.paragraph == 1)
    rows = _rows("中华人民共和国安全生产法", 90)
    assert [r.paragraph for r in rows].count(2) == 1
    assert all(all(s.source != "第二款" for s in r.sanctions) for r in rows if r.paragraph == 1)


def test_a_fine_last_in_a_list_of_measures_has_no_stated_amount():
    """民事诉讼法第一百二十条 (sample 32 #34): …应当依法追究刑事责任，或者予以拘留、罚款 was shown as 无罚款."""
    [row] = [r for r in _rows("中华人民共和国民事诉讼法", 120) if r.paragraph == 1]
    assert row.fine is not None and row.fine.status == "no_amount"
    assert "罚款" in row.measures


def test_a_list_with_a_measure_that_is_no_word_of_the_list_is_not_read():
    assert [(m.status, m.text) for m in fine_mentions("予以训诫、拘留、罚款")] == [("no_amount", "予以训诫、拘留、罚款")]
    assert fine_mentions("予以没收、罚款") == []       # 没收 what: not a bare measure, left as before


def test_the_body_after_yu_is_read_before_any_act():
    """税收征收管理法第七十一条 (sample 32 #37: 由税务机关销毁…) and 关税法第六十三条 (sample 30 #40: 除由海关追征…外，处…罚款)
    were shown as 未写明."""
    [row] = _rows("中华人民共和国税收征收管理法", 71)
    assert row.agencies == ["税务机关"]
    [row] = _rows("中华人民共和国关税法", 63)
    assert row.agencies == ["海关"]


def test_a_body_that_pays_is_no_sanctioning_body():
    """建筑法第七十九条: 由该部门承担相应的赔偿责任 — the 部门 is liable, it imposes nothing."""
    for row in _rows("中华人民共和国建筑法", 79):
        assert "该部门" not in row.agencies


def test_proceedings_and_claims_make_no_rows():
    """出境入境管理法第六十条 (拘留审查, sample 29 #26), 反有组织犯罪法第四十七条 and 监察法第五十五条 (a confiscation
    proceeding, samples 31 #35 and 30 #5), 统计法第四十六条 (提出给予处分的建议, sample 30 #15), 食品安全法第一百四十八条第一款
    (消费者…可以向经营者要求赔偿损失, sample 32 #18)."""
    assert _rows("中华人民共和国出境入境管理法", 60) == []
    assert _rows("中华人民共和国反有组织犯罪法", 47) == []
    assert _rows("中华人民共和国监察法", 55) == []
    assert _rows("中华人民共和国统计法", 46) == []
    assert [r for r in _rows("中华人民共和国食品安全法", 148) if r.paragraph == 1] == []
