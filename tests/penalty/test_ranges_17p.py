"""Fine ranges and agencies on real clause text (issue 17p, sample 13's range and agency misses and the causes
the whole-table range audit, ``benchmarks/penalty_audit.py``, found): an item lead without 的 (有下列情形之一，由…),
a body as the subject of the sanction (…的，保险监督管理机构除…外，对其…; …的，国务院证券监督管理机构可以…采取…),
a per-unit fine with a cap (处每非法居留一日五百元，总额不超过一万元的罚款), the amount before 处以罚款 (以每人…的标准;
按照前款罚款数额的…倍), a parenthesis inside a fine phrase, an offender named like a body (金融机构…对…), 管制 that is
no criminal sentence, a conduct ending at ，由…部门 with no 的, a scope 依照…的规定，, a later sentence of a 前款
paragraph, 对…的驾驶人，处…, 分别由…; and the shapes that must stay as they were (a body's power, 依照本法应当给予
行政拘留处罚的, 对快递企业，并由…)."""

from kb.penalty.amounts import fine_mentions
from kb.penalty.present import fine_label
from kb.penalty.table import amount_findings
from tests.corpus_builders import make_document
from tests.penalty.test_ranges_17h import _cases, _rows

QUALITY_49 = (  # 中华人民共和国产品质量法第49条
    '第五章 罚则|生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的，责令停止生产、销售，没收违法生产'
    '、销售的产品，并处违法生产、销售产品（包括已售出和未售出的产品，下同）货值金额等值以上三倍以下的罚款；有违法所得的，并处'
    '没收违法所得；情节严重的，吊销营业执照；构成犯罪的，依法追究刑事责任。')
SPORTS_112 = (  # 中华人民共和国体育法第112条
    '第十一章 法律责任|运动员、教练员、裁判员违反本法规定，有违反体育道德和体育赛事规则，弄虚作假、营私舞弊等行为的，由体育'
    '组织按照有关规定给予处理；情节严重、社会影响恶劣的，由县级以上人民政府体育行政部门纳入限制、禁止参加竞技体育活动名单；有'
    '违法所得的，没收违法所得，并处一万元以上十万元以下的罚款。\n利用体育赛事从事赌博活动的，由公安机关依法查处。')
INSURANCE_171 = (  # 中华人民共和国保险法第171条
    '第七章 法律责任|保险公司、保险资产管理公司、保险专业代理机构、保险经纪人违反本法规定的，保险监督管理机构除分别依照本法'
    '第一百六十条至第一百七十条的规定对该单位给予处罚外，对其直接负责的主管人员和其他直接责任人员给予警告，并处一万元以上十万'
    '元以下的罚款；情节严重的，撤销任职资格。')
EXIT_78 = (  # 中华人民共和国出境入境管理法第78条
    '第七章 法律责任|外国人非法居留的，给予警告；情节严重的，处每非法居留一日五百元，总额不超过一万元的罚款或者五日以上十五'
    '日以下拘留。\n因监护人或者其他负有监护责任的人未尽到监护义务，致使未满十六周岁的外国人非法居留的，对监护人或者其他负有监'
    '护责任的人给予警告，可以并处一千元以下罚款。')
EXIT_80 = (  # 中华人民共和国出境入境管理法第80条
    '第七章 法律责任|外国人非法就业的，处五千元以上二万元以下罚款；情节严重的，处五日以上十五日以下拘留，并处五千元以上二万'
    '元以下罚款。\n介绍外国人非法就业的，对个人处每非法介绍一人五千元，总额不超过五万元的罚款；对单位处每非法介绍一人五千元，'
    '总额不超过十万元的罚款；有违法所得的，没收违法所得。\n非法聘用外国人的，处每非法聘用一人一万元，总额不超过十万元的罚款；'
    '有违法所得的，没收违法所得。')
CRIMINAL_PROCEDURE_82 = (  # 中华人民共和国刑事诉讼法第82条
    '第六章 强制措施|公安机关对于现行犯或者重大嫌疑分子，如果有下列情形之一的，可以先行拘留：\n（一）正在预备犯罪、实行犯罪'
    '或者在犯罪后即时被发觉的；\n（二）被害人或者在场亲眼看见的人指认他犯罪的；\n（三）在身边或者住处发现有犯罪证据的；\n（四'
    '）犯罪后企图自杀、逃跑或者在逃的；\n（五）有毁灭、伪造证据或者串供可能的；\n（六）不讲真实姓名、住址，身份不明的；\n（七'
    '）有流窜作案、多次作案、结伙作案重大嫌疑的。')
