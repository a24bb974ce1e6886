"""Fine targets and agencies on real clause text (issue 17s, sample 14's range and agency misses and the causes
the whole-table target audit, ``benchmarks/penalty_audit.py --targets``, found): a fine joined to the responsible
persons' detention (对其直接负责的主管人员…，处…拘留，可以并处…罚款), the persons named before 可以由…部门给予警告或者处…,
before 给予警告或者处… (and after 根据情形对…), before their own measures (对…给予警告，撤销…资格，并处…); a condition
right after a fine on a named target grades that target's fine (对个人处…，情节严重的，处…); a conduct that is a body's
own proceedings (人民法院审理案件…; …部门依照本法…规定对金融机构进行处罚的，还可以…) names the body of the sanction;
and the shapes that must stay as they were (对…的，… is a case, not a target; 处…拘留，可以并处… with no 对)."""

from tests.penalty.test_ranges_17h import _cases, _rows

COUNTER_TERRORISM_90 = (  # 中华人民共和国反恐怖主义法第90条
    '第九章 法律责任|新闻媒体等单位编造、传播虚假恐怖事件信息，报道、传播可能引起模仿的恐怖活动的实施细节，发布恐怖事件'
    '中残忍、不人道的场景，或者未经批准，报道、传播现场应对处置的工作人员、人质身份信息和应对处置行动情况的，由公安机关处'
    '二十万元以下罚款，并对其直接负责的主管人员和其他直接责任人员，处五日以上十五日以下拘留，可以并处五万元以下罚款。\n'
    '个人有前款规定行为的，由公安机关处五日以上十五日以下拘留，可以并处一万元以下罚款。')
AML_56 = (  # 中华人民共和国反洗钱法第56条
    '第六章 法律责任|国务院反洗钱行政主管部门或者其设区的市级以上派出机构依照本法第五十二条至第五十四条规定对金融机构进'
    '行处罚的，还可以根据情形对负有责任的董事、监事、高级管理人员或者其他直接责任人员，给予警告或者处二十万元以下罚款；情'
    '节严重的，可以根据情形在职责范围内实施或者建议有关金融管理部门实施取消其任职资格、禁止其从事有关金融行业工作等处罚。'
    '\n国务院反洗钱行政主管部门或者其设区的市级以上派出机构依照本法第五十五条规定对金融机构进行处罚的，还可以根据情形对'
    '负有责任的董事、监事、高级管理人员或者其他直接责任人员，处二十万元以上一百万元以下罚款；情节严重的，可以根据情形在职'
    '责范围内实施或者建议有关金融管理部门实施取消其任职资格、禁止其从事有关金融行业工作等处罚。\n前两款规定的金融机构董'
    '事、监事、高级管理人员或者其他直接责任人员能够证明自己已经勤勉尽责采取反洗钱措施的，可以不予处罚。')
AML_57 = (  # 中华人民共和国反洗钱法第57条
    '第六章 法律责任|金融机构违反本法第五十条规定擅自采取行动的，由国务院有关金融管理部门处五十万元以下罚款；情节严重的'
    '，处五十万元以上五百万元以下罚款；造成损失的，并处所造成直接经济损失一倍以上五倍以下罚款。对负有责任的董事、监事、高'
    '级管理人员或者其他直接责任人员，可以由国务院有关金融管理部门给予警告或者处五十万元以下罚款。\n境外金融机构违反本法'
    '第四十九条规定，对国家有关机关的调查不予配合的，由国务院反洗钱行政主管部门依照本法第五十四条、第五十六条规定进行处罚'
    '，并可以根据情形将其列入本法第四十条第一款第三项规定的名单。')
COPYRIGHT_58 = (  # 中华人民共和国著作权法第58条
    '第五章 著作权和与著作权有关的权利的保护|人民法院审理案件，对于侵犯著作权或者与著作权有关的权利的，可以没收违法所得'
    '、侵权复制品以及进行违法活动的财物。')
