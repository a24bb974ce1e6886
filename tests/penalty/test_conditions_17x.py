"""Conditions on a fine, on real clause text (issue 17x, sample 16's range misses #8, #38, #37 and the causes the
whole-table condition audit, ``benchmarks/penalty_audit.py --conditions``, found): a condition that grades a fine is
kept on it when the fine opens with 单处或者并处 or 或者处 (also when the fine comes by 依照前款); the responsible persons
fined by reference (对直接负责的主管人员…，依照第一款的规定处罚) carry that 款's fines with their conditions; a sentence that
opens with a condition keeps it on its persons' fine and on the amount bands after it; the first item of
依照下列规定处以罚款：（一）…的，处… is a case as the others are; and a shape that must stay as it was (a band opening
its sentence is no scope of the next band)."""

from tests.penalty.test_ranges_17h import _cases, _rows

COUNTER_ESPIONAGE_54 = (  # 中华人民共和国反间谍法第54条
    '第五章 法律责任|个人实施间谍行为，尚不构成犯罪的，由国家安全机关予以警告或者处十五日以下行政拘留，单处或者并处五万元以'
    '下罚款，违法所得在五万元以上的，单处或者并处违法所得一倍以上五倍以下罚款，并可以由有关部门依法予以处分。\n明知他人实施间'
    '谍行为，为其提供信息、资金、物资、劳务、技术、场所等支持、协助，或者窝藏、包庇，尚不构成犯罪的，依照前款的规定处罚。\n单'
    '位有前两款行为的，由国家安全机关予以警告，单处或者并处五十万元以下罚款，违法所得在五十万元以上的，单处或者并处违法所得一'
    '倍以上五倍以下罚款，并对直接负责的主管人员和其他直接责任人员，依照第一款的规定处罚。\n国家安全机关根据相关单位、人员违法'
    '情节和后果，可以建议有关主管部门依法责令停止从事相关业务、提供相关服务或者责令停产停业、吊销有关证照、撤销登记。有关主管'
    '部门应当将作出行政处理的情况及时反馈国家安全机关。'
)
EXIT_ENTRY_72 = (  # 中华人民共和国出境入境管理法第72条
    '第七章 法律责任|协助他人非法出境入境的，处二千元以上一万元以下罚款；情节严重的，处十日以上十五日以下拘留，并处五千元以'
    '上二万元以下罚款，有违法所得的，没收违法所得。\n单位有前款行为的，处一万元以上五万元以下罚款，有违法所得的，没收违法所得'
    '，并对其直接负责的主管人员和其他直接责任人员依照前款规定予以处罚。'
)
COUNTER_TERRORISM_91 = (  # 中华人民共和国反恐怖主义法第91条
    '第九章 法律责任|拒不配合有关部门开展反恐怖主义安全防范、情报信息、调查、应对处置工作的，由主管部门处二千元以下罚款；造'
    '成严重后果的，处五日以上十五日以下拘留，可以并处一万元以下罚款。\n单位有前款规定行为的，由主管部门处五万元以下罚款；造成'
    '严重后果的，处十万元以下罚款；并对其直接负责的主管人员和其他直接责任人员依照前款规定处罚。'
)
COMPANY_251 = (  # 中华人民共和国公司法第251条
    '第十四章 法律责任|公司未依照本法第四十条规定公示有关信息或者不如实公示有关信息的，由公司登记机关责令改正，可以处以一万'
    '元以上五万元以下的罚款。情节严重的，处以五万元以上二十万元以下的罚款；对直接负责的主管人员和其他直接责任人员处以一万元以'
    '上十万元以下的罚款。'
)
WORK_SAFETY_92 = (  # 中华人民共和国安全生产法第92条
    '第六章 法律责任|承担安全评价、认证、检测、检验职责的机构出具失实报告的，责令停业整顿，并处三万元以上十万元以下的罚款；'
    '给他人造成损害的，依法承担赔偿责任。\n承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告的，没收违法所'
    '得；违法所得在十万元以上的，并处违法所得二倍以上五倍以下的罚款，没有违法所得或者违法所得不足十万元的，单处或者并处十万元'
    '以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；给他人造成损害的，与生产经'
    '营单位承担连带赔偿责任；构成犯罪的，依照刑法有关规定追究刑事责任。\n对有前款违法行为的机构及其直接责任人员，吊销其相应资'
    '质和资格，五年内不得从事安全评价、认证、检测、检验等工作；情节严重的，实行终身行业和职业禁入。'
)
WORK_SAFETY_103 = (  # 中华人民共和国安全生产法第103条
    '第六章 法律责任|生产经营单位将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人的，责'
    '令限期改正，没收违法所得；违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款；没有违法所得或者违法所得不足十万元的'
    '，单处或者并处十万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；导致发'
    '生生产安全事故给他人造成损害的，与承包方、承租方承担连带赔偿责任。\n生产经营单位未与承包单位、承租单位签订专门的安全生产'
    '管理协议或者未在承包合同、租赁合同中明确各自的安全生产管理职责，或者未对承包单位、承租单位的安全生产统一协调、管理的，责'
    '令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业整'
    '顿。\n矿山、金属冶炼建设项目和用于生产、储存、装卸危险物品的建设项目的施工单位未按照规定对施工项目进行安全管理的，责令限'
    '期改正，处十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以下的罚款；逾期未改正的，责令停产停业整顿。'
    '以上施工单位倒卖、出租、出借、挂靠或者以其他形式非法转让施工资质的，责令停产停业整顿，吊销资质证书，没收违法所得；违法所'
    '得十万元以上的，并处违法所得二倍以上五倍以下的罚款，没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元'
    '以下的罚款；对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责'
    '任。'
)
WORK_SAFETY_95 = (  # 中华人民共和国安全生产法第95条
    '第六章 法律责任|生产经营单位的主要负责人未履行本法规定的安全生产管理职责，导致发生生产安全事故的，由应急管理部门依照下'
    '列规定处以罚款：\n（一）发生一般事故的，处上一年年收入百分之四十的罚款；\n（二）发生较大事故的，处上一年年收入百分之六十'
    '的罚款；\n（三）发生重大事故的，处上一年年收入百分之八十的罚款；\n（四）发生特别重大事故的，处上一年年收入百分之一百的罚'
    '款。'
)
TELECOM_FRAUD_43 = (  # 中华人民共和国反电信网络诈骗法第43条
    '第六章 法律责任|违反本法第二十五条第二款规定，由有关主管部门责令改正，情节较轻的，给予警告、通报批评，或者处五万元以上'
    '五十万元以下罚款；情节严重的，处五十万元以上五百万元以下罚款，并可以由有关主管部门责令暂停相关业务、停业整顿、关闭网站或'
    '者应用程序，对其直接负责的主管人员和其他直接责任人员，处一万元以上二十万元以下罚款。'
)
UNFAIR_COMPETITION_23 = (  # 中华人民共和国反不正当竞争法第23条
    '第四章 法律责任|经营者违反本法第七条规定实施混淆行为或者帮助他人实施混淆行为的，由监督检查部门责令停止违法行为，没收违'
    '法商品。违法经营额五万元以上的，可以并处违法经营额五倍以下的罚款；没有违法经营额或者违法经营额不足五万元的，可以并处二十'
    '五万元以下的罚款；情节严重的，并处吊销营业执照。\n销售本法第七条规定的违法商品的，依照前款规定予以处罚；销售者不知道其销'
    '售的商品属于违法商品，能证明该商品是自己合法取得并说明提供者的，由监督检查部门责令停止销售，不予行政处罚。\n经营者登记的'
    '名称违反本法第七条规定的，应当及时办理名称变更登记；名称变更前，由登记机关以统一社会信用代码代替其名称。'
)
MINERALS_67 = (  # 中华人民共和国矿产资源法第67条
    '第七章 法律责任|违反本法规定，采矿权人未取得采矿许可证进行矿产资源开采作业的，由县级以上人民政府自然资源主管部门责令改'
    '正；拒不改正的，没收直接用于违法开采的工具、设备以及违法采出的矿产品，处违法采出的矿产品市场价值一倍以上三倍以下罚款，没'
    '有采出矿产品或者违法采出的矿产品市场价值不足十万元的，处十万元以上五十万元以下罚款，并可以责令停业整顿。\n违反本法规定，'
    '从事石油、天然气等矿产资源勘查活动，未在国务院自然资源主管部门规定的期限内依法取得采矿许可证进行开采的，依照前款规定处罚'
    '。'
)

