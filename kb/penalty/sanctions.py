"""What a sanction text says: the agency, the measures, the fines (on whom) and detention.

``read_sanction(text, condition)`` reads one piece of a 法律责任 clause that follows the conduct
("由生态环境主管部门责令改正，处二十万元以上一百万元以下的罚款，并可以责令限制生产、停产整治") into a
``Sanction``. The pieces and their conditions (情节严重的…, 其中，污染物为工业噪声的…) are cut by
``kb.penalty.rows``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.penalty.amounts import Amount, Detention, detentions, fine_mentions

AGENCY_END = r"(?:部门|机关|机构|政府|海关|法院|检察院|委员会|中国人民银行)"
# 由上级机关追究直接负责的主管人员…的行政责任 / 由其上级机关追究…: the body that pursues the persons' liability (issue 17gh;
# 由司法机关追究刑事责任 is dropped in ``read_sanction``)
# 由其上级机关或者主管单位责令限期改正 / 由所在单位给予处分: a 单位 named by its tie to the offender is a body, after 由
# only (生产经营单位、建设单位 are no bodies; issue 17ll)
BODY_UNIT = r"(?:所在|主管|上级|本|聘任|审批|有关|相关)单位"
# 由税务机关销毁… / 除由海关追征…外 / 由…部门督促… / 由同级人民政府限期核拨: the body after 由 is followed by the act it
# takes; the acts below are every one the table uses after 由 + a body (issue 17qq: 由…承担赔偿责任 stays out — a body
# that pays is no body that sanctions)
AGENCY = re.compile(rf"由(?P<a>[^，；。由]*?(?:{AGENCY_END}|{BODY_UNIT})等?)(?=按照|依照|依据|依法|视其|根据|责令|处|对|没收|吊销|给予|予以|撤销|暂扣|将|指定(?!的)|说服|"
                    rf"报经|组织|实施|禁止|采取|提出|决定|通报|收缴|查封|扣押|代为|强制|会同|可以|应当|在|纳入|列入|记入|取缔|注销|降低|"
                    rf"收回|公告|公布|追究|督促|追缴|追征|追回|取消|拆除|暂停|限期|销毁|区别|并处|进行|废止|动员|批评|终止|"
                    rf"向|综合|收取|宣布|约束|委托|，|；|。|$)")
# 由其上级机关，主管部门，任免机关、单位或者监察机关责令改正: bodies listed with commas, read whole (issue 17hi)
COMMA_BODIES = re.compile(rf"由(?P<a>[^，；。由]*?{AGENCY_END}(?:，[^，；。由]{{1,30}}?(?:{AGENCY_END}|单位))+)"
                          r"(?=责令|给予|依法|处|予以|根据|按照|依照)")
# (issue 17tt) 由邮政企业给予处分 / 由证券交易所给予纪律处分 / 由部队按照有关规定给予处分: whoever gives a 处分 is the body
# that disciplines, whatever its name ends in (an employer, an exchange, the army); read when no other body is named
DISCIPLINING = re.compile(r"由(?P<a>[^，；。由的]{2,12}?)(?:按照有关规定|依照有关规定|依法)?给予(?:[^，；。]{0,4})?处分")
# (issue 17yy) 由同级工会或者上级工会责令改正，或者予以处分: a body named by its rank beside the offender (同级/上级) is the
# body that orders or sanctions, whatever its name ends in; read when no other body is named
RANKED_BODY = re.compile(r"由(?P<a>(?:其)?(?:同级|上级)[^，；。由的]{1,10}?)(?=责令|(?:给予|予以)[^，；。]{0,4}(?:处分|处罚|警告|批评))")
# …的，保险监督管理机构除…外，对其… / …的，国务院证券监督管理机构可以…采取…措施: the body is the subject of the
# sanction sentence, with no 由 (issue 17p)
SUBJECT_AGENCY = re.compile(rf"^(?P<a>[^，；。由对的]{{0,40}}?{AGENCY_END})(?=按照|依照|依据|依法|视其|根据|可以|应当|责令|处|对|没收|"
                            r"吊销|给予|予以|撤销|暂扣|采取|除[^，；。]{0,60}?外)")
# 人民法院审理案件，对于…的，可以没收… / 国务院…主管部门…依照本法第五十二条至第五十四条规定对金融机构进行处罚的，还可以对…:
# a conduct that is a body's own proceedings names the body of the sanction (issue 17s)
PROCEEDING_BODY = re.compile(rf"^(?P<a>[^，；。由对]{{0,40}}?{AGENCY_END})(?:在|依法)?(?:审理[^，；。]{{0,10}}案件|"
                             r"(?:依照|依据|按照)[^，；。]{0,60}?(?:进行|予以|给予|作出|实施)?处罚$)")
# 红十字会有权予以劝阻 / 红十字会可以提请人民政府责令停止使用 (报请本级人民政府…责令关闭): the holder of a power, and a
# body asked to act (issue 17aa)
POWER_HOLDER = re.compile(rf"^(?P<a>[^，；。由对的]{{0,40}}?(?:{AGENCY_END}|会))(?=有权)")
ASKED_BODY = re.compile(rf"(?:提请|报请)(?P<a>[^，；。提报]{{0,30}}?{AGENCY_END})(?=按照|依照|依法|责令|给予|予以|吊销|撤销|没收|处|决定|批准)")
NOT_A_NAME = re.compile(r"应当|可以|依法|给予|提请|责令|视情节")   # 应当视情节依法给予训诫、警告、提请公安机关…: no name
# responsible persons of a unit (as opposed to the unit, or an individual offender)
PERSONS = re.compile(r"主管人员|责任人员|法定代表人|主要负责人|负责人|编制主持人|编制人员|主要人员|船长|责任船员|董事|高级管理人员")

REFERRED_PENALTY = re.compile(r"(?:依法|依照[^，；。]{0,40}?规定)予以处罚|依照[^，；。]{0,40}?规定(?:予以)?处罚")
PUBLIC_ORDER_PENALTY = re.compile(r"给予治安管理处罚")
# a word of a penalty (not 协助没收、没收请求: a request or aid of the proceedings; issue 17kk)
# a proceeding, not a penalty (issue 17qq): 拘留审查 (出境入境管理法第六十条, an investigation measure), 没收程序 / 提出没收违法所得的
# 申请 (监察法第五十五条: a confiscation proceeding), 提出给予处分的建议 (统计法第四十六条: a recommendation), 要求赔偿损失
# (食品安全法第一百四十八条: the injured party's claim)
DETENTION_WORD = r"拘留(?!审查)"
CONFISCATION_WORD = r"(?<!协助)没收(?!请求)(?![^，；。]{0,10}?(?:程序|申请))"
DISCIPLINE_WORD = r"处分(?!的建议)"
PENALTY_WORD = re.compile(rf"罚款|{DETENTION_WORD}|警告|吊销|责令|{DISCIPLINE_WORD}|{CONFISCATION_WORD}|撤销|取缔|处以|暂扣|停止|关闭|收缴|拆除|追究|赔偿|"
                          r"民事责任|处罚|处理|罚")
SANCTION_CHAPTER = re.compile(r"法律责任|罚则")


def procedure_only(row) -> bool:
    """Outside a 法律责任 chapter, a row none of whose "sanctions" has a word of a penalty is a procedure (国际刑事司法协助法
    第四十七条第二款 请求外国将…返还…的，可以在向外国提出没收请求时一并提出；…发现涉嫌犯罪的，应当将案件移送公安机关),
    not an offence (issue 17kk)."""
    if not row.clause.path or any(SANCTION_CHAPTER.search(part) for part in row.clause.path):
        return False
    return not any(PENALTY_WORD.search(s.text) for s in row.sanctions)


MEASURES: list[tuple[str, re.Pattern]] = [(label, re.compile(pattern)) for label, pattern in [
    ("警告", r"(?<!航行)(?<!预)警告"),          # not 发布航行警告 (海警法第二十五条第二款; issue 17cc)
    ("通报批评", r"通报批评"),
    ("责令改正", r"责令(?:其)?改正"),
    ("责令限期改正", r"责令(?:其)?限期改正"),
    ("责令停止违法行为", r"责令(?:其)?停止违法行为"),
    ("责令停止建设", r"责令(?:其)?停止建设"),
    ("责令停止生产、使用", r"责令(?:其)?停止(?:生产|使用|生产、使用|生产或者使用)"),
    ("责令恢复原状", r"恢复原状"),
    ("责令采取治理措施", r"(?:采取|限期采取)治理措施|消除污染"),
    ("责令限期拆除", r"责令(?:限期)?拆除"),
    ("强制拆除", r"强制拆除"),
    ("代为治理/处置", r"代为(?:治理|处置|清除|恢复|履行|修复)"),
    ("限制生产", r"限制生产"),
    ("停产整治", r"停产整治"),
    ("停工整治", r"停工整治|停业整治|停业整顿"),
    ("责令停业", r"责令(?:其)?(?:停产)?停业(?!整)"),
    ("责令关闭", r"(?:责令(?:其)?|停业、|停业或者)关闭"),
    ("责令退运", r"责令退运"),
    ("责令停航", r"停航"),
    ("没收违法所得", rf"(?={CONFISCATION_WORD})没收违法所得"),
    ("没收非法财物", rf"(?={CONFISCATION_WORD})没收(?!违法所得)[^，；。]{{1,40}}"),
    ("吊销许可证件", r"吊销[^，；。]{0,20}?(?:许可证|执照|证书|资质|资格)"),
    ("撤销许可", r"撤销[^，；。]{0,20}?(?:许可证|许可|登记|批准文件|资质|资格)"),
    ("暂扣许可证件", r"暂扣[^，；。]{0,20}?(?:许可证|执照|证书)"),
    ("查封、扣押", r"查封|扣押"),
    ("禁止从业", r"禁止从事|不得(?:再次)?(?:申请|从事|担任)"),
    ("移送公安机关", r"移送公安机关"),
    ("行政拘留", DETENTION_WORD),
    ("按日连续处罚", r"按日连续处罚"),
    ("给予处分", DISCIPLINE_WORD),
    ("追究刑事责任", r"追究刑事责任"),
    # 由公安机关依法给予治安管理处罚: a sanction by the 治安管理处罚法, a referral as 依照…规定处罚 is (issue 17hi)
    ("依法处罚（依照其他规定）", rf"{REFERRED_PENALTY.pattern}|{PUBLIC_ORDER_PENALTY.pattern}"),
    ("承担民事责任", r"承担(?:民事|侵权|赔偿|连带)[^，；。]{0,6}责任|(?<!要求)赔偿损失|依法赔偿"),
]]


@dataclass
class Fine:
    """One fine: on whom (None: the offender the conduct names), amounts, optional (可以处)."""

    target: str | None
    amounts: list[Amount]
    optional: bool
    text: str
    status: str = "parsed"          # parsed | no_amount | unparsed

    @property
    def on_persons(self) -> bool:
        return bool(self.target and PERSONS.search(self.target))

    @property
    def yuan(self) -> Amount | None:
        """The amount in yuan, when the fine has one."""
        return next((a for a in self.amounts if a.kind == "yuan" and a.per is None), None)

    @property
    def label(self) -> str | None:
        """The amounts as the table shows them (二千元以上三万元以下或者…), None without an amount."""
        return "或者".join(a.label for a in self.amounts) if self.amounts else None

    def to_record(self) -> dict:
        yuan_amount = self.yuan
        return {"target": self.target, "on_persons": self.on_persons, "optional": self.optional,
                "status": self.status, "text": self.text,
                "min": _int(yuan_amount.min) if yuan_amount else None,
                "max": _int(yuan_amount.max) if yuan_amount else None,
                "label": self.label,
                "amounts": [a.to_record() for a in self.amounts]}


def _int(value):
    return int(value) if value is not None and float(value).is_integer() else value


@dataclass
class Sanction:
    """One sanction of a row: unconditional (condition None) or under a condition (情节严重的)."""

    condition: str | None
    text: str
    agencies: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    fines: list[Fine] = field(default_factory=list)
    detentions: list[tuple[str | None, Detention]] = field(default_factory=list)
    source: str | None = None       # where it comes from when not the row's own 款 (第二款)

    @property
    def kind(self) -> str:
        """base | aggravated | mitigated | refusal | special."""
        condition = self.condition or ""
        if not condition:
            return "base"
        if re.search(r"情节较轻|情节轻微", condition):
            return "mitigated"
        if re.search(r"拒不|逾期|再次|多次|屡", condition):
            return "refusal"
        if re.search(r"情节严重|情节较重|情节特别严重|严重后果|重大|特别重大|较大|恶劣|造成|致使|导致", condition):
            return "aggravated"
        return "special"

    def to_record(self) -> dict:
        return {"condition": self.condition, "kind": self.kind, "text": self.text, "source": self.source,
                "agencies": self.agencies, "measures": self.measures,
                "fines": [f.to_record() for f in self.fines],
                "detentions": [{"target": t, **d.to_record(), "label": d.label} for t, d in self.detentions]}


# 给予警告或者处… / 可以给予警告，并处…: a warning named before the fine of the same target
WARNING_FIRST = r"(?:可以|应当)?(?:根据情形)?(?:给予|予以)?(?:警告|通报批评)(?:或者|，?(?:可以)?并)(?:处以?)?"


def _target_before(text: str, start: int) -> str | None:
    """Whom a fine (or detention) at ``start`` is imposed on: the nearest 对…处 before it."""
    window = text[max(0, start - 80):start]
    match = None
    for candidate in re.finditer(r"(?<![^，；。：、并以当还另时别关构门府工形])对(?P<t>[^，；。对]{1,50}?)，?(?:可以)?(?:并)?(?:按次)?(?:处以?|单处或者并处)?$|"
                                 r"对(?P<t2>[^，；。对]{1,50}?)，?(?:可以)?并?(?:处以?)|"
                                 # 对负有责任的董事…，给予警告或者处…: a warning before the fine (issue 17s)
                                 rf"对(?P<t4>[^，；。对]{{1,50}}?)，{WARNING_FIRST}$|"
                                 # 对直接负责的主管人员…，给予警告，暂停或者撤销…资格，并处… / …，没收…所获收入，并处…: the
                                 # persons' own measures before their fine (issue 17s)
                                 r"(?<![针面相绝反应核处])对(?P<t5>[^，；。对]{1,50}?)(?<!的)，(?:(?!罚款|拘留|对|的，|由)[^；。]){1,80}?，"
                                 r"(?:可以)?(?:并)?(?:处以?)?$|"
                                 # 对广告经营者、广告发布者，由…部门没收广告费用，处… (issue 17p); 对负有责任的董事…，可以由…部门
                                 # 给予警告或者处… (issue 17s)
                                 rf"对(?P<t3>[^，；。对]{{1,50}}?)，(?:可以|应当|并)?由[^，；。]{{0,40}}?{AGENCY_END}"
                                 rf"(?:(?!罚款|拘留|对)[^；。]){{0,40}}$",
                                 window):
        match = candidate
    if match is None:
        return None
    tail = window[match.end():]
    # 对其直接负责的主管人员…，处…拘留，可以并处五万元以下罚款: a fine joined to the persons' detention is theirs too
    # (issue 17s)
    joined = re.fullmatch(r"[^，；。]*拘留，(?:可以)?(?:并处)?", tail) and \
        (tail.endswith("并处") or re.match(r"(?:可以)?并处", text[start:]))
    if re.search(r"罚款|拘留|；", tail) and not joined:
        return None
    target = (match.group("t") or match.group("t2") or match.group("t3") or match.group("t4")
              or match.group("t5") or "").strip()
    target = re.sub(r"^(?:其|该)(?!他)", "", target)
    # 对直接负责的主管人员…给予警告，并处…: the warning is a measure, not part of whom (issue 17p)
    target = re.sub(r"，?(?:给予|予以|处以?)?(?:警告|通报批评)$", "", target)
    # 对其负责人视情节轻重，给予警告或者处… (issue 17s); 对直接责任人员依法处以罚款 (issue 17aa)
    target = re.sub(r"视(?:其)?情节(?:轻重)?$|依法$", "", target)
    return target or None


def read_sanction(text: str, condition: str | None = None, source: str | None = None) -> Sanction:
    sanction = Sanction(condition, text, source=source)
    sanction.agencies = list(dict.fromkeys(m.group("a") for m in AGENCY.finditer(text)))
    for listed in COMMA_BODIES.finditer(text):
        whole = listed.group("a")
        sanction.agencies = list(dict.fromkeys(whole if whole.startswith(a) else a for a in sanction.agencies))
    if not sanction.agencies:
        sanction.agencies = list(dict.fromkeys(m.group("a") for m in DISCIPLINING.finditer(text)))
    if not sanction.agencies:
        sanction.agencies = list(dict.fromkeys(m.group("a") for m in RANKED_BODY.finditer(text)))
    subject = SUBJECT_AGENCY.match(text)
    if subject and not sanction.agencies and not NOT_A_NAME.search(subject.group("a")):
        sanction.agencies = [subject.group("a")]
    holder = POWER_HOLDER.match(text) or (not sanction.agencies and SUBJECT_AGENCY.match(text.split("提请")[0] + "可以")
                                          if "提请" in text else None)
    if holder and not NOT_A_NAME.search(holder.group("a")):
        sanction.agencies = list(dict.fromkeys([*sanction.agencies, holder.group("a")]))
    # 由管理节能工作的部门报请本级人民政府…责令关闭 / 由…主管部门委托有关单位代为拆除: two bodies, not one name
    sanction.agencies = list(dict.fromkeys(re.sub(rf"^(.+?{AGENCY_END})(?:提请|报请|委托|建议|确定(?!的)).*$", r"\1", a)
                                           for a in sanction.agencies))
    sanction.agencies += [m.group("a") for m in ASKED_BODY.finditer(text) if m.group("a") not in sanction.agencies]
    for label, pattern in MEASURES:
        if pattern.search(text) and label not in sanction.measures:
            sanction.measures.append(label)
    for mention in fine_mentions(text):
        start = mention.span[0]
        optional = bool(re.search(r"可以(?:并)?$|可以[^，；。]{0,4}$", text[max(0, start - 6):start])) or \
            mention.text.startswith("可以")
        sanction.fines.append(Fine(_target_before(text, start), mention.amounts, optional, mention.text,
                                   mention.status))
    for detention in detentions(text):
        start = text.find(detention.text)
        sanction.detentions.append((_target_before(text, start), detention))
    # 由司法机关依法追究刑事责任: the body that only pursues criminal liability is no agency of the row
    sanction.agencies = [a for a in sanction.agencies if not re.search(rf"由{re.escape(a)}(?:依法)?追究刑事责任", text)]
    if sanction.fines and "罚款" not in sanction.measures:
        sanction.measures.append("罚款")
    return sanction