QINGHAI_TIBET_58 = (  # 中华人民共和国青藏高原生态保护法第58条
    '第六章 法律责任|违反本法规定，在旅游、山地户外运动中随意倾倒、抛撒生活垃圾的，由环境卫生主管部门或者县级以上地方人'
    '民政府指定的部门责令改正，对个人处一百元以上五百元以下罚款，情节严重的，处五百元以上一万元以下罚款；对单位处五万元以'
    '上五十万元以下罚款。')
FUNDS_138 = (  # 中华人民共和国证券投资基金法第138条
    '第十四章 法律责任|基金销售支付机构未按照规定划付基金销售结算资金的，处十万元以上三十万元以下罚款；情节严重的，责令'
    '其停止基金服务业务。对直接负责的主管人员和其他直接责任人员给予警告，撤销基金从业资格，并处三万元以上十万元以下罚款。')
GRASSLAND_65 = (  # 中华人民共和国草原法第65条
    '第八章 法律责任|未经批准或者采取欺骗手段骗取批准，非法使用草原，构成犯罪的，依法追究刑事责任；尚不够刑事处罚的，由'
    '县级以上人民政府草原行政主管部门依据职权责令退还非法使用的草原，对违反草原保护、建设、利用规划擅自将草原改为建设用地'
    '的，限期拆除在非法使用的草原上新建的建筑物和其他设施，恢复草原植被，并处草原被非法使用前三年平均产值六倍以上十二倍以'
    '下的罚款。')
ANTI_MONOPOLY_62 = (  # 中华人民共和国反垄断法第62条
    '第七章 法律责任|对反垄断执法机构依法实施的审查和调查，拒绝提供有关材料、信息，或者提供虚假材料、信息，或者隐匿、销'
    '毁、转移证据，或者有其他拒绝、阻碍调查行为的，由反垄断执法机构责令改正，对单位处上一年度销售额百分之一以下的罚款，上'
    '一年度没有销售额或者销售额难以计算的，处五百万元以下的罚款；对个人处五十万元以下的罚款。')
LAWYERS_50 = (  # 中华人民共和国律师法第50条
    '第六章 法律责任|律师事务所有下列行为之一的，由设区的市级或者直辖市的区人民政府司法行政部门视其情节给予警告、停业整'
    '顿一个月以上六个月以下的处罚，可以处十万元以下的罚款；有违法所得的，没收违法所得；情节特别严重的，由省、自治区、直辖'
    '市人民政府司法行政部门吊销律师事务所执业证书：\n（一）违反规定接受委托、收取费用的；\n（二）违反法定程序办理变更'
    '名称、负责人、章程、合伙协议、住所、合伙人等重大事项的；\n（三）从事法律服务以外的经营活动的；\n（四）以诋毁其他'
    '律师事务所、律师或者支付介绍费等不正当手段承揽业务的；\n（五）违反规定接受有利益冲突的案件的；\n（六）拒绝履行法'
    '律援助义务的；\n（七）向司法行政部门提供虚假材料或者有其他弄虚作假行为的；\n（八）对本所律师疏于管理，造成严重后'
    '果的。\n律师事务所因前款违法行为受到处罚的，对其负责人视情节轻重，给予警告或者处二万元以下的罚款。')


def test_a_fine_joined_to_the_persons_detention_is_theirs():
    """反恐怖主义法第九十条 (sample 14 #14): …，并对其直接负责的主管人员和其他直接责任人员，处…拘留，可以并处五万元以下罚款
    — the persons' fine, not a second fine of the unit; 第二款 (个人有前款规定行为的，…可以并处一万元以下罚款) stays the individual's."""
    [row] = _rows("中华人民共和国反恐怖主义法", COUNTER_TERRORISM_90)
    assert _cases(row) == [(None, None, "二十万元以下"), (None, "直接负责的主管人员和其他直接责任人员", "五万元以下"),
                           (None, "个人", "一万元以下")]
    assert [f.on_persons for s in row.sanctions for f in s.fines] == [False, True, False]
    assert (row.fine.amounts[0].max, [f.amounts[0].max for f in row.persons_fines]) == (200_000, [50_000])


