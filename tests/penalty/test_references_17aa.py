"""Fines by reference and the bodies of a sanction, on real clause text (issue 17aa, sample 17's range misses #7, #30
and agency misses #22, #24): a reference to another 款 in any wording (依照本条第一款关于直接负责的主管人员…的规定处理,
依照前款规定处以罚款) and to another article (依照本法第九十条的规定予以处罚) carries that part's fines; a unit's fine with
no amount stands when a persons' fine follows (人民法院除…外，并可以予以罚款); a sentence with no 的 ends its conduct at
，由…部门责令改正; a holder of a power (红十字会有权予以劝阻) and a body asked to act (提请人民政府责令…) are agencies."""

from dataclasses import replace

from kb.penalty.derived import borrow_articles
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.test_ranges_17h import _cases, _rows

ACCOUNTANTS_48 = (  # 中华人民共和国注册会计师法第48条
    '第七章 法律责任|会计师事务所违反本法第三十五条规定的，由国务院财政部门或者省、自治区、直辖市人民政府财政部门责令限期改正，'
    '给予警告、通报批评，没收违法所得，违法所得十万元以上的，可以并处违法所得一倍以上十倍以下的罚款，没有违法所得或者违法所得'
    '不足十万元的，可以并处一百万元以下的罚款；情节严重的，暂停其部分或者全部经营业务一个月至十二个月或者吊销其执业许可。对直接'
    '负责的主管人员和其他直接责任人员，责令限期改正，给予警告、通报批评，没收违法所得，可以并处五十万元以下的罚款。\n注册会计师'
    '违反本法第二十四条规定的，依照本条第一款关于直接负责的主管人员和其他直接责任人员的规定处理，情节严重的，暂停其执行业务一个'
    '月至十二个月或者吊销其注册会计师证书。'
)
PLANNING_62 = (  # 中华人民共和国城乡规划法第62条
    '第六章 法律责任|城乡规划编制单位有下列行为之一的，由所在地城市、县人民政府城乡规划主管部门责令限期改正，处合同约定的规划编制'
    '费一倍以上二倍以下的罚款；情节严重的，责令停业整顿，由原发证机关降低资质等级或者吊销资质证书；造成损失的，依法承担赔偿责任：'
    '\n（一）超越资质等级许可的范围承揽城乡规划编制工作的；\n（二）违反国家有关标准编制城乡规划的。\n未依法取得资质证书承揽城乡规'
    '划编制工作的，由县级以上地方人民政府城乡规划主管部门责令停止违法行为，依照前款规定处以罚款；造成损失的，依法承担赔偿责任。\n'
    '以欺骗手段取得资质证书承揽城乡规划编制工作的，由原发证机关吊销资质证书，依照本条第一款规定处以罚款；造成损失的，依法承担赔偿'
    '责任。'
)
ROAD_90 = ('第七章 法律责任|机动车驾驶人违反道路交通安全法律、法规关于道路通行规定的，处警告或者二十元以上二百元以下罚款。本法另有'
           '规定的，依照规定处罚。')   # 中华人民共和国道路交通安全法第90条
ROAD_95 = (  # 中华人民共和国道路交通安全法第95条
    '第七章 法律责任|上道路行驶的机动车未悬挂机动车号牌，未放置检验合格标志、保险标志，或者未随车携带行驶证、驾驶证的，公安机关交'
    '通管理部门应当扣留机动车，通知当事人提供相应的牌证、标志或者补办相应手续，并可以依照本法第九十条的规定予以处罚。当事人提供相应'
    '的牌证、标志或者补办相应手续的，应当及时退还机动车。\n故意遮挡、污损或者不按规定安装机动车号牌的，依照本法第九十条的规定予以处罚。'
)
CIVIL_PROCEDURE_117 = (  # 中华人民共和国民事诉讼法第117条
    '第十章 对妨害民事诉讼的强制措施|有义务协助调查、执行的单位有下列行为之一的，人民法院除责令其履行协助义务外，并可以予以罚款：\n'
    '（一）有关单位拒绝或者妨碍人民法院调查取证的；\n（二）有关单位接到人民法院协助执行通知书后，拒不协助查询、扣押、冻结、划拨、'
    '变价财产的；\n（三）有关单位接到人民法院协助执行通知书后，拒不协助扣留被执行人的收入、办理有关财产权证照转移手续、转交有关票证'
    '、证照或者其他财产的；\n（四）其他拒绝协助执行的。\n人民法院对有前款规定的行为之一的单位，可以对其主要负责人或者直接责任人员予以'
    '罚款；对仍不履行协助义务的，可以予以拘留；并可以向监察机关或者有关机关提出予以纪律处分的司法建议。'
)
BLOOD_19 = ('血站违反有关操作规程和制度采集血液，由县级以上地方人民政府卫生行政部门责令改正；给献血者健康造成损害的，应当依法赔偿，'
            '对直接负责的主管人员和其他直接责任人员，依法给予行政处分；构成犯罪的，依法追究刑事责任。')   # 中华人民共和国献血法第19条
