"""Issue 17ss, on real statute text read from laws.db: a row's conduct is the …的 clause of the sentence that carries
its sanction (民事诉讼法第六十八条第二款), and a bare consequence takes the act its sentence opened with as the object of
对…行为，依法追究 (劳动合同法第九十三条)."""

from dataclasses import replace

from kb.penalty.followup import followed
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.laws_db import whole_law


def _rows(title, article):
    path, text = whole_law(title)[article]
    _, [clause] = make_document(title, ["|".join(path) + "|" + text])
    return parse_clause(replace(clause, id=1))


def test_the_conduct_is_that_of_the_sentence_carrying_the_fine():
    """民事诉讼法第六十八条第二款: not 当事人在该期限内提供证据确有困难 (an earlier sentence, no sanction)."""
    [row] = [r for r in _rows("中华人民共和国民事诉讼法", 68) if r.paragraph == 2]
    assert row.conduct == "当事人逾期提供证据"
    assert [s.condition for s in row.sanctions if s.fines] == ["拒不说明理由或者理由不成立的"]
    assert not any("申请延长期限" in s.text for s in row.sanctions)


def test_a_sentence_with_a_sanction_of_its_own_keeps_its_conduct():
    """社区矫正法第二十八条: the 训诫、警告 sentence's conduct, not 表现突出 (a praise, an earlier sentence)."""
    [row] = _rows("中华人民共和国社区矫正法", 28)
    assert row.conduct == "社区矫正对象违反法律法规或者监督管理规定"


def test_a_conduct_naming_the_violation_is_kept():
    """拍卖法第五十八条: 委托人违反本法第六条的规定… stays the conduct; the 拍卖人's joint liability is not its act."""
    [row] = _rows("中华人民共和国拍卖法", 58)
    assert row.conduct.startswith("委托人违反本法第六条的规定")


def test_a_bare_consequence_takes_the_act_its_sentence_names():
    """劳动合同法第九十三条: the conduct was cut to 给劳动者造成损害."""
    [row] = _rows("中华人民共和国劳动合同法", 93)
    assert row.conduct == "不具备合法经营资格的用人单位的违法犯罪行为，给劳动者造成损害"


def test_a_consequence_after_another_opening_is_kept():
    assert followed("给他人造成损害的", None, "违反本法规定，处五万元罚款") == "给他人造成损害的"
    assert followed("未按规定报告的", None, "对妨碍依法行使职权的违法犯罪行为，依法追究法律责任") == "未按规定报告的"
