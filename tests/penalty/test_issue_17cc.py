"""Issue 17cc, on real statute text (sample 18's link misses): whose duty a clause states when a sentence leaves its
subject to the sentence before (反有组织犯罪法第二十一条第三款), a right of another party (劳动合同法第三十八条第二款), and
the order of a lead's named articles by the distinctive words of the conduct (野生动物保护法第四十九条)."""


from kb.penalty.duties import BODY, duty_parties
from kb.penalty.parties import bound_subjects, permission_holders, public_subject
from kb.penalty.rows import parse_clause
from tests.penalty.conftest import law, linked_rows

# 中华人民共和国反有组织犯罪法第二、三、十六、二十一、三十七、六十九条 (as stored)
ANTI_ORGANISED_CRIME = {
    2: (('第一章 总则',), '本法所称有组织犯罪，是指《中华人民共和国刑法》第二百九十四条规定的组织、领导、参加黑社会性质组织犯罪，以及黑社会性质组织、恶势力组织实施的犯罪。\n本法所称恶势力组织，是指经常纠集在一起，以暴力、威胁或者其他手段，在一定区域或者行业领域内多次实施违法犯罪活动，为非作恶，欺压群众，扰乱社会秩序、经济秩序，造成较为恶劣的社会影响，但尚未形成黑社会性质组织的犯罪组织。\n境外的黑社会组织到中华人民共和国境内发展组织成员、实施犯罪，以及在境外对中华人民共和国国家或者公民犯罪的，适用本法。'),
    3: (('第一章 总则',), '反有组织犯罪工作应当坚持总体国家安全观，综合运用法律、经济、科技、文化、教育等手段，建立健全反有组织犯罪工作机制和有组织犯罪预防治理体系。'),
    16: (('第二章 预防和治理',), '电信业务经营者、互联网服务提供者应当依法履行网络信息安全管理义务，采取安全技术防范措施，防止含有宣扬、诱导有组织犯罪内容的信息传播；发现含有宣扬、诱导有组织犯罪内容的信息的，应当立即停止传输，采取消除等处置措施，保存相关记录，并向公安机关或者有关部门报告，依法为公安机关侦查有组织犯罪提供技术支持和协助。\n网信、电信、公安等主管部门对含有宣扬、诱导有组织犯罪内容的信息，应当按照职责分工，及时责令有关单位停止传输、采取消除等处置措施，或者下架相关应用、关闭相关网站、关停相关服务。有关单位应当立即执行，并保存相关记录，协助调查。对互联网上来源于境外的上述信息，电信主管部门应当采取技术措施，及时阻断传播。'),
    37: (('第三章 案件办理',), '人民法院审理黑社会性质组织犯罪罪犯的减刑、假释案件，应当通知人民检察院、执行机关参加审理，并通知被报请减刑、假释的罪犯参加，听取其意见。'),
    21: (('第二章 预防和治理',), '移民管理、海关、海警等部门应当会同公安机关严密防范境外的黑社会组织入境渗透、发展、实施违法犯罪活动。\n出入境证件签发机关、移民管理机构对境外的黑社会组织的人员，有权决定不准其入境、不予签发入境证件或者宣布其入境证件作废。\n移民管理、海关、海警等部门发现境外的黑社会组织的人员入境的，应当及时通知公安机关。发现相关人员涉嫌违反我国法律或者发现涉嫌有组织犯罪物品的，应当依法扣留并及时处理。'),
    69: (('第八章 法律责任',), '有下列情形之一，尚不构成犯罪的，由公安机关处五日以上十日以下拘留，可以并处一万元以下罚款；情节较重的，处十日以上十五日以下拘留，并处一万元以上三万元以下罚款；有违法所得的，除依法应当返还被害人的以外，应当予以没收：\n（一）参加境外的黑社会组织的；\n（二）积极参加恶势力组织的；\n（三）教唆、诱骗他人参加有组织犯罪组织，或者阻止他人退出有组织犯罪组织的；\n（四）为有组织犯罪活动提供资金、场所等支持、协助、便利的；\n（五）阻止他人检举揭发有组织犯罪、提供有组织犯罪证据，或者明知他人有有组织犯罪行为，在司法机关向其调查有关情况、收集有关证据时拒绝提供的。\n教唆、诱骗未成年人参加有组织犯罪组织或者阻止未成年人退出有组织犯罪组织，尚不构成犯罪的，依照前款规定从重处罚。'),
}