RED_CROSS_19 = (  # 中华人民共和国红十字标志使用办法第19条
    '第五章 罚则|对违反本办法的规定，有下列情形之一的，红十字会有权予以劝阻，并要求其停止使用；拒绝停止使用的，红十字会可以提请人民'
    '政府责令停止使用：\n(一)红十字会的工作人员、会员、红十字青少年会员以外的人员使用标明性红十字标志的；\n(二)非红十字会使用的建筑物'
    '及其他场所使用标明性红十字标志的；\n(三)非红十字会的医疗机构使用标明性红十字标志的；\n(四)不属于红十字会的物品、运输工具等使用'
    '标明性红十字标志的；\n(五)有违反本办法规定使用红十字标志的其他情形的。'
)
OCCUPATIONAL_75 = (  # 中华人民共和国职业病防治法第75条 (first item only)
    '第七章 法律责任|违反本法规定，有下列情形之一的，由卫生行政部门责令限期治理，并处五万元以上三十万元以下的罚款；情节严重的，责令'
    '停止产生职业病危害的作业，或者提请有关人民政府按照国务院规定的权限责令关闭：\n（一）隐瞒技术、工艺、设备、材料所产生的职业病危害'
    '而采用的；'
)


def test_a_reference_to_the_persons_part_of_another_paragraph_carries_their_fine():
    """注册会计师法第四十八条第二款 (sample 17 #7): 依照本条第一款关于直接负责的主管人员…的规定处理 = 可以并处五十万元以下."""
    rows = _rows("中华人民共和国注册会计师法", ACCOUNTANTS_48)
    accountant = next(r for r in rows if r.paragraph == 2)
    assert _cases(accountant) == [(None, None, "五十万元以下")]
    assert accountant.fine.optional and accountant.sanctions[0].source == "第一款"
    firm = next(r for r in rows if r.paragraph == 1)    # the firm's own fines are not the accountant's
    assert "一百万元以下" not in [c[2] for c in _cases(accountant)] and "一百万元以下" in [c[2] for c in _cases(firm)]


def test_a_fine_by_reference_without_amount_takes_the_amount_of_the_paragraph_it_names():
    """城乡规划法第六十二条第二款、第三款: 依照前款规定处以罚款 / 依照本条第一款规定处以罚款 — the amount of 第一款, and
    the 款's own body (no 所在地…主管部门 copied from 第一款)."""
    rows = _rows("中华人民共和国城乡规划法", PLANNING_62)
    for paragraph in (2, 3):
        row = next(r for r in rows if r.paragraph == paragraph)
        assert _cases(row) == [(None, None, "合同约定的规划编制费一倍以上二倍以下")]
        assert "所在地城市、县人民政府城乡规划主管部门" not in row.agencies and row.agencies


def test_a_reference_to_another_article_carries_its_fines():
    """道路交通安全法第九十五条: 并可以依照本法第九十条的规定予以处罚 → 第九十条's 二十元以上二百元以下."""
    document, [first, second] = make_document("中华人民共和国道路交通安全法", [ROAD_90, ROAD_95])
    clauses = [replace(first, id=90, article=90), replace(second, id=95, article=95)]
    rows = [row for clause in clauses for row in parse_clause(clause)]
    before = [r for r in rows if r.clause.article == 95 and r.paragraph == 1]
    assert before and not any(f.amounts for r in before for s in r.sanctions for f in s.fines)
    borrow_articles(rows)
    [row] = before
    assert [c[2] for c in _cases(row)] == ["二十元以上二百元以下"]
    assert row.sanctions[0].source == "第九十条"


def test_a_unit_fine_without_amount_stays_when_a_persons_fine_follows():
    """民事诉讼法第一百一十七条 (sample 17 #30): the unit's 并可以予以罚款 (no amount) and 第二款's persons' fine."""
    rows = _rows("中华人民共和国民事诉讼法", CIVIL_PROCEDURE_117)
    row = next(r for r in rows if r.item == 2)
    fines = [(f.target, f.status) for s in row.sanctions for f in s.fines]
    assert fines == [(None, "no_amount"), ("主要负责人或者直接责任人员", "no_amount")]
    assert row.fine is not None and row.agencies == ["人民法院"]


def test_a_conduct_without_de_ends_at_the_body_that_orders_it_corrected():
    """献血法第十九条 (sample 17 #24): 血站违反…采集血液，由…卫生行政部门责令改正 — the conduct and the body."""
    [row] = _rows("中华人民共和国献血法", BLOOD_19)
    assert row.conduct == "血站违反有关操作规程和制度采集血液"
    assert row.agencies == ["县级以上地方人民政府卫生行政部门"]


def test_the_holder_of_a_power_and_a_body_asked_to_act_are_agencies():
    """红十字标志使用办法第十九条 (sample 17 #22) and 职业病防治法第七十五条 (提请有关人民政府…责令关闭)."""
    rows = _rows("红十字标志使用办法", RED_CROSS_19)
    assert len(rows) == 5 and all(r.agencies == ["红十字会", "人民政府"] for r in rows)
    assert [s.condition for s in rows[3].sanctions] == [None, "拒绝停止使用的"]
    [row] = _rows("中华人民共和国职业病防治法", OCCUPATIONAL_75)
    assert row.agencies == ["卫生行政部门", "有关人民政府"]