LABOUR_84 = (  # 中华人民共和国劳动合同法第84条
    '第七章 法律责任|用人单位违反本法规定，扣押劳动者居民身份证等证件的，由劳动行政部门责令限期退还劳动者本人，并依照有关法'
    '律规定给予处罚。\n用人单位违反本法规定，以担保或者其他名义向劳动者收取财物的，由劳动行政部门责令限期退还劳动者本人，并以'
    '每人五百元以上二千元以下的标准处以罚款；给劳动者造成损害的，应当承担赔偿责任。\n劳动者依法解除或者终止劳动合同，用人单位'
    '扣押劳动者档案或者其他物品的，依照前款规定处罚。')
CHEMICALS_105 = (  # 中华人民共和国危险化学品安全法第105条
    '第九章 法律责任|生产、储存、使用危险化学品的单位转产、停产、停业或者解散，未采取有效措施及时、妥善处置其危险化学品生产'
    '装置、储存设施以及库存的危险化学品，或者丢弃危险化学品的，由应急管理部门责令限期改正，处十万元以上五十万元以下的罚款。\n'
    '生产、储存、使用危险化学品的单位转产、停产、停业或者解散，未依照本法规定将其危险化学品生产装置、储存设施以及库存危险化学'
    '品的处置方案报有关部门备案的，分别由有关部门责令限期改正，可以处二万元以上十万元以下的罚款；逾期不改正的，处十万元以上二'
    '十万元以下的罚款。')
TERROR_83 = (  # 中华人民共和国反恐怖主义法第83条
    '第九章 法律责任|金融机构和特定非金融机构对国家反恐怖主义工作领导机构的办事机构公告的恐怖活动组织及恐怖活动人员的资金或'
    '者其他资产，未立即予以冻结的，由公安机关处二十万元以上五十万元以下罚款，并对直接负责的董事、高级管理人员和其他直接责任人'
    '员处十万元以下罚款；情节严重的，处五十万元以上罚款，并对直接负责的董事、高级管理人员和其他直接责任人员，处十万元以上五十'
    '万元以下罚款，可以并处五日以上十五日以下拘留。')
BANK_75 = (  # 中华人民共和国商业银行法第75条
    '第八章 法律责任|商业银行有下列情形之一，由国务院银行业监督管理机构责令改正，并处二十万元以上五十万元以下罚款；情节特别'
    '严重或者逾期不改正的，可以责令停业整顿或者吊销其经营许可证；构成犯罪的，依法追究刑事责任：\n（一）拒绝或者阻碍国务院银行'
    '业监督管理机构检查监督的；\n（二）提供虚假的或者隐瞒重要事实的财务会计报告、报表和统计报表的；\n（三）未遵守资本充足率、'
    '资产流动性比例、同一借款人贷款比例和国务院银行业监督管理机构有关资产负债比例管理的其他规定的。')
SAFETY_114 = (  # 中华人民共和国安全生产法第114条
    '第六章 法律责任|发生生产安全事故，对负有责任的生产经营单位除要求其依法承担相应的赔偿等责任外，由应急管理部门依照下列规'
    '定处以罚款：\n（一）发生一般事故的，处三十万元以上一百万元以下的罚款；\n（二）发生较大事故的，处一百万元以上二百万元以下'
    '的罚款；\n（三）发生重大事故的，处二百万元以上一千万元以下的罚款；\n（四）发生特别重大事故的，处一千万元以上二千万元以下'
    '的罚款。\n发生生产安全事故，情节特别严重、影响特别恶劣的，应急管理部门可以按照前款罚款数额的二倍以上五倍以下对负有责任的'
    '生产经营单位处以罚款。')
AVIATION_244 = (  # 中华人民共和国民用航空法第244条
    '第十五章 法律责任|违反本法规定，空中交通管制员值勤时间超过规定时限的，由国务院民用航空主管部门对民用航空空中交通管制单'
    '位处一万元以上十万元以下的罚款。\n违反本法规定，空中交通管制员从事空中交通管制工作时，受到酒精类饮料、麻醉剂或者其他药物'
    '的影响，损及工作能力的，由国务院民用航空主管部门给予警告，暂扣执照一个月至六个月；情节严重的，吊销执照，对民用航空空中交'
    '通管制单位处一万元以上十万元以下的罚款。')