# 中华人民共和国劳动合同法第三、三十一、三十二、三十八、八十八条 (as stored)
LABOUR_CONTRACT = {
    3: (('第一章 总则',), '订立劳动合同，应当遵循合法、公平、平等自愿、协商一致、诚实信用的原则。\n依法订立的劳动合同具有约束力，用人单位与劳动者应当履行劳动合同约定的义务。'),
    31: (('第三章 劳动合同的履行和变更',), '用人单位应当严格执行劳动定额标准，不得强迫或者变相强迫劳动者加班。用人单位安排加班的，应当按照国家有关规定向劳动者支付加班费。'),
    32: (('第三章 劳动合同的履行和变更',), '劳动者拒绝用人单位管理人员违章指挥、强令冒险作业的，不视为违反劳动合同。\n劳动者对危害生命安全和身体健康的劳动条件，有权对用人单位提出批评、检举和控告。'),
    38: (('第四章 劳动合同的解除和终止',), '用人单位有下列情形之一的，劳动者可以解除劳动合同：\n（一）未按照劳动合同约定提供劳动保护或者劳动条件的；\n（二）未及时足额支付劳动报酬的；\n（三）未依法为劳动者缴纳社会保险费的；\n（四）用人单位的规章制度违反法律、法规的规定，损害劳动者权益的；\n（五）因本法第二十六条第一款规定的情形致使劳动合同无效的；\n（六）法律、行政法规规定劳动者可以解除劳动合同的其他情形。\n用人单位以暴力、威胁或者非法限制人身自由的手段强迫劳动者劳动的，或者用人单位违章指挥、强令冒险作业危及劳动者人身安全的，劳动者可以立即解除劳动合同，不需事先告知用人单位。'),
    88: (('第七章 法律责任',), '用人单位有下列情形之一的，依法给予行政处罚；构成犯罪的，依法追究刑事责任；给劳动者造成损害的，应当承担赔偿责任：\n（一）以暴力、威胁或者非法限制人身自由的手段强迫劳动的；\n（二）违章指挥或者强令冒险作业危及劳动者人身安全的；\n（三）侮辱、体罚、殴打、非法搜查或者拘禁劳动者的；\n（四）劳动条件恶劣、环境污染严重，给劳动者身心健康造成严重损害的。'),
}

# 中华人民共和国刑事诉讼法第七十、七十一条 (as stored)
CRIMINAL_PROCEDURE = {
    70: (('第一编 总则', '第六章 强制措施'), '保证人应当履行以下义务：\n（一）监督被保证人遵守本法第七十一条的规定；\n（二）发现被保证人可能发生或者已经发生违反本法第七十一条规定的行为的，应当及时向执行机关报告。\n被保证人有违反本法第七十一条规定的行为，保证人未履行保证义务的，对保证人处以罚款，构成犯罪的，依法追究刑事责任。'),
    71: (('第一编 总则', '第六章 强制措施'), '被取保候审的犯罪嫌疑人、被告人应当遵守以下规定：\n（一）未经执行机关批准不得离开所居住的市、县；\n（二）住址、工作单位和联系方式发生变动的，在二十四小时以内向执行机关报告；\n（三）在传讯的时候及时到案；\n（四）不得以任何形式干扰证人作证；\n（五）不得毁灭、伪造证据或者串供。\n人民法院、人民检察院和公安机关可以根据案件情况，责令被取保候审的犯罪嫌疑人、被告人遵守以下一项或者多项规定：\n（一）不得进入特定的场所；\n（二）不得与特定的人员会见或者通信；\n（三）不得从事特定的活动；\n（四）将护照等出入境证件、驾驶证件交执行机关保存。\n被取保候审的犯罪嫌疑人、被告人违反前两款规定，已交纳保证金的，没收部分或者全部保证金，并且区别情形，责令犯罪嫌疑人、被告人具结悔过，重新交纳保证金、提出保证人，或者监视居住、予以逮捕。\n对违反取保候审规定，需要予以逮捕的，可以对犯罪嫌疑人、被告人先行拘留。'),
}