BANKRUPTCY_130 = ('第十一章 法律责任|管理人未依照本法规定勤勉尽责，忠实执行职务的，人民法院可以依法处以罚款；给债权人、债务人或者第三'
                  '人造成损失的，依法承担赔偿责任。')   # 中华人民共和国企业破产法第130条
VACCINES_82 = (  # 中华人民共和国疫苗管理法第82条
    '第十章 法律责任|除本法另有规定的情形外，疫苗上市许可持有人或者其他单位违反药品相关质量管理规范的，由县级以上人民政府药品监督管理'
    '部门责令改正，给予警告；拒不改正的，处二十万元以上五十万元以下的罚款；情节严重的，处五十万元以上三百万元以下的罚款，责令停产停'
    '业整顿，直至吊销药品相关批准证明文件、药品生产许可证等，对法定代表人、主要负责人、直接负责的主管人员和关键岗位人员以及其他责任'
    '人员，没收违法行为发生期间自本单位所获收入，并处所获收入百分之五十以上十倍以下的罚款，十年内直至终身禁止从事药品生产经营活动。'
)


def test_a_court_that_fines_ends_the_conduct():
    """企业破产法第一百三十条: …的，人民法院可以依法处以罚款 — the conduct is the 管理人's, not the loss after it."""
    [row] = _rows("中华人民共和国企业破产法", BANKRUPTCY_130)
    assert row.conduct == "管理人未依照本法规定勤勉尽责，忠实执行职务"
    assert row.agencies == ["人民法院"] and row.fine.status == "no_amount"


def test_a_scope_before_the_conduct_is_no_sanction():
    """疫苗管理法第八十二条: 除本法另有规定的情形外，…的，由…部门责令改正 — a scope, not 除…外 of a sanction."""
    [row] = _rows("中华人民共和国疫苗管理法", VACCINES_82)
    assert row.conduct == "疫苗上市许可持有人或者其他单位违反药品相关质量管理规范"
    assert row.agencies == ["县级以上人民政府药品监督管理部门"]
    assert ("拒不改正的", None, "二十万元以上五十万元以下") in _cases(row)


def test_a_body_that_asks_another_is_not_one_name_with_it():
    """节约能源法第七十一条 (…由管理节能工作的部门报请本级人民政府按照国务院规定的权限责令关闭): two bodies."""
    text = ('第六章 法律责任|使用国家明令淘汰的用能设备或者生产工艺的，由管理节能工作的部门责令停止使用，没收国家明令淘汰的用能设'
            '备；情节严重的，可以由管理节能工作的部门提出意见，报请本级人民政府按照国务院规定的权限责令停业整顿或者关闭。')
    [row] = _rows("中华人民共和国节约能源法", text)
    assert row.agencies == ["管理节能工作的部门", "本级人民政府"]
    mines = ('第七章 法律责任|矿山建设工程的安全设施未经验收或者验收不合格擅自投入生产的，由劳动行政主管部门会同管理矿山企业的主管部门'
             '责令停止生产，并由劳动行政主管部门处以罚款；拒不停止生产的，由劳动行政主管部门提请县级以上人民政府决定由有关主管部门吊销其'
             '采矿许可证和营业执照。')   # 矿山安全法第四十三条
    [row] = _rows("中华人民共和国矿山安全法", mines)
    assert not any("提请" in a for a in row.agencies) and "县级以上人民政府" in row.agencies


LIBRARIES_50 = (  # 中华人民共和国公共图书馆法第50条
    '第五章 法律责任|公共图书馆及其工作人员有下列行为之一的，由文化主管部门责令改正，没收违法所得：\n（一）违规处置文献信息；\n（二）出售'
    '或者以其他方式非法向他人提供读者的个人信息、借阅信息以及其他可能涉及读者隐私的信息；\n（三）向社会公众提供文献信息违反有关法律、行政'
    '法规的规定，或者向未成年人提供内容不适宜的文献信息；\n（四）将设施设备场地用于与公共图书馆服务无关的商业经营活动；\n（五）其他不履行'
    '本法规定的公共图书馆服务要求的行为。\n公共图书馆及其工作人员对应当免费提供的服务收费或者变相收费的，由价格主管部门依照前款规定给予处罚。'
    '\n公共图书馆及其工作人员有前两款规定行为的，对直接负责的主管人员和其他直接责任人员依法追究法律责任。'
)


def test_a_body_named_with_the_reference_replaces_the_bodies_of_the_paragraph_it_names():
    """公共图书馆法第五十条第二款: 由价格主管部门依照前款规定给予处罚 — 价格主管部门, not 第一款's 文化主管部门."""
    row = next(r for r in _rows("中华人民共和国公共图书馆法", LIBRARIES_50) if r.paragraph == 2)
    assert row.agencies == ["价格主管部门"]
    assert "没收违法所得" in [m for s in row.sanctions for m in s.measures]
