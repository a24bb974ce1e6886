"""Chinese fine amounts and detention periods, parsed from the text (kb.penalty.amounts)."""

import pytest

from kb.penalty.amounts import detentions, fine_mentions, number, parse_amount


@pytest.mark.parametrize("spec, kind, low, high, base, per", [
    ("二十万元以上一百万元以下", "yuan", 200_000, 1_000_000, None, None),
    ("五万元以下", "yuan", None, 50_000, None, None),
    ("五十万元以上", "yuan", 500_000, None, None, None),
    ("一千元", "yuan", 1000, 1000, None, None),
    ("一万元至五万元", "yuan", 10_000, 50_000, None, None),
    ("二千元以上二万以下", "yuan", 2000, 20_000, None, None),        # the upper bound's 元 left out
    ("50,000元", "yuan", 50_000, 50_000, None, None),
    ("20万元以上100万元以下", "yuan", 200_000, 1_000_000, None, None),
    ("违法所得一倍以上三倍以下", "multiple", 1, 3, "违法所得", None),
    ("货值金额等值以上三倍以下", "multiple", 1, 3, "货值金额", None),
    ("违法生产、销售产品货值金额百分之五十以上三倍以下", "multiple", 0.5, 3, "违法生产、销售产品货值金额", None),
    ("上一年度从本单位取得收入百分之五十以下", "multiple", None, 0.5, "上一年度从本单位取得收入", None),
    ("中标项目金额千分之五以上千分之十以下", "multiple", 0.005, 0.01, "中标项目金额", None),
    ("每平方米五百元以上五千元以下", "yuan", 500, 5000, None, "每平方米"),
])
def test_one_amount(spec, kind, low, high, base, per):
    [amount] = parse_amount(spec)
    assert (amount.kind, amount.min, amount.max, amount.base, amount.per) == (kind, low, high, base, per)


def test_alternatives_and_detention_parts():
    amounts = parse_amount("一万元以下或者上一年度营业额百分之一以下")
    assert [(a.kind, a.max) for a in amounts] == [("yuan", 10_000), ("multiple", 0.01)]
    [amount] = parse_amount("五日以下拘留或者五百元以下")
    assert (amount.min, amount.max) == (None, 500)
    assert parse_amount("") == []


@pytest.mark.parametrize("spec", ["违法行为人的财产", "一百元以上五十元以下", "三元以上四倍以下", "价款五万元"])
def test_unreadable_amounts_are_none_not_guesses(spec):
    assert parse_amount(spec) is None


def test_fine_mentions_status():
    text = ("由生态环境主管部门责令改正，处二十万元以上一百万元以下的罚款，并可以责令限制生产、停产整治；"
            "其中，污染物为工业噪声的，罚款数额为二万元以上二十万元以下。有前款情形的，处以罚款；"
            "当事人到指定的银行缴纳罚款；并处价款一百元以上五十元以下的罚款。")
    found = [(m.status, [a.label for a in m.amounts]) for m in fine_mentions(text)]
    assert found == [("parsed", ["二十万元以上一百万元以下"]), ("parsed", ["二万元以上二十万元以下"]),
                     ("no_amount", []), ("unparsed", [])]
    unparsed = fine_mentions(text)[-1]
    assert "价款一百元以上五十元以下" in unparsed.reason


def test_words_with_chu_are_not_fines():
    assert fine_mentions("被处罚人对罚款不服的；行政机关将查封、扣押的财物依法处理或者将冻结的存款划拨抵缴罚款") == []


def test_numbers_and_detention():
    assert number("一千二百四十二") == 1242
    assert number("50,000") == 50_000
    assert number("伍万") == 50_000
    periods = detentions("处十日以上十五日以下拘留；情节较轻的，处五日以下拘留")
    assert [(d.min_days, d.max_days) for d in periods] == [(10, 15), (None, 5)]
    assert periods[0].label == "十日以上十五日以下拘留"
