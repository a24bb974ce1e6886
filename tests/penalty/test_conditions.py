"""Conditional fines and the rows of a clause, on real clause text (issue 17d, sample 7's misses):
a fine's own condition (破坏国家重要湿地的), 情节严重的 beside an amount band, a later 款 naming 项 without
"前款", and an agency's powers outside the 法律责任 chapter."""

from dataclasses import replace

from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.conftest import CODE, CODE_ARTICLES


def _rows(law, text):
    _, [clause] = make_document(law, [text])
    return parse_clause(replace(clause, id=1))


def _fines(row):
    return [(s.condition, s.fines[0].amounts[0].label) for s in row.sanctions if s.fines]


def test_a_second_fine_keeps_its_condition():
    """湿地保护法第五十四条第一款: 破坏国家重要湿地的，并按照破坏湿地面积，处每平方米一千元以上一万元以下罚款."""
    [row, other] = _rows("中华人民共和国湿地保护法", (
        "第六章 法律责任|违反本法规定，开（围）垦、填埋自然湿地的，由县级以上人民政府林业草原等有关主管部门按照职责分工责令停止违法行为，"
        "限期修复湿地或者采取其他补救措施，没收违法所得，并按照破坏湿地面积，处每平方米五百元以上五千元以下罚款；破坏国家重要湿地的，"
        "并按照破坏湿地面积，处每平方米一千元以上一万元以下罚款。\n违反本法规定，排干自然湿地或者永久性截断自然湿地水源的，由县级以上人民政府"
        "林业草原主管部门责令停止违法行为，限期修复湿地或者采取其他补救措施，没收违法所得，并处五万元以上五十万元以下罚款；造成严重后果的，"
        "并处五十万元以上一百万元以下罚款。"))
    assert row.conduct == "开（围）垦、填埋自然湿地"
    assert _fines(row) == [(None, "每平方米五百元以上五千元以下"), ("破坏国家重要湿地的", "每平方米一千元以上一万元以下")]
    assert row.fine.amounts[0].label == "每平方米五百元以上五千元以下"
    assert _fines(other)[1] == ("造成严重后果的", "五十万元以上一百万元以下")


FOOD_124 = (
    "第九章 法律责任|违反本法规定，有下列情形之一，尚不构成犯罪的，由县级以上人民政府食品安全监督管理部门没收违法所得和违法生产经营的食品、"
    "食品添加剂，并可以没收用于违法生产经营的工具、设备、原料等物品；违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元"
    "以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证：\n"
    "（一）生产经营超范围、超限量使用食品添加剂的食品；\n"
    "（二）生产经营腐败变质、油脂酸败、霉变生虫、污秽不洁、混有异物、掺假掺杂或者感官性状异常的食品、食品添加剂。")


def test_serious_circumstances_are_not_nested_under_an_amount_band():
    """食品安全法第一百二十四条: 情节严重的，吊销许可证 applies whatever the 货值金额 band."""
    rows = _rows("中华人民共和国食品安全法", FOOD_124)
    conditions = [s.condition for s in rows[1].sanctions]
    assert "情节严重的" in conditions
    assert not any(c and "货值金额" in c and "情节严重" in c for c in conditions)
    assert _fines(rows[1]) == [("违法生产经营的食品、食品添加剂货值金额不足一万元的", "五万元以上十万元以下"),
                               ("货值金额一万元以上的", "货值金额十倍以上二十倍以下")]


def test_a_chained_condition_still_chains_when_it_is_not_an_amount_band():
    """生态环境法典第一千零九十五条: 报告书的，处…，情节严重的，处… — the 情节严重 fine is the 报告书 one's."""
    path, text = CODE_ARTICLES[1095]
    row = _rows(CODE, "|".join(path) + "|" + text)[0]
    assert ("报批、审核类型为生态环境影响报告书的，情节严重的", "一百万元以上一千万元以下") in _fines(row)


ROAD_99 = (
    "第七章 法律责任|有下列行为之一的，由公安机关交通管理部门处二百元以上二千元以下罚款：\n"
    "（一）未取得机动车驾驶证、机动车驾驶证被吊销或者机动车驾驶证被暂扣期间驾驶机动车的；\n"
    "（二）将机动车交由未取得机动车驾驶证或者机动车驾驶证被吊销、暂扣的人驾驶的；\n"
    "（三）造成交通事故后逃逸，尚不构成犯罪的；\n"
    "（四）机动车行驶超过规定时速百分之五十的；\n"
    "（五）强迫机动车驾驶人违反道路交通安全法律、法规和机动车安全驾驶要求驾驶机动车，造成交通事故，尚不构成犯罪的；\n"
    "（六）违反交通管制的规定强行通行，不听劝阻的；\n"
    "（七）故意损毁、移动、涂改交通设施，造成危害后果，尚不构成犯罪的；\n"
    "（八）非法拦截、扣留机动车辆，不听劝阻，造成交通严重阻塞或者较大财产损失的。\n"
    "行为人有前款第二项、第四项情形之一的，可以并处吊销机动车驾驶证；有第一项、第三项、第五项至第八项情形之一的，可以并处十五日以下拘留。")