PERSONS = "直接负责的主管人员和其他直接责任人员"


def _row(law, text, paragraph=1):
    return next(r for r in _rows(law, text) if r.paragraph == paragraph)


def test_a_gain_band_after_a_fine_keeps_its_condition():
    """反间谍法第五十四条第一款 (sample 16): …单处或者并处五万元以下罚款，违法所得在五万元以上的，单处或者并处违法所得
    一倍以上五倍以下罚款 — the multiple only when the gain is 五万元 or more; 第二款 (依照前款的规定处罚) keeps it too."""
    rows = _rows("中华人民共和国反间谍法", COUNTER_ESPIONAGE_54)
    first, second = rows[0], rows[1]
    assert _cases(first) == [(None, None, "五万元以下"), ("违法所得在五万元以上的", None, "违法所得一倍以上五倍以下")]
    assert _cases(second) == _cases(first)
    assert [s.source for s in second.sanctions if s.fines] == ["第一款", "第一款"]
    assert first.fine.amounts[0].max == 50_000


def test_persons_fined_by_reference_carry_that_paragraphs_fines():
    """反间谍法第五十四条第三款 (sample 16 #8): 并对直接负责的主管人员和其他直接责任人员，依照第一款的规定处罚."""
    unit = _row("中华人民共和国反间谍法", COUNTER_ESPIONAGE_54, 3)
    assert _cases(unit) == [(None, None, "五十万元以下"), ("违法所得在五十万元以上的", None, "违法所得一倍以上五倍以下"),
                            (None, PERSONS, "五万元以下"), ("违法所得在五万元以上的", PERSONS, "违法所得一倍以上五倍以下")]
    assert [f.on_persons for f in unit.persons_fines] == [True, True]
    assert unit.fine.amounts[0].max == 500_000             # the unit's own fine stays the row's fine