def test_persons_named_before_a_body_and_a_warning_are_the_fines_target():
    """反洗钱法第五十七条 (sample 14 #23): 对负有责任的董事…，可以由国务院有关金融管理部门给予警告或者处五十万元以下罚款."""
    first = _rows("中华人民共和国反洗钱法", AML_57)[0]
    persons = "负有责任的董事、监事、高级管理人员或者其他直接责任人员"
    assert _cases(first)[-1] == (None, persons, "五十万元以下")
    assert [f.target for s in first.sanctions for f in s.fines][:3] == [None, None, None]
    assert first.agencies == ["国务院有关金融管理部门"]


def test_a_bodys_proceedings_name_the_agency_and_the_persons_fine():
    """反洗钱法第五十六条 (sample 14 #37): 国务院反洗钱行政主管部门…依照本法…规定对金融机构进行处罚的，还可以根据情形对负有
    责任的董事…，给予警告或者处二十万元以下罚款 — the body is the agency, the fine is the persons'."""
    first, second = _rows("中华人民共和国反洗钱法", AML_56)[:2]
    body = "国务院反洗钱行政主管部门或者其设区的市级以上派出机构"
    persons = "负有责任的董事、监事、高级管理人员或者其他直接责任人员"
    assert first.agencies == second.agencies == [body]
    assert _cases(first) == [(None, persons, "二十万元以下")]
    assert _cases(second) == [(None, persons, "二十万元以上一百万元以下")]
    assert first.fine is None and [f.amounts[0].max for f in first.persons_fines] == [200_000]


def test_a_court_in_its_proceedings_is_the_body_of_the_measures():
    """著作权法第五十八条 (sample 14 agency #9): 人民法院审理案件，对于侵犯著作权…的，可以没收… — 人民法院."""
    [row] = _rows("中华人民共和国著作权法", COPYRIGHT_58)
    assert row.agencies == ["人民法院"]


def test_a_condition_after_a_targeted_fine_grades_that_targets_fine():
    """青藏高原生态保护法第五十八条: 对个人处一百元以上五百元以下罚款，情节严重的，处五百元以上一万元以下罚款；对单位处…;
    反垄断法第六十二条: 对单位处…，上一年度没有销售额…的，处五百万元以下的罚款；对个人处…."""
    [row] = _rows("中华人民共和国青藏高原生态保护法", QINGHAI_TIBET_58)
    assert _cases(row) == [(None, "个人", "一百元以上五百元以下"), ("情节严重的", "个人", "五百元以上一万元以下"),
                           (None, "单位", "五万元以上五十万元以下")]
    [row] = _rows("中华人民共和国反垄断法", ANTI_MONOPOLY_62)
    assert [target for _, target, _ in _cases(row)] == ["单位", "单位", "个人"]


def test_persons_measures_before_their_fine_keep_the_target():
    """证券投资基金法第一百三十八条: 对直接负责的主管人员和其他直接责任人员给予警告，撤销基金从业资格，并处三万元以上十万元
    以下罚款 — the persons' fine (the table showed a second fine of the unit)."""
    [row] = _rows("中华人民共和国证券投资基金法", FUNDS_138)
    assert _cases(row) == [(None, None, "十万元以上三十万元以下"),
                           (None, "直接负责的主管人员和其他直接责任人员", "三万元以上十万元以下")]
    assert row.fine.amounts[0].max == 300_000


def test_a_case_and_a_manner_are_not_targets():
    """草原法第六十五条: 对违反…规划擅自将草原改为建设用地的，限期拆除…，并处… (a case, no target); 律师法第五十条第二款:
    对其负责人视情节轻重，给予警告或者处二万元以下的罚款 (the target is 负责人, not …视情节轻重)."""
    [row] = _rows("中华人民共和国草原法", GRASSLAND_65)
    assert [target for _, target, _ in _cases(row)] == [None]
    rows = _rows("中华人民共和国律师法", LAWYERS_50)
    assert _cases(rows[0])[-1] == ("律师事务所因前款违法行为受到处罚的", "负责人", "二万元以下")
    assert rows[0].persons_fines[0].amounts[0].max == 20_000