PUBLIC_ORDER_23 = (  # 中华人民共和国治安管理处罚法第23条
    '第二章 处罚的种类和适用|违反治安管理行为人有下列情形之一，依照本法应当给予行政拘留处罚的，不执行行政拘留处罚：\n（一）'
    '已满十四周岁不满十六周岁的；\n（二）已满十六周岁不满十八周岁，初次违反治安管理的；\n（三）七十周岁以上的；\n（四）怀孕或'
    '者哺乳自己不满一周岁婴儿的。\n前款第一项、第二项、第三项规定的行为人违反治安管理情节严重、影响恶劣的，或者第一项、第三项'
    '规定的行为人在一年以内二次以上违反治安管理的，不受前款规定的限制。')
PUBLIC_ORDER_65 = (  # 中华人民共和国治安管理处罚法第65条
    '第四节 妨害社会管理的行为和处罚|有下列行为之一的，处十日以上十五日以下拘留，可以并处五千元以下罚款；情节较轻的，处五日'
    '以上十日以下拘留或者一千元以上三千元以下罚款：\n（一）违反国家规定，未经注册登记，以社会团体、基金会、社会服务机构等社会'
    '组织名义进行活动，被取缔后，仍进行活动的；\n（二）被依法撤销登记或者吊销登记证书的社会团体、基金会、社会服务机构等社会组'
    '织，仍以原社会组织名义进行活动的；\n（三）未经许可，擅自经营按照国家规定需要由公安机关许可的行业的。\n有前款第三项行为的'
    '，予以取缔。被取缔一年以内又实施的，处十日以上十五日以下拘留，并处三千元以上五千元以下罚款。\n取得公安机关许可的经营者，'
    '违反国家有关管理规定，情节严重的，公安机关可以吊销许可证件。')
FISHERY_82 = (  # 中华人民共和国渔业法第82条
    '第六章 法律责任|外国人、外国籍渔业船舶违反本法规定，擅自进入中华人民共和国管辖水域从事渔业生产或者渔业资源调查活动的，'
    '没收渔获物、违法所得、渔具、渔业资源调查资料和设施设备，责令其离开或者将其驱逐；情节严重的，并处二十万元以上二百万元以下'
    '的罚款；情节特别严重的，并没收船舶。\n依照中华人民共和国缔结或者参加的条约、协定的规定，被认定为从事非法捕捞活动的外国籍'
    '渔业船舶进入中华人民共和国港口的，没收渔获物、违法所得和渔具，并处二十万元以上二百万元以下的罚款，责令其离开或者将其驱逐'
    '。\n在中华人民共和国专属经济区内违反本法规定，被依法采取强制措施的外国籍渔业船舶及其船员，依照中华人民共和国缔结或者参加'
    '的条约、协定提供相应担保的，有关机关可以依法解除或者变更强制措施。')
SECURITIES_143 = (  # 中华人民共和国证券法第143条
    '第八章 证券公司|证券公司违法经营或者出现重大风险，严重危害证券市场秩序、损害投资者利益的，国务院证券监督管理机构可以对'
    '该证券公司采取责令停业整顿、指定其他机构托管、接管或者撤销等监管措施。')
ROAD_100 = (  # 中华人民共和国道路交通安全法第100条
    '第七章 法律责任|驾驶拼装的机动车或者已达到报废标准的机动车上道路行驶的，公安机关交通管理部门应当予以收缴，强制报废。\n'
    '对驾驶前款所列机动车上道路行驶的驾驶人，处二百元以上二千元以下罚款，并吊销机动车驾驶证。\n出售已达到报废标准的机动车的，'
    '没收违法所得，处销售金额等额的罚款，对该机动车依照本条第一款的规定处理。')
POSTAL_78 = (  # 中华人民共和国邮政法第78条
    '第八章 法律责任|邮政企业及其从业人员、快递企业及其从业人员在经营活动中有危害国家安全行为的，依法追究法律责任；对快递企'
    '业，并由邮政管理部门吊销其快递业务经营许可证。')
