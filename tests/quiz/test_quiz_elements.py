"""Key elements and answer normalisation."""

from kb.quiz.elements import answers_match, extract, kind_of, normalize_answer


def kinds(text):
    return [(e.kind, e.text) for e in extract(text)]


def test_time_limits_amounts_subjects_modal_words_and_terms_are_found():
    found = kinds("当事人要求听证的，应当在行政机关告知后五日内提出。")
    assert ("time", "五日") in found and ("modal", "应当") in found
    found = kinds("由县级以上地方人民政府生态环境主管部门责令改正，处十万元以上一百万元以下的罚款。")
    assert ("subject", "县级以上地方人民政府生态环境主管部门") in found
    assert ("amount", "十万元以上一百万元以下") in found
    assert ("time", "十五个工作日") in kinds("应当在十五个工作日内作出决定。")
    assert ("time", "十日以上十五日以下") in kinds("处十日以上十五日以下拘留。")
    assert ("multiple", "一倍以上三倍以下") in kinds("处货值金额一倍以上三倍以下的罚款。")
    assert ("percent", "百分之三") in kinds("每日按罚款数额的百分之三加处罚款。")
    assert ("term", "碳足迹") in kinds("本法所称碳足迹，是指温室气体排放量的总和。")


def test_dates_and_article_numbers_are_not_time_limits():
    assert not [e for e in extract("本法自2026年8月15日起施行。") if e.kind == "time"]
    assert not [e for e in extract("依照本法第三十日条") if e.text == "三十日"]


def test_kind_of_an_option():
    assert kind_of("三十日") == "time"
    assert kind_of("二万元以上二十万元以下") == "amount"
    assert kind_of("公安机关") == "subject"
    assert kind_of("应当") == "modal"
    assert kind_of("没有这种东西") is None


def test_answers_compare_after_normalisation():
    assert answers_match("30日", "三十日")
    assert answers_match("３０ 日", "三十日")
    assert answers_match(" 三十日。", "三十日")
    assert answers_match("10万元以上100万元以下", "十万元以上一百万元以下")
    assert answers_match("100000元", "十万元")
    assert answers_match("十五个工作日", "15个工作日")
    assert answers_match("生态环境主管部门", "生态环境主管部门")
    assert not answers_match("三十日", "十五日")
    assert not answers_match("", "三十日")
    assert not answers_match("3个月", "三十日")
    assert normalize_answer("（一）") == normalize_answer("(1)")


def test_ages_are_not_time_limits_and_percent_ranges_are_one_element():
    assert not [e for e in extract("不满十四周岁的未成年人有违法行为的，不予行政处罚。") if e.kind == "time"]
    assert ("percent", "百分之二以上百分之四以下") in kinds("处建设工程合同价款百分之二以上百分之四以下的罚款。")