# 中华人民共和国突发公共卫生事件应对法第十三、三十、三十三、三十四、五十六条 (as stored)
PUBLIC_HEALTH = {
    13: (('第二章 管理与指挥体制',), '县级人民政府对本行政区域突发公共卫生事件应对工作负责；涉及两个以上行政区域的，由有关行政区域共同的上一级人民政府负责，或者由各有关行政区域的上一级人民政府共同负责。\n突发公共卫生事件发生后，发生地县级人民政府应当立即开展应对工作，同时向上一级人民政府报告，必要时可以越级上报。突发公共卫生事件发生地县级人民政府不能消除或者不能有效控制突发公共卫生事件危害的，上级人民政府应当及时采取支持措施，必要时统一领导应对工作。\n行政区域毗邻的县级以上地方人民政府应当建立应对突发公共卫生事件的协同机制，加强信息通报，开展风险会商，协调应对措施。'),
    30: (('第四章 监测预警',), '国家建立健全突发公共卫生事件报告制度。国务院卫生健康主管部门会同国务院疾病预防控制部门制定突发公共卫生事件报告规范。\n医疗卫生机构及其执行职务的人员发现突发公共卫生事件报告规范规定应当报告的有关情形，以及发现发生或者可能发生突发公共卫生事件时，应当于两小时内通过网络直报系统进行报告；不具备网络直报条件的，应当通过电话、传真等方式向所在地疾病预防控制机构报告。\n检验检测机构发现突发公共卫生事件报告规范规定应当报告的有关情形，以及发现发生或者可能发生突发公共卫生事件时，应当于两小时内向所在地疾病预防控制机构报告。\n有关单位发现本单位发生或者可能发生突发公共卫生事件时，应当立即采取措施防止危害扩大，并立即向所在地疾病预防控制机构和有关行业主管部门报告。'),
    33: (('第四章 监测预警',), '疾病预防控制机构接到突发公共卫生事件报告后，应当立即进行调查、核实。\n疾病预防控制机构在监测中发现或者接到报告并开展调查、核实后发现发生或者可能发生突发公共卫生事件的，应当立即向同级卫生健康主管部门、疾病预防控制部门和上级疾病预防控制机构报告。卫生健康主管部门、疾病预防控制部门接到报告后，应当立即报告本级人民政府，同时报告上一级人民政府卫生健康主管部门、疾病预防控制部门和国务院卫生健康主管部门、疾病预防控制部门，并通报可能受到影响地区的同级人民政府卫生健康主管部门、疾病预防控制部门。'),
    34: (('第四章 监测预警',), '卫生健康主管部门、疾病预防控制部门，医疗卫生机构及其执行职务的人员、检验检测机构以及发生或者可能发生突发公共卫生事件的单位，应当依照本法、突发公共卫生事件报告规范及时、准确报告。任何单位或者个人不得干预突发公共卫生事件报告。'),
    56: (('第七章 法律责任',), '违反本法规定，地方各级人民政府和县级以上人民政府卫生健康、疾病预防控制等部门在突发公共卫生事件应对工作中有下列情形之一的，由其上级行政机关责令改正，通报批评，对负有责任的领导人员和直接责任人员依法给予处分：\n（一）未依法履行报告职责，隐瞒、谎报、缓报、漏报突发公共卫生事件，或者干预突发公共卫生事件报告；\n（二）未依法发布预警、采取预警措施，导致危害扩大；\n（三）未依法启动应急响应、采取应急处置措施，导致危害扩大；\n（四）违反本法规定的其他失职、渎职行为。'),
}

