"""Issue 17mm, on real statute text (sample 26's link miss #34 and rows of the whole table): a clause the conduct matched on its
offender's name alone — none of the words of its act, less the law's common words — is not the duty the act breaks."""

from kb.penalty.acts import act_words, common_words, name_only
from kb.textsim import features, jieba_module
from tests.penalty.conftest import link_labels as _links
from tests.penalty.laws_db import whole_law

POST = whole_law("中华人民共和国邮政法")
EDUCATION = whole_law("中华人民共和国教育法")
SECURITIES = whole_law("中华人民共和国证券法")
SURVEYING = whole_law("中华人民共和国测绘法")
APPRAISAL = whole_law("中华人民共和国资产评估法")


def test_endangering_state_security_does_not_break_the_duty_to_keep_users_data():
    # 邮政法第七十八条 邮政企业及其从业人员…在经营活动中有危害国家安全行为: main linked 第三十五条第二款 (邮政企业及其从业人员不得…泄露
    # 用户使用邮政服务的信息) at 0.39, on the offender's name; it holds none of 危害, 国家安全, 经营活动
    assert _links("中华人民共和国邮政法", POST)[(78, 1, None)] == []


def test_collecting_fees_from_schools_does_not_break_the_students_duties():
    # 教育法第七十四条 违反国家有关规定，向学校或者其他教育机构收取费用: main linked 第四十四条 (受教育者应当履行下列义务), sharing
    # 学校或者其他教育机构 only
    assert _links("中华人民共和国教育法", EDUCATION)[(74, 1, None)] == []


def test_a_match_on_the_names_gives_way_to_the_clause_holding_the_act():
    # 证券法第二百一十四条 发行人、证券登记结算机构…未按照规定保存有关文件和资料: main linked 第四十一条第二款 (…不得泄露所知悉的商业秘密);
    # 第一百五十三条 证券登记结算机构应当妥善保存…有关文件和资料 holds the act
    assert _links("中华人民共和国证券法", SECURITIES)[(214, 1, None)][:1] == ["第一百五十三条"]


def test_a_clause_holding_the_act_stays_linked():
    # 测绘法第六十三条 测绘成果质量不合格 → 第三十九条 测绘单位应当对完成的测绘成果质量负责 (测绘, 成果: the law's common words; 质量 is the act's)
    assert _links("中华人民共和国测绘法", SURVEYING)[(63, 1, None)][:1] == ["第三十九条"]
    # 资产评估法第四十七条(九) 对本机构的评估专业人员疏于管理 → 第十七条第二款 (管理 inside 内部管理制度)
    assert _links("中华人民共和国资产评估法", APPRAISAL)[(47, 1, 9)][:1] == ["第十七条第二款"]


def test_name_only_needs_two_words_of_the_act_and_skips_the_laws_common_ones():
    jieba = jieba_module()
    texts = ["邮政企业不得泄露用户信息。"] * 10 + ["任何单位和个人不得利用邮件危害国家安全。"] + ["邮政企业应当公布服务标准。"] * 10
    common = common_words([features(text, jieba) for text in texts])
    assert "w:邮政" in common and "w:危害" not in common
    words = act_words("在经营活动中有危害国家安全行为", jieba)
    assert {"w:危害", "w:经营"} <= words and "w:行为" not in words
    marked = name_only(words, texts, common)
    assert marked[0] and not marked[10] and marked[-1]
    # one word left (行医 of 非医师行医, 医师 being common) rules nothing out; 未经许可擅自 is the act's manner
    assert not name_only({"w:行医"}, texts, common).any()
    assert act_words("未经许可擅自出口管制物项", jieba) >= {"w:许可", "w:出口"}
    assert not any(word.startswith(("w:未经", "w:擅自")) for word in act_words("未经许可擅自出口管制物项", jieba))
    # a document of few units has no common words (in a decision of five units every word would be)
    assert common_words([features(text, jieba) for text in texts[:5]]) == set()