FOOD_139 = (  # 中华人民共和国食品安全法第139条
    '第九章 法律责任|违反本法规定，认证机构出具虚假认证结论，由认证认可监督管理部门没收所收取的认证费用，并处认证费用五倍以'
    '上十倍以下罚款，认证费用不足一万元的，并处五万元以上十万元以下罚款；情节严重的，责令停业，直至撤销认证机构批准文件，并向'
    '社会公布；对直接负责的主管人员和负有直接责任的认证人员，撤销其执业资格。\n认证机构出具虚假认证结论，使消费者的合法权益受'
    '到损害的，应当与食品生产经营者承担连带责任。')

PBOC_44 = (  # 中华人民共和国中国人民银行法第44条
    '第七章 法律责任|在宣传品、出版物或者其他商品上非法使用人民币图样的，中国人民银行应当责令改正，并销毁非法使用的人民币图'
    '样，没收违法所得，并处五万元以下罚款。')
ANTIMONOPOLY_62 = (  # 中华人民共和国反垄断法第62条
    '第七章 法律责任|对反垄断执法机构依法实施的审查和调查，拒绝提供有关材料、信息，或者提供虚假材料、信息，或者隐匿、销毁、'
    '转移证据，或者有其他拒绝、阻碍调查行为的，由反垄断执法机构责令改正，对单位处上一年度销售额百分之一以下的罚款，上一年度没'
    '有销售额或者销售额难以计算的，处五百万元以下的罚款；对个人处五十万元以下的罚款。')
SAFETY_106 = (  # 中华人民共和国安全生产法第106条
    '第六章 法律责任|生产经营单位与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任的，该协议无'
    '效；对生产经营单位的主要负责人、个人经营的投资人处二万元以上十万元以下的罚款。')
CORRECTION_28 = (  # 中华人民共和国社区矫正法第28条
    '第四章 监督管理|社区矫正机构根据社区矫正对象的表现，依照有关规定对其实施考核奖惩。社区矫正对象认罪悔罪、遵守法律法规、'
    '服从监督管理、接受教育表现突出的，应当给予表扬。社区矫正对象违反法律法规或者监督管理规定的，应当视情节依法给予训诫、警告'
    '、提请公安机关予以治安管理处罚，或者依法提请撤销缓刑、撤销假释、对暂予监外执行的收监执行。\n对社区矫正对象的考核结果，可'
    '以作为认定其是否确有悔改表现或者是否严重违反监督管理规定的依据。')
DRUGS_118 = (  # 中华人民共和国药品管理法第118条
    '第十一章 法律责任|生产、销售假药，或者生产、销售劣药且情节严重的，对法定代表人、主要负责人、直接负责的主管人员和其他责'
    '任人员，没收违法行为发生期间自本单位所获收入，并处所获收入百分之三十以上三倍以下的罚款，终身禁止从事药品生产经营活动，并'
    '可以由公安机关处五日以上十五日以下的拘留。\n对生产者专门用于生产假药、劣药的原料、辅料、包装材料、生产设备予以没收。')
SECURITIES_185 = (  # 中华人民共和国证券法第185条
    '第十三章 法律责任|发行人违反本法第十四条、第十五条的规定擅自改变公开发行证券所募集资金的用途的，责令改正，处以五十万元'
    '以上五百万元以下的罚款；对直接负责的主管人员和其他直接责任人员给予警告，并处以十万元以上一百万元以下的罚款。\n发行人的控'
    '股股东、实际控制人从事或者组织、指使从事前款违法行为的，给予警告，并处以五十万元以上五百万元以下的罚款；对直接负责的主管'
    '人员和其他直接责任人员，处以十万元以上一百万元以下的罚款。')

QUARANTINE_45 = (  # 中华人民共和国国境卫生检疫法第45条
    '第七章 法律责任|违反本法规定，有下列情形之一的，对交通运输工具负责人，由海关责令改正，给予警告，可以并处五万元以下的罚'
    '款；情节严重的，并处五万元以上三十万元以下的罚款：\n（一）未按照规定向海关申报与检疫查验有关的事项或者不如实申报有关事项'
    '；\n（二）拒绝接受对交通运输工具的检疫查验或者拒绝实施卫生处理；\n（三）未取得进境检疫证或者出境检疫证，交通运输工具擅自'
    '进境或者出境；\n（四）未经海关准许，交通运输工具驶离指定的检疫查验地点，装卸货物、物品或者上下人员；\n（五）已经实施检疫'
    '查验的交通运输工具在口岸停留期间，发现检疫传染病染疫人、疑似染疫人或者有人非因意外伤害死亡且死因不明的，未立即向海关报告'
    '；\n（六）过境的交通运输工具在中国境内装卸货物、物品或者上下人员，或者添加燃料、饮用水、食品和供应品不接受海关监督。\n有'
    '下列情形之一的，依照前款规定给予处罚：\n（一）进境出境货物、物品的收发货人、收寄件人、携运人（携带人）、承运人或者其代理'
    '人未按照规定向海关申报与检疫查验有关的事项或者不如实申报有关事项，或者拒绝接受检疫查验、拒绝实施卫生处理，或者未经海关准'
    '许移运或者提离货物、物品；\n（二）托运尸体、骸骨进境出境的托运人或者其代理人未按照规定向海关申报或者不如实申报，或者未经'
    '检疫查验合格擅自进境出境。')
