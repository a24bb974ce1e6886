import pytest

from kb.numerals import article_label, cn_to_int, int_to_cn, parse_article_label


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百零六", 106), ("一百一十", 110),
    ("一千零六十", 1060), ("一千二百四十二", 1242), ("两千", 2000), ("十万", 100_000),
    ("一百万", 1_000_000), ("二〇二六", 2026), ("33", 33),
])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


def test_round_trip_over_every_article_number_and_amounts():
    numbers = list(range(1, 20_000)) + [100_000, 200_000, 1_000_000, 10_500, 110_000, 300_000_000]
    assert [cn_to_int(int_to_cn(n)) for n in numbers] == numbers


def test_labels():
    assert article_label(120, 1) == "第一百二十条之一"
    assert article_label(10) == "第十条"
    assert parse_article_label("第一百二十条之一") == (120, 1)
    assert parse_article_label("第33条") == (33, 0)
    with pytest.raises(ValueError):
        parse_article_label("条目一")
    with pytest.raises(ValueError):
        cn_to_int("第三")