def test_persons_by_reference_inside_a_later_paragraph_count_from_it():
    """出境入境管理法第七十二条: 单位有前款行为的，…，有违法所得的，没收违法所得，并对其直接负责的主管人员…依照前款规定
    予以处罚 — 前款 is 第一款 (the row's own), and 有违法所得的 is no condition of the persons' fine."""
    [row] = _rows("中华人民共和国出境入境管理法", EXIT_ENTRY_72)
    persons = [(s.condition, f.amounts[0].label, s.source) for s in row.sanctions for f in s.fines if f.on_persons]
    assert persons == [(None, "二千元以上一万元以下", "第一款"), ("情节严重的", "五千元以上二万元以下", "第一款")]
    detained = [(s.condition, t) for s in row.sanctions for t, _ in s.detentions]
    assert ("情节严重的", PERSONS) in detained


def test_persons_reference_after_a_case_is_every_cases():
    """反恐怖主义法第九十一条第二款: …；造成严重后果的，处十万元以下罚款；并对其直接负责的主管人员…依照前款规定处罚."""
    [row] = _rows("中华人民共和国反恐怖主义法", COUNTER_TERRORISM_91)
    persons = [(s.condition, f.amounts[0].label) for s in row.sanctions for f in s.fines if f.on_persons]
    assert persons == [(None, "二千元以下"), ("造成严重后果的", "一万元以下")]


def test_a_sentence_opening_with_a_condition_keeps_it_on_the_persons_fine():
    """公司法第二百五十一条 (sample 16 #37): 。情节严重的，处以…罚款；对直接负责的主管人员…处以一万元以上十万元以下的罚款."""
    [row] = _rows("中华人民共和国公司法", COMPANY_251)
    assert _cases(row) == [(None, None, "一万元以上五万元以下"), ("情节严重的", None, "五万元以上二十万元以下"),
                           ("情节严重的", PERSONS, "一万元以上十万元以下")]
    assert row.persons_fines[0].amounts[0].max == 100_000