ADS_57 = (  # 中华人民共和国广告法第57条
    '第五章 法律责任|有下列行为之一的，由市场监督管理部门责令停止发布广告，对广告主处二十万元以上一百万元以下的罚款，情节严'
    '重的，并可以吊销营业执照，由广告审查机关撤销广告审查批准文件、一年内不受理其广告审查申请；对广告经营者、广告发布者，由市'
    '场监督管理部门没收广告费用，处二十万元以上一百万元以下的罚款，情节严重的，并可以吊销营业执照：\n（一）发布有本法第九条、'
    '第十条规定的禁止情形的广告的；\n（二）违反本法第十五条规定发布处方药广告、药品类易制毒化学品广告、戒毒治疗的医疗器械和治'
    '疗方法广告的；\n（三）违反本法第二十条规定，发布声称全部或者部分替代母乳的婴儿乳制品、饮料和其他食品广告的；\n（四）违反'
    '本法第二十二条规定发布烟草广告的；\n（五）违反本法第三十七条规定，利用广告推销禁止生产、销售的产品或者提供的服务，或者禁'
    '止发布广告的商品或者服务的；\n（六）违反本法第四十条第一款规定，在针对未成年人的大众传播媒介上发布医疗、药品、保健食品、'
    '医疗器械、化妆品、酒类、美容广告，以及不利于未成年人身心健康的网络游戏广告的。')


def _one(law, text, paragraph=1):
    return [row for row in _rows(law, text) if row.paragraph == paragraph]


def test_an_item_lead_without_de_keeps_the_fine_and_the_agency():
    """商业银行法第七十五条 (sample 13 #24): 商业银行有下列情形之一，由国务院银行业监督管理机构责令改正，并处二十万元以上
    五十万元以下罚款；情节特别严重或者逾期不改正的，…: every 项 carries the fine and the body (the table said 无罚款)."""
    rows = _rows("中华人民共和国商业银行法", BANK_75)
    assert [row.item for row in rows] == [1, 2, 3]
    for row in rows:
        assert (row.fine.amounts[0].min, row.fine.amounts[0].max) == (200_000, 500_000)
        assert row.agencies == ["国务院银行业监督管理机构"]
        assert "情节特别严重或者逾期不改正的" in [s.condition for s in row.sanctions]
    assert rows[0].conduct == "拒绝或者阻碍国务院银行业监督管理机构检查监督"


def test_a_body_as_the_subject_of_the_sanction_is_its_agency():
    """保险法第一百七十一条 (sample 13 #22): …违反本法规定的，保险监督管理机构除…外，对其直接负责的主管人员…给予警告，并处
    一万元以上十万元以下的罚款: the conduct is not “情节严重”, the persons' fine is kept, the body is the agency."""
    [row] = _rows("中华人民共和国保险法", INSURANCE_171)
    assert row.conduct.startswith("保险公司、保险资产管理公司") and "情节严重" not in row.conduct
    assert row.agencies == ["保险监督管理机构"]
    [fine] = row.persons_fines
    assert fine.target == "直接负责的主管人员和其他直接责任人员"
    assert (fine.amounts[0].min, fine.amounts[0].max) == (10_000, 100_000)
    assert ("情节严重的", ["撤销许可"]) in [(s.condition, s.measures) for s in row.sanctions]


def test_a_supervising_bodys_measures_sentence_names_its_agency():
    """证券法第一百四十三条 (sample 13 #2): …的，国务院证券监督管理机构可以对该证券公司采取责令停业整顿…等监管措施."""
    [row] = _rows("中华人民共和国证券法", SECURITIES_143)
    assert row.agencies == ["国务院证券监督管理机构"]


