"""Issue 17bb, on real statute text (sample 18's misses #6, #18, #28, #23, #11): an item row that takes several
articles from its lead (违反本法第七条、第九条第二款、第十条第一款规定，有下列行为之一的) lists first the one its own conduct
matches; a court's 可以根据情节轻重，予以训诫、责令具结悔过或者处一万元以下的罚款 keeps its amounts; a clause that only
waives a fine (可以减免加处的罚款) makes no row and no fine."""


from kb.penalty.amounts import fine_mentions
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.conftest import linked_rows

DEEP_SEA = {
    7: (('第二章 勘探、开发',), '中华人民共和国的公民、法人或者其他组织在向国际海底管理局申请从事深海海底区域资源勘探、开发活动前，应当向国务院海洋主管部门提出申请，并提交下列材料：\n（一）申请者基本情况；\n（二）拟勘探、开发区域位置、面积、矿产种类等说明；\n（三）财务状况、投资能力证明和技术能力说明；\n（四）勘探、开发工作计划，包括勘探、开发活动可能对海洋环境造成影响的相关资料，海洋环境严重损害等的应急预案；\n（五）国务院海洋主管部门规定的其他材料。'),
    8: (('第二章 勘探、开发',), '国务院海洋主管部门应当对申请者提交的材料进行审查，对于符合国家利益并具备资金、技术、装备等能力条件的，应当在六十个工作日内予以许可，并出具相关文件。\n获得许可的申请者在与国际海底管理局签订勘探、开发合同成为承包者后，方可从事勘探、开发活动。\n承包者应当自勘探、开发合同签订之日起三十日内，将合同副本报国务院海洋主管部门备案。\n国务院海洋主管部门应当将承包者及其勘探、开发的区域位置、面积等信息通报有关机关。'),
    9: (('第二章 勘探、开发',), '承包者对勘探、开发合同区域内特定资源享有相应的专属勘探、开发权。\n承包者应当履行勘探、开发合同义务，保障从事勘探、开发作业人员的人身安全，保护海洋环境。\n承包者从事勘探、开发作业应当保护作业区域内的文物、铺设物等。\n承包者从事勘探、开发作业还应当遵守中华人民共和国有关安全生产、劳动保护方面的法律、行政法规。'),
    10: (('第二章 勘探、开发',), '承包者在转让勘探、开发合同的权利、义务前，或者在对勘探、开发合同作出重大变更前，应当报经国务院海洋主管部门同意。\n承包者应当自勘探、开发合同转让、变更或者终止之日起三十日内，报国务院海洋主管部门备案。\n国务院海洋主管部门应当及时将勘探、开发合同转让、变更或者终止的信息通报有关机关。'),
    18: (('第四章 科学技术研究与资源调查',), '从事深海海底区域资源调查活动的公民、法人或者其他组织，应当按照有关规定将有关资料副本、实物样本或者目录汇交国务院海洋主管部门和其他相关部门。负责接受汇交的部门应当对汇交的资料和实物样本进行登记、保管，并按照有关规定向社会提供利用。\n承包者从事深海海底区域资源勘探、开发活动取得的有关资料、实物样本等的汇交，适用前款规定。'),
    20: (('第五章 监督检查',), '承包者应当定期向国务院海洋主管部门报告下列履行勘探、开发合同的事项：\n（一）勘探、开发活动情况；\n（二）环境监测情况；\n（三）年度投资情况；\n（四）国务院海洋主管部门要求的其他事项。'),
    22: (('第五章 监督检查',), '承包者应当对国务院海洋主管部门的监督检查予以协助、配合。'),
    23: (('第六章 法律责任',), '违反本法第七条、第九条第二款、第十条第一款规定，有下列行为之一的，国务院海洋主管部门可以撤销许可并撤回相关文件：\n（一）提交虚假材料取得许可的；\n（二）不履行勘探、开发合同义务或者履行合同义务不符合约定的；\n（三）未经同意，转让勘探、开发合同的权利、义务或者对勘探、开发合同作出重大变更的。\n承包者有前款第二项行为的，还应当承担相应的赔偿责任。'),
    24: (('第六章 法律责任',), '违反本法第八条第三款、第十条第二款、第十八条、第二十条、第二十二条规定，有下列行为之一的，由国务院海洋主管部门责令改正，处二万元以上十万元以下的罚款：\n（一）未按规定将勘探、开发合同副本报备案的；\n（二）转让、变更或者终止勘探、开发合同，未按规定报备案的；\n（三）未按规定汇交有关资料副本、实物样本或者目录的；\n（四）未按规定报告履行勘探、开发合同事项的；\n（五）不协助、配合监督检查的。'),
}
# 中华人民共和国行政诉讼法第五十九条 (first 款, items (二) and (三), and 第二款)
ADMIN_LITIGATION_59 = (
    '第十章 对妨害行政诉讼的强制措施|诉讼参与人或者其他人有下列行为之一的，人民法院可以根据情节轻重，予以训诫、责令具结悔过或者处一万元以下的罚款、'
    '十五日以下的拘留；构成犯罪的，依法追究刑事责任：\n（一）伪造、隐藏、毁灭证据或者提供虚假证明材料，妨碍人民法院审理案件的；\n'
    '（二）指使、贿买、胁迫他人作伪证或者威胁、阻止证人作证的。\n人民法院对有前款规定的行为之一的单位，可以对其主要负责人或者直接'
    '责任人员依照前款规定予以罚款、拘留；构成犯罪的，依法追究刑事责任。'
)
# 中华人民共和国行政强制法第四十二条
ADMIN_COERCION_42 = (
    '第四章 行政机关强制执行程序|实施行政强制执行，行政机关可以在不损害公共利益和他人合法权益的情况下，与当事人达成执行协议。执行协议可以'
    '约定分阶段履行；当事人采取补救措施的，可以减免加处的罚款或者滞纳金。\n执行协议应当履行。当事人不履行执行协议的，行政机关应当恢复'
    '强制执行。'
)


