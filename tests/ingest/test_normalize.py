from collections import Counter

from ingest.normalize import broken_sentences, normalize_text


def test_repairs_extraction_damage_and_counts_it():
    damaged = ("建设项目的生态环境影响报告书、生态环境影响报\n告表经批准后，建设项目的性质、规模、地点、 采用的生产工艺或者防\n"
               "治污染的措施发生重大变动的，应当重新报批。\n本法自 2026年8月15日起施行，罚款１０万元，浓度２．５。")
    counts = Counter()
    assert normalize_text(damaged, counts) == (
        "建设项目的生态环境影响报告书、生态环境影响报告表经批准后，建设项目的性质、规模、地点、采用的生产工艺或者防"
        "治污染的措施发生重大变动的，应当重新报批。\n本法自2026年8月15日起施行，罚款10万元，浓度2.5。")
    assert counts == Counter({"joined_breaks": 2, "spaces": 2, "width": 5})


def test_keeps_real_paragraph_and_item_breaks():
    text = "有下列情形之一的：\n（一）甲\n（二）乙；\n1.子目；\n前款规定除外。"
    assert normalize_text(text) == text
    assert normalize_text("（二）乙：\n1. 子目\n后文。") == "（二）乙：\n1.子目后文。"
    assert broken_sentences(text) == []
    assert broken_sentences("未完\n的句子。") == ["未完⏎的句子。"]