def test_a_body_that_lists_offenders_is_an_agency_of_the_row():
    """体育法第一百一十二条 (sample 13 #36, debatable): 由县级以上人民政府体育行政部门纳入…名单 names the body of the
    款; the fine sentence after it has no 由."""
    [row] = _one("中华人民共和国体育法", SPORTS_112)
    assert row.agencies == ["县级以上人民政府体育行政部门"]
    assert _cases(row) == [("有违法所得的", None, "一万元以上十万元以下")]


def test_a_per_unit_fine_with_a_cap():
    """出境入境管理法第七十八条 (sample 13 #38): 情节严重的，处每非法居留一日五百元，总额不超过一万元的罚款或者…拘留: per
    day 500 yuan, total at most 10,000 — every value a numeral of the text."""
    [row] = _one("中华人民共和国出境入境管理法", EXIT_78)
    [severe] = [s for s in row.sanctions if s.condition == "情节严重的"]
    [fine] = severe.fines
    [amount] = fine.amounts
    assert (amount.per, amount.min, amount.max, amount.cap) == ("每非法居留一日", 500, 500, 10_000)
    assert amount.numerals == ("五百元", "一万元")
    assert amount.label == "每非法居留一日五百元，总额不超过一万元"
    assert fine_label(fine.to_record()) == "处每非法居留一日五百元，总额不超过一万元罚款"
    assert fine.yuan is None            # a per-unit fine has no fixed range in yuan
    assert [d.label for _, d in severe.detentions] == ["五日以上十五日以下拘留"]


def test_per_unit_fines_with_caps_on_persons_and_units():
    """出境入境管理法第八十条第二款、第三款: 对个人处每非法介绍一人五千元，总额不超过五万元的罚款；对单位…总额不超过十万元."""
    [row] = _one("中华人民共和国出境入境管理法", EXIT_80, 2)
    assert [(f.target, f.amounts[0].per, f.amounts[0].min, f.amounts[0].cap) for s in row.sanctions for f in s.fines] == [
        ("个人", "每非法介绍一人", 5_000, 50_000), ("单位", "每非法介绍一人", 5_000, 100_000)]
    [row] = _one("中华人民共和国出境入境管理法", EXIT_80, 3)
    assert row.fine.amounts[0].label == "每非法聘用一人一万元，总额不超过十万元"


def test_a_cap_below_the_unit_amount_is_not_read():
    """Never guessed: a cap under the per-unit amount is listed as not understood, not parsed."""
    [mention] = fine_mentions("处每非法居留一日五千元，总额不超过一千元的罚款")
    assert mention.status == "unparsed"


def test_the_amount_before_chu_yi_fakuan():
    """劳动合同法第八十四条第二款: 以每人五百元以上二千元以下的标准处以罚款; 安全生产法第一百一十四条第二款: 按照前款罚款数额的
    二倍以上五倍以下对负有责任的生产经营单位处以罚款."""
    [row] = _one("中华人民共和国劳动合同法", LABOUR_84, 2)
    assert row.fine.amounts[0].label == "每人五百元以上二千元以下"
    rows = _rows("中华人民共和国安全生产法", SAFETY_114)
    amounts = [a for row in rows for s in row.sanctions for f in s.fines for a in f.amounts if s.source == "第二款"]
    assert [(a.kind, a.min, a.max, a.base) for a in amounts][:1] == [("multiple", 2, 5, "前款罚款数额")]


def test_a_parenthesis_inside_a_fine_phrase():
    """产品质量法第四十九条: 并处违法生产、销售产品（包括已售出和未售出的产品，下同）货值金额等值以上三倍以下的罚款."""
    [row] = _rows("中华人民共和国产品质量法", QUALITY_49)
    amount = row.fine.amounts[0]
    assert (amount.kind, amount.min, amount.max, amount.base) == ("multiple", 1, 3, "违法生产、销售产品货值金额")


def test_an_offender_named_like_a_body_is_the_conduct():
    """反恐怖主义法第八十三条: 金融机构和特定非金融机构对…资金或者其他资产，未立即予以冻结的，由公安机关处…: 金融机构…对
    is the offender, not a body imposing a sanction (the row was “情节严重” with only the aggravated fine)."""
    [row] = _rows("中华人民共和国反恐怖主义法", TERROR_83)
    assert row.conduct.startswith("金融机构和特定非金融机构") and row.conduct.endswith("未立即予以冻结")
    assert (row.fine.amounts[0].min, row.fine.amounts[0].max) == (200_000, 500_000)
    assert row.agencies == ["公安机关"]