def _deep_sea_rows():
    return {(row.clause.article, row.item): row for row in linked_rows("中华人民共和国深海海底区域资源勘探开发法", DEEP_SEA)}


def test_an_item_lists_first_the_named_article_its_conduct_breaks():
    rows = _deep_sea_rows()
    first = {key: row.references[0].label for key, row in rows.items() if row.references}
    assert first[(23, 1)] == "第七条"                 # 提交虚假材料取得许可: the application's materials
    assert first[(23, 2)] == "第九条第二款"           # 不履行勘探、开发合同义务 (was 第七条)
    assert first[(23, 3)] == "第十条第一款"           # 未经同意，转让…合同 (was 第七条)
    assert first[(24, 1)] == "第八条第三款"           # 未按规定将合同副本报备案
    assert first[(24, 4)] == "第二十条"              # 未按规定报告履行合同事项 (was 第八条第三款)
    assert first[(24, 5)] == "第二十二条"            # 不协助、配合监督检查


def test_every_named_article_is_kept_and_explicit():
    rows = _deep_sea_rows()
    labels = sorted(r.label for r in rows[(24, 3)].references)
    assert labels == sorted(["第八条第三款", "第十条第二款", "第十八条", "第二十条", "第二十二条"])
    assert {r.how for r in rows[(24, 3)].references} == {"explicit"}


def test_a_court_fine_after_according_to_the_circumstances_keeps_its_amount():
    _, clauses = make_document("中华人民共和国行政诉讼法", [ADMIN_LITIGATION_59])
    rows = [row for row in parse_clause(clauses[0]) if row.paragraph == 1]
    assert [row.item for row in rows] == [1, 2]
    for row in rows:
        fines = [fine for sanction in row.sanctions if sanction.source is None for fine in sanction.fines]
        assert [(fine.status, fine.amounts[0].max) for fine in fines] == [("parsed", 10000.0)]
        assert "人民法院" in {agency for sanction in row.sanctions for agency in sanction.agencies}


def test_a_clause_that_only_waives_a_fine_makes_no_row_and_no_fine():
    _, clauses = make_document("中华人民共和国行政强制法", [ADMIN_COERCION_42])
    assert parse_clause(clauses[0]) == []
    assert fine_mentions("当事人采取补救措施的，可以减免加处的罚款或者滞纳金") == []
    assert fine_mentions("在规定期限内缴纳的，不再处以罚款") == []
    assert [m.status for m in fine_mentions("逾期不缴纳的，处一千元以下的罚款")] == ["parsed"]