# 中华人民共和国枪支管理法第三、二十五、三十一、四十二条 (as stored)
FIREARMS = {
    3: (('第一章 总则',), '国家严格管制枪支。禁止任何单位或者个人违反法律规定持有、制造（包括变造、装配）、买卖、运输、出租、出借枪支。\n国家严厉惩处违反枪支管理的违法犯罪行为。任何单位和个人对违反枪支管理的行为有检举的义务。国家对检举人给予保护，对检举违反枪支管理犯罪活动有功的人员，给予奖励。'),
    25: (('第四章 枪支的日常管理',), '配备、配置枪支的单位和个人必须遵守下列规定：\n（一）携带枪支必须同时携带持枪证件，未携带持枪证件的，由公安机关扣留枪支；\n（二）不得在禁止携带枪支的区域、场所携带枪支；\n（三）枪支被盗、被抢或者丢失的，立即报告公安机关。'),
    31: (('第五章 枪支的运输',), '运输枪支必须依照规定使用安全可靠的封闭式运输设备，由专人押运；途中停留住宿的，必须报告当地公安机关。\n运输枪支、弹药必须依照规定分开运输。'),
    42: (('第七章 法律责任',), '违反本法规定，运输枪支未使用安全可靠的运输设备、不设专人押运、枪支弹药未分开运输或者运输途中停留住宿不报告公安机关，情节严重的，依照刑法有关规定追究刑事责任；未构成犯罪的，由公安机关对直接责任人员处十五日以下拘留。'),
}

# 中华人民共和国海警法第二十、二十五条 (as stored)
COAST_GUARD = {
    20: (('第三章 海上安全保卫',), '未经我国主管机关批准，外国组织和个人在我国管辖海域和岛礁建造建筑物、构筑物，以及布设各类固定或者浮动装置的，海警机构有权责令其停止上述违法行为或者限期拆除；对拒不停止违法行为或者逾期不拆除的，海警机构有权予以制止或者强制拆除。'),
    25: (('第四章 海上行政执法',), '有下列情形之一，省级海警局以上海警机构可以在我国管辖海域划定海上临时警戒区，限制或者禁止船舶、人员通行、停留：\n（一）执行海上安全保卫任务需要的；\n（二）打击海上违法犯罪活动需要的；\n（三）处置海上突发事件需要的；\n（四）保护海洋资源和生态环境需要的；\n（五）其他需要划定海上临时警戒区的情形。\n划定海上临时警戒区，应当明确海上临时警戒区的区域范围、警戒期限、管理措施等事项并予以公告。其中，可能影响海上交通安全的，应当在划定前征求海事管理机构的意见，并按照相关规定向海事管理机构申请发布航行通告、航行警告；涉及军事用海或者可能影响海上军事设施安全和使用的，应当依法征得军队有关部门的同意。\n对于不需要继续限制或者禁止船舶、人员通行、停留的，海警机构应当及时解除警戒，并予公告。'),
}


def _linked(title: str, articles: dict, trace: dict | None = None) -> dict:
    return {(row.clause.article, row.paragraph, row.item): row for row in linked_rows(title, articles, trace)}


def _unit_score(trace: dict, row, article: int, paragraph: int, key: str = "scores") -> float:
    found = [trace[row.id][key][i] for i, (clause, p, _) in enumerate(trace[row.id]["units"])
             if clause.article == article and p == paragraph]
    return float(max(found))


def test_a_sentence_without_a_subject_keeps_the_subject_before_it():
    text = ANTI_ORGANISED_CRIME[21][1].split("\n")[2]
    assert bound_subjects(text) == [["海警等部门"], ["海警等部门"]]
    assert public_subject(text)                     # the departments' duty to notify and seize, no one else's
    assert bound_subjects("禁止在禁猎区猎捕。发现违法行为的，应当报告。") == [[], []]   # a prohibition binds everyone


def test_a_private_offender_does_not_break_the_departments_duty_to_notify():
    trace: dict = {}
    rows = _linked("中华人民共和国反有组织犯罪法", ANTI_ORGANISED_CRIME, trace)
    joining = rows[(69, 1, 1)]                      # 参加境外的黑社会组织 (was → 第二十一条第三款 in the whole law)
    assert joining.conduct.startswith("参加境外的黑社会组织")
    assert _unit_score(trace, joining, 21, 3, "base") > 0.25       # the words match (above the strict floor)…
    assert _unit_score(trace, joining, 21, 3) == 0.0               # …but the duty is the departments'