def test_guanzhi_of_air_traffic_is_no_criminal_sentence():
    """民用航空法第二百四十四条第一款: …对民用航空空中交通管制单位处一万元以上十万元以下的罚款 (the row was dropped)."""
    [row] = _one("中华人民共和国民用航空法", AVIATION_244)
    assert _cases(row) == [(None, "民用航空空中交通管制单位", "一万元以上十万元以下")]


def test_a_conduct_ending_at_you_with_no_de():
    """食品安全法第一百三十九条: 违反本法规定，认证机构出具虚假认证结论，由认证认可监督管理部门没收…，并处认证费用五倍以上
    十倍以下罚款，认证费用不足一万元的，并处…: the conduct ends before ，由."""
    [row] = _one("中华人民共和国食品安全法", FOOD_139)
    assert row.conduct == "认证机构出具虚假认证结论"
    assert row.agencies == ["认证认可监督管理部门"]
    assert _cases(row)[:2] == [(None, None, "认证费用五倍以上十倍以下"), ("认证费用不足一万元的", None, "五万元以上十万元以下")]


def test_a_scope_yizhao_de_guiding_opens_a_conduct():
    """渔业法第八十二条第二款: 依照…条约、协定的规定，被认定为从事非法捕捞活动的外国籍渔业船舶进入…港口的，没收…，并处…."""
    [row] = _one("中华人民共和国渔业法", FISHERY_82, 2)
    assert row.conduct.endswith("外国籍渔业船舶进入中华人民共和国港口")
    assert _cases(row) == [(None, None, "二十万元以上二百万元以下")]


def test_a_later_sentence_of_a_prior_paragraph_is_a_case_of_its_rows():
    """治安管理处罚法第六十五条第二款: 有前款第三项行为的，予以取缔。被取缔一年以内又实施的，处十日以上十五日以下拘留，并处
    三千元以上五千元以下罚款 — on the 第三项 row only."""
    rows = _one("中华人民共和国治安管理处罚法", PUBLIC_ORDER_65)
    third = [row for row in rows if row.item == 3][0]
    assert ("被取缔一年以内又实施的", None, "三千元以上五千元以下") in _cases(third)
    assert all("被取缔一年以内又实施的" not in [s.condition for s in row.sanctions] for row in rows if row.item != 3)


def test_dui_an_offender_opens_a_row():
    """道路交通安全法第一百条第二款: 对驾驶前款所列机动车上道路行驶的驾驶人，处二百元以上二千元以下罚款，并吊销机动车驾驶证."""
    [row] = _one("中华人民共和国道路交通安全法", ROAD_100, 2)
    assert row.conduct == "驾驶前款所列机动车上道路行驶的驾驶人"
    assert _cases(row) == [(None, None, "二百元以上二千元以下")]


def test_fenbie_you_opens_a_sanction():
    """危险化学品安全法第一百零五条第二款: …备案的，分别由有关部门责令限期改正，可以处二万元以上十万元以下的罚款."""
    [row] = _one("中华人民共和国危险化学品安全法", CHEMICALS_105, 2)
    assert row.conduct.endswith("处置方案报有关部门备案")
    assert row.agencies == ["有关部门"]
    assert _cases(row) == [(None, None, "二万元以上十万元以下"), ("逾期不改正的", None, "十万元以上二十万元以下")]


def test_shapes_that_stay_as_they_were():
    """A body's own power (刑事诉讼法第八十二条 公安机关对于现行犯…，可以先行拘留) and 有下列情形之一，依照本法应当给予行政
    拘留处罚的，不执行… (治安管理处罚法第二十三条) are no rows; 对快递企业，并由邮政管理部门吊销… is the sanction of the
    row before it, not a row (邮政法第七十八条)."""
    assert _rows("中华人民共和国刑事诉讼法", CRIMINAL_PROCEDURE_82) == []
    assert _rows("中华人民共和国治安管理处罚法", PUBLIC_ORDER_23) == []
    [row] = _rows("中华人民共和国邮政法", POSTAL_78)
    assert row.conduct.endswith("有危害国家安全行为") and row.agencies == ["邮政管理部门"]