def test_a_sibling_band_opening_with_danchu_replaces_the_band():
    """安全生产法第九十二条第二款: 违法所得在十万元以上的，并处…，没有违法所得或者违法所得不足十万元的，单处或者并处…."""
    row = _row("中华人民共和国安全生产法", WORK_SAFETY_92, 2)
    assert _cases(row)[:2] == [("违法所得在十万元以上的", None, "违法所得二倍以上五倍以下"),
                               ("没有违法所得或者违法所得不足十万元的", None, "十万元以上二十万元以下")]
    assert _cases(row)[2] == (None, PERSONS, "五万元以上十万元以下")


def test_bands_and_persons_of_a_sentence_keep_its_opening_case():
    """安全生产法第一百零三条第三款: 。以上施工单位…非法转让施工资质的，…；违法所得十万元以上的，并处…，没有违法所得…的，
    单处或者并处…；对其直接负责的主管人员…处五万元以上十万元以下的罚款."""
    row = _row("中华人民共和国安全生产法", WORK_SAFETY_103, 3)
    case = "以上施工单位倒卖、出租、出借、挂靠或者以其他形式非法转让施工资质的"
    assert _cases(row) == [(None, None, "十万元以下"), (None, PERSONS, "二万元以下"),
                           (f"{case}，违法所得十万元以上的", None, "违法所得二倍以上五倍以下"),
                           (f"{case}，没有违法所得或者违法所得不足十万元的", None, "十万元以上二十万元以下"),
                           (case, PERSONS, "五万元以上十万元以下")]


def test_a_fine_offered_with_or_keeps_the_condition():
    """反电信网络诈骗法第四十三条: 情节较轻的，给予警告、通报批评，或者处五万元以上五十万元以下罚款."""
    [row] = _rows("中华人民共和国反电信网络诈骗法", TELECOM_FRAUD_43)
    assert _cases(row)[0] == ("情节较轻的", None, "五万元以上五十万元以下")
    assert row.fine is None                                 # no unconditional fine
    assert _cases(row)[-1] == ("情节严重的", PERSONS, "一万元以上二十万元以下")


def test_the_first_listed_case_is_a_case():
    """安全生产法第九十五条: 依照下列规定处以罚款：（一）发生一般事故的，处上一年年收入百分之四十的罚款；（二）…."""
    [row] = _rows("中华人民共和国安全生产法", WORK_SAFETY_95)
    graded = [(c, label) for c, _, label in
              [(s.condition, None, f.amounts[0].label) for s in row.sanctions for f in s.fines if f.amounts]]
    assert graded[0] == ("（一）发生一般事故的", "上一年年收入百分之四十")
    assert [c for c, _ in graded] == ["（一）发生一般事故的", "（二）发生较大事故的", "（三）发生重大事故的",
                                      "（四）发生特别重大事故的"]
    assert not row.fine.amounts                             # 处以罚款: the amount is set by the cases


def test_a_band_opening_its_sentence_is_no_scope_of_the_next_band():
    """反不正当竞争法第二十三条 (must stay): 。违法经营额五万元以上的，可以并处…；没有违法经营额或者…不足五万元的，…."""
    row = _rows("中华人民共和国反不正当竞争法", UNFAIR_COMPETITION_23)[0]
    assert _cases(row) == [("违法经营额五万元以上的", None, "违法经营额五倍以下"),
                           ("没有违法经营额或者违法经营额不足五万元的", None, "二十五万元以下")]


def test_an_amount_band_grades_the_fine_not_the_measures_after_it():
    """矿产资源法第六十七条: 拒不改正的，…处…罚款，没有采出矿产品或者…不足十万元的，处…罚款，并可以责令停业整顿 — the
    停业整顿 of every refusal, not only of the band; 反间谍法第五十四条: 并可以由有关部门依法予以处分 is no gain's measure."""
    row = _rows("中华人民共和国矿产资源法", MINERALS_67)[0]
    closing = [s.condition for s in row.sanctions if "停工整治" in s.measures]
    assert closing == ["拒不改正的"]
    assert _cases(row)[1] == ("拒不改正的，没有采出矿产品或者违法采出的矿产品市场价值不足十万元的", None, "十万元以上五十万元以下")
    espionage = _rows("中华人民共和国反间谍法", COUNTER_ESPIONAGE_54)[0]
    assert [s.condition for s in espionage.sanctions if "给予处分" in s.measures] == [None]