def test_a_right_of_another_party_is_no_duty_of_the_offender():
    right = LABOUR_CONTRACT[38][1].split("\n")[-1]
    assert permission_holders(right) == ["劳动者"]
    trace: dict = {}
    rows = _linked("中华人民共和国劳动合同法", LABOUR_CONTRACT, trace)
    forced = rows[(88, 1, 1)]                       # 用人单位…强迫劳动 (was → 第三十八条第二款, the worker's right to leave)
    assert forced.conduct.startswith("以暴力、威胁")
    assert _unit_score(trace, forced, 38, 2, "base") > 0.25
    assert _unit_score(trace, forced, 38, 2) == 0.0
    assert all(ref.article != 38 for ref in forced.references)


def test_a_sibling_paragraph_stating_the_offenders_duty_is_its_link():
    rows = _linked("中华人民共和国刑事诉讼法", CRIMINAL_PROCEDURE)
    guarantor = rows[(70, 2, None)]                 # 保证人未履行保证义务 (was inherited from 第七十一条's rows)
    assert "保证人未履行保证义务" in guarantor.conduct
    assert [(ref.label, ref.how) for ref in guarantor.references] == [("第七十条第一款", "explicit")]
    assert all(not ref.label.startswith("第七十条") for ref in rows[(71, 3, None)].references)   # not another party's


def test_the_bodies_of_a_list_set_off_by_commas_bind_their_duty_of_office():
    report = PUBLIC_HEALTH[34][1]
    assert {"卫生健康主管部门", "疾病预防控制部门"} <= duty_parties(report, BODY)
    assert duty_parties("国家建立报告制度。发现违法行为的，应当报告。", BODY) == set()     # a condition is no body
    rows = _linked("中华人民共和国突发公共卫生事件应对法", PUBLIC_HEALTH)
    failed = rows[(56, 1, 1)]                       # …卫生健康、疾病预防控制等部门…未依法履行报告职责 (was unlinked)
    assert failed.conduct.startswith("未依法履行报告职责")
    assert [ref.label for ref in failed.references][:1] == ["第三十四条"]


def test_not_yet_a_crime_is_a_case_of_the_row_not_a_row():
    _, clauses = law("中华人民共和国枪支管理法", FIREARMS)
    transport = [row for clause in clauses if clause.article == 42 for row in parse_clause(clause)]
    assert len(transport) == 1                      # no row "未构成犯罪"
    row = transport[0]
    assert row.conduct.startswith("运输枪支未使用安全可靠的运输设备")
    assert [(s.condition, s.measures) for s in row.sanctions][1:] == [("未构成犯罪的", ["行政拘留"])]
    assert row.agencies == ["公安机关"]
    rows = _linked("中华人民共和国枪支管理法", FIREARMS)
    assert [ref.label for ref in rows[(42, 1, None)].references][:1] == ["第三十一条第一款"]   # no longer criminal-only: matched


def test_a_bodys_power_and_a_navigation_warning_make_no_row():
    _, clauses = law("中华人民共和国海警法", COAST_GUARD)
    assert [clause.article for clause in clauses] == [20, 25]
    assert [row for clause in clauses for row in parse_clause(clause)] == []    # 有权责令…强制拆除; 发布航行警告


def test_a_persons_fine_by_reference_to_the_previous_paragraph_carries_its_amount():
    from tests.corpus_builders import make_document
    from tests.penalty.test_issue_17bb import ADMIN_LITIGATION_59      # 行政诉讼法第五十九条 (第一款 (二)(三), 第二款)
    _, clauses = make_document("中华人民共和国行政诉讼法", [ADMIN_LITIGATION_59])
    rows = [row for row in parse_clause(clauses[0]) if row.paragraph == 1]
    for row in rows:     # 第二款 对其主要负责人或者直接责任人员依照前款规定予以罚款、拘留
        persons = [(fine.target, fine.status, fine.amounts[0].max if fine.amounts else None)
                   for sanction in row.sanctions if sanction.source == "第一款" for fine in sanction.fines]
        assert persons == [("主要负责人或者直接责任人员", "parsed", 10000.0)]
        assert not [fine for sanction in row.sanctions for fine in sanction.fines if not fine.amounts]    # no amountless fine left
        held = [d for sanction in row.sanctions if sanction.source == "第一款" for d in sanction.detentions]
        assert held and all(target == "主要负责人或者直接责任人员" for target, _ in held)