def test_found_by_the_doctors_fines_on_no_row():
    """Fines the new ``fine_not_in_rows`` finding listed: 中国人民银行法第四十四条 (…的，中国人民银行应当责令改正…并处);
    反垄断法第六十二条 (对反垄断执法机构依法实施的审查和调查，拒绝…的，由…); 药品管理法第一百一十八条 (…的，对法定代表人…，
    没收…，并处所获收入百分之三十以上三倍以下的罚款); 安全生产法第一百零六条 (…的，该协议无效；对…处…)."""
    [row] = _rows("中华人民共和国中国人民银行法", PBOC_44)
    assert row.agencies == ["中国人民银行"] and _cases(row) == [(None, None, "五万元以下")]
    [row] = _rows("中华人民共和国反垄断法", ANTIMONOPOLY_62)
    assert row.conduct.startswith("对反垄断执法机构依法实施的审查和调查，拒绝提供有关材料")
    assert [label for _, _, label in _cases(row)] == ["上一年度销售额百分之一以下", "五百万元以下", "五十万元以下"]
    [row] = _one("中华人民共和国药品管理法", DRUGS_118)
    assert ("所获收入百分之三十以上三倍以下" in [label for _, _, label in _cases(row)])
    [row] = _rows("中华人民共和国安全生产法", SAFETY_106)
    assert _cases(row) == [(None, "生产经营单位的主要负责人、个人经营的投资人", "二万元以上十万元以下")]


def test_a_warning_is_not_part_of_a_fines_target():
    """证券法第一百八十五条: 对直接负责的主管人员和其他直接责任人员给予警告，并处以十万元以上一百万元以下的罚款 — the target
    is the persons, not “…人员给予警告”."""
    [row] = _one("中华人民共和国证券法", SECURITIES_185)
    assert [f.target for f in row.persons_fines] == ["直接负责的主管人员和其他直接责任人员"]


def test_a_phrase_with_a_verb_is_no_agency_name():
    """社区矫正法第二十八条: …的，应当视情节依法给予训诫、警告、提请公安机关予以治安管理处罚 names no body as its subject."""
    for row in _rows("中华人民共和国社区矫正法", CORRECTION_28):
        assert not any("给予" in agency for agency in row.agencies)


AUCTION_66 = (  # 中华人民共和国拍卖法第66条
    "第五章 法律责任|违反本法第四章第四节关于佣金比例的规定收取佣金的，拍卖人应当将超收部分返还委托人、买受人。物价管理部门可以对"
    "拍卖人处拍卖佣金一倍以上五倍以下的罚款。")


def test_doctor_lists_a_fine_on_no_row_and_a_cap_it_cannot_read():
    """拍卖法第六十六条: the fine of the second sentence is on no row (the first sentence's 的， opens no sanction) —
    ``lawkb doctor`` lists it as written (fine_not_in_rows), and a cap it cannot read as fine_unparsed; nothing guessed."""
    _, clauses = make_document("中华人民共和国拍卖法", [AUCTION_66, "第五章 法律责任|外国人非法居留的，处每非法居留一日五千元，总额不超过一千元的罚款。"])
    findings = amount_findings(clauses)
    [on_no_row] = [f for f in findings if f.kind == "fine_not_in_rows"]
    assert on_no_row.message == ("第一条: fine “处拍卖佣金一倍以上五倍以下的罚款” is in the text but on no row of the penalty "
                                 "table (shown as written; please report it)")
    [unparsed] = [f for f in findings if f.kind == "fine_unparsed"]
    assert unparsed.message.startswith("第二条: fine amount not understood “处每非法居留一日五千元，总额不超过一千元的罚款”")


def test_the_target_before_a_body_and_its_orders():
    """广告法第五十七条: …；对广告经营者、广告发布者，由市场监督管理部门没收广告费用，处二十万元以上一百万元以下的罚款 (the fine
    was lost); 国境卫生检疫法第四十五条: 有下列情形之一的，对交通运输工具负责人，由海关责令改正，给予警告，可以并处五万元以下的罚款；
    情节严重的，并处… (only the aggravated fine was read, with no agency)."""
    row = [r for r in _rows("中华人民共和国广告法", ADS_57) if r.paragraph == 1][0]
    assert (None, "广告经营者、广告发布者", "二十万元以上一百万元以下") in _cases(row)
    row = [r for r in _rows("中华人民共和国国境卫生检疫法", QUARANTINE_45) if r.paragraph == 1][0]
    assert row.agencies == ["海关"]
    assert _cases(row)[:1] == [(None, "交通运输工具负责人", "五万元以下")]