def test_a_later_paragraph_adds_measures_to_the_items_it_names():
    """道路交通安全法第九十九条第二款: 拘留 for 第一、三、五至八项, 吊销驾驶证 for 第二、四项, no condition 行为人."""
    rows = _rows("中华人民共和国道路交通安全法", ROAD_99)
    detained = {row.item for row in rows if any(s.detentions for s in row.sanctions)}
    revoked = {row.item for row in rows if any("吊销" in s.text for s in row.sanctions)}
    assert detained == {1, 3, 5, 6, 7, 8} and revoked == {2, 4}
    assert all(s.condition is None for row in rows for s in row.sanctions)
    assert rows[2].conduct == "造成交通事故后逃逸"


def test_an_agency_power_outside_the_liability_chapter_is_not_a_row():
    """消防法第五十四条 (第五章 监督检查) is the 消防救援机构's power. 水土保持法第四十四条第二款 names the offender, but its
    only measures are 查封、扣押 (行政强制), so since issue 17l it is a power of inspection too, not a row."""
    assert _rows("中华人民共和国消防法", (
        "第五章 监督检查|消防救援机构在消防监督检查中发现火灾隐患的，应当通知有关单位或者个人立即采取措施消除隐患；不及时消除隐患可能严重"
        "威胁公共安全的，消防救援机构应当依照规定对危险部位或者场所采取临时查封措施。")) == []
    assert _rows("中华人民共和国水土保持法", (
        "第五章 监测和监督|水政监督检查人员依法履行监督检查职责时，有权采取下列措施：\n（一）要求被检查单位或者个人提供有关文件、证照、资料；\n"
        "（二）要求被检查单位或者个人就预防和治理水土流失的有关情况作出说明；\n（三）进入现场进行调查、取证。\n"
        "被检查单位或者个人拒不停止违法行为，造成严重水土流失的，报经水行政主管部门批准，可以查封、扣押实施违法行为的工具及施工机械、设备等。")) == []


def test_officials_rows_in_the_liability_chapter_stay():
    """道路交通安全法第一百一十五条 (its first two 项): officials are offenders in the 法律责任 chapter."""
    rows = _rows("中华人民共和国道路交通安全法", (
        "第七章 法律责任|交通警察有下列行为之一的，依法给予行政处分：\n（一）为不符合法定条件的机动车发放机动车登记证书、号牌、行驶证、检验合格标志的；"
        "\n（二）批准不符合法定条件的机动车安装、使用警车、消防车、救护车、工程救险车的警报器、标志灯具，喷涂标志图案的；"))
    assert [r.item for r in rows] == [1, 2]


def test_a_law_without_chapters_keeps_its_officials_rows():
    """黑土地保护法 has no chapters: its 第二十九条 (officials' rows) is not an agency power."""
    rows = _rows("中华人民共和国黑土地保护法", (
        "违反本法规定，国务院农业农村、自然资源等有关部门、县级以上地方人民政府及其有关部门有下列行为之一的，对直接负责的主管人员和其他直接"
        "责任人员给予警告、记过或者记大过处分；情节较重的，给予降级或者撤职处分；情节严重的，给予开除处分：\n"
        "（一）截留、挪用或者未按照规定使用黑土地保护资金；\n（二）对破坏黑土地的行为，发现或者接到举报未及时查处；\n"
        "（三）其他不依法履行黑土地保护职责导致黑土地资源和生态环境遭受破坏的行为。"))
    assert [r.item for r in rows] == [1, 2, 3]


def test_a_punished_conduct_outside_the_liability_chapter_stays_a_row():
    """商标法第六十八条 stands in 第七章 注册商标专用权的保护 and fines 商标代理机构: an offence, not a power."""
    rows = _rows("中华人民共和国商标法", (
        "第七章 注册商标专用权的保护|商标代理机构有下列行为之一的，由工商行政管理部门责令限期改正，给予警告，处一万元以上十万元以下的罚款；"
        "对直接负责的主管人员和其他直接责任人员给予警告，处五千元以上五万元以下的罚款；构成犯罪的，依法追究刑事责任：\n"
        "（一）办理商标事宜过程中，伪造、变造或者使用伪造、变造的法律文件、印章、签名的；\n"
        "（二）以诋毁其他商标代理机构等手段招徕商标代理业务或者以其他不正当手段扰乱商标代理市场秩序的；\n"
        "（三）违反本法第四条、第十九条第三款和第四款规定的。"))
    assert [r.item for r in rows] == [1, 2, 3] and rows[0].fine.amounts[0].label == "一万元以上十万元以下"
