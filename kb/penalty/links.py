"""Which obligation article a penalty row's conduct violates (违反条款).

Explicit references come first: an article the conduct names (违反本法第六十九条规定, 不履行本法第二十三条
规定的义务, 不符合本法第二十七条规定) resolves to that article of the same version; one that names a
sanction clause or an earlier 款 (有本法第四十八条第一项、第二项违法行为之一, 其他生产经营者有前两款违法
情形, 有本条第一款、第三款规定行为, 未按照要求修建前款所列工程设施) takes the links of those rows
(``how="inherited"``). An item given several articles by its lead lists first the one its conduct matches best
(``kb.penalty.named``, issue 17bb). A chapter the conduct names (违反本法第六章的规定) limits the match to it.

Otherwise the conduct is matched to the law's obligation clauses — every 款 (and every 项 with
its 款's lead) of an article that is not itself a sanction clause, definitions (本法所称…是指)
excluded — by the geometric mean of the TF-IDF cosine (``kb.textsim``) and the share of the
conduct's weighted terms the clause holds (cosine alone favours short clauses sharing a word or two:
1100 → 第七百九十三条 节水设施 instead of 第一百六十二条 污染防治设施). The conduct is matched without
the conditions of its sanction (被责令改正后拒不改正, 构成犯罪, 造成严重后果). The best article is linked
with ``how="matched"`` and its score; articles scoring at least ``PENALTY_LINK_ALTERNATIVE`` of the
best are offered too.

Whose duty: a private offender does not break a clause that binds only public bodies (国务院和沿海地方
各级人民政府应当…, 有下列情形之一的，不得核发采伐许可证); such clauses are left out of its match, and
when one of them was the closest, the conduct likely has no duty clause of its own, so the match must
clear the stricter floor ``PENALTY_LINK_STRICT_MIN_SCORE``. So must rows about officials (玩忽职守、
滥用职权、不依法查处…, or a public body as the subject): their duties of office are rarely one article,
and they are matched without the names of the bodies; and rows that only refer to civil, criminal or
other laws' liability (造成他人损害的，依法承担民事责任…).
An officials' row whose closest duty binds its own body, named by a word of its own (依法负责项目审批的机关
不得批准建设 for 负责审批政府投资项目的机关; 商检工作人员必须忠于职守 for 商检机构的工作人员: ``duties.same_body``), clears
the normal floor instead: that duty of office is stated, not guessed (issue 17l).
Whose duty, too: a clause whose bound party (the subject of its 应当/必须/不得/负有, or the party of
应当由…) is the row's offender (its conduct's subject, else its fine's target: 对建设单位处…) scores
``PENALTY_LINK_SUBJECT_BOOST`` more (安全生产法第二十八条 生产经营单位应当…如实记录, not 第二十五条, its safety
office's functions); a clause stating no duty at all (a fund) keeps ``PENALTY_LINK_NO_DUTY_WEIGHT`` of
its score (0.5 as chosen over samples 1–8).
Whose duty and what kind, in any law (issue 17q, ``kb.penalty.parties``, ``kb.penalty.permits``): for a private
offender, a clause whose every sentence has a public body as its subject (…的，国务院反垄断执法机构应当作出禁止…的决定;
保险监督管理机构…可以采取下列措施) is the body's power, left out like a clause binding only public bodies; a duty to
report what one finds (公民、组织发现外国人非法居留的，应当报告) is not broken by the party found; a conduct without a
permit (未经许可举办…) ranks a clause requiring one ``PENALTY_LINK_SUBJECT_BOOST`` higher, the floors judging its own score.
Duties of the conduct's kind (issue 17t, ``kb.penalty.permits``, ``kb.penalty.candour``): a qualification conduct (非医师
行医) ranks first the clause forbidding practice without the qualification, a candour conduct (在监督检查中提供虚假情况) the law's
如实/不得提供虚假 duty; that clause binds the offender (the weak floor passes it) and a closest public clause no longer makes the
row strict. A court's power (人民法院审理案件…可以没收) is not linked, and an officials' row never breaks a body's general task
(应当加强…监督检查, 负责…工作), nor (issue 17v) a duty of whoever carries on an activity (从事…活动的，不得骗取补贴资金).
Whose duty, again (issue 17cc): another party's right (劳动者可以立即解除劳动合同, ``parties.permission_holders``) is no duty of the
offender, and when it was the closest the row takes the strict floor; a 款 of the row's own article opening with the conduct's party
and its duty (保证人应当履行以下义务, ``prior.sibling_duties``) is its explicit link.
A 款 forbidding the conduct's own act to everyone (任何单位和个人不得侵占、挪用…) binds the offender, a public one too (issue 17ff,
``kb.penalty.universal``). Obstructing an inspection breaks the duty to accept it (``kb.penalty.inspection``), and 应当X而不X ranks the
款 stating 应当…X first (``kb.penalty.omission``; issue 17gg).
(Issue 17nn, ``kb.penalty.stated``) the one 款 requiring by the same words what a 未依照本法规定X conduct failed (必须依照本法规定…提出申请),
or keeping secret what a 泄露… conduct leaks (应当予以保密), binds the offender and ranks first; officials named first (…的工作人员挪用…)
are dropped to find the 款 banning their act to everyone. Other matches need ``PENALTY_LINK_MIN_SCORE``; below its floor a row says that no obligation clause
was found. A match under ``PENALTY_LINK_WEAK_SCORE`` stands only when the clause binds the offender.
Never a target: a sanction rule stating no duty (单位违反治安管理的…依照本法的规定处罚), and for a private
offender a clause whose bound parties are all officials (应当由女性工作人员…进行). Not linked at all: catch-all items (其他违反…的行为) and rows whose only consequence is
追究刑事责任. The floors and weights were chosen by leave-one-out over 322 rows checked by hand
(``python -m benchmarks.penalty_links``; README gives the figures).

The provisions a section says it punishes (违反本法第二编第一分编第二章等规定，适用本节规定) are kept on
the row as ``scope`` for the reader, not used to filter: "等" admits others, and on the 15 rows of
第一千一百零二至一千一百一十二条 a filter on the scope changed 11 links, 9 of them for the worse
(超标排放 breaks 第一百五十一条, outside 第二章).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from kb import settings
from kb.clause import Clause
from kb.penalty.duties import (BODY, PARTY, units_of, binds_only_public_bodies, duty_parties, party, same_body, body_words, same_party, states_duty)  # noqa: F401
from kb.penalty.offenders import (DERELICTION, GOVERNMENT_BODY, OFFICIAL, PRIVATE, _criminal_only, _subject,  # noqa: F401
                                  bare_dereliction, court_power, disciplinary_only, offender, official_row, referral_only)
from kb.penalty.parties import permission_holders, public_offender, public_subject, reporting_duty, row_offender
from kb.penalty.candour import candour_conduct, candour_duty
from kb.penalty.inspection import inspection_conduct, inspection_duty
from kb.penalty.omission import due_units, omitted_act, owed_units, states_act
from kb.penalty.permits import certificate_duty, permit_conduct, permit_duty, qualification_conduct, qualification_duty
from kb.penalty.named import order_named
from kb.penalty.stated import everyones, staff_act, stated_units
from kb.penalty.queries import _chapter_filter, _opening, _query, is_obligation  # noqa: F401
from kb.penalty.neighbours import neighbours as _neighbours
from kb.penalty.actors import bound_names, name_only_units, objects_duty
from kb.penalty.activity import activity_units
from kb.penalty.terms import term_only
from kb.penalty.applies import scope_units, section_scopes
from kb.penalty.universal import universal_ban, universal_units
from kb.penalty.powers import DEFIES, power_only
from kb.penalty.prior import inherit, prior_duties, prior_paragraphs, sibling_duties
from kb.penalty.references import Reference
from kb.penalty.responses import responds
from kb.penalty.nonduty import harm_only, not_duties      # (issue 17pp) no duty of the offender
from kb.penalty.bare import names_no_act      # (issue 17yy) a bare 有违法行为, a decision to sanction, a body's finding
from kb.penalty.conformity import conforming_units      # (issue 17yy) 不符合Y breaks 应当符合Y
from kb.penalty.fraud import no_deceit_duty
from kb.penalty.tamper import tampered_units      # (issue 17ab) 篡改X breaks 应当按照…X
from kb.penalty.rows import PenaltyRow
from kb.textsim import cosine_coverage, features, jieba_module

CATCH_ALL = re.compile(r"^(?:有)?其他|违反[^，；。]{0,20}其他[^，；。]{0,6}(?:要求|规定)|规定的其他违法行为$|"   # …违反固体废物管理其他要求
                       r"^(?:不|未)(?:按照|依照)本(?:法|条例)规定履行(?:法定)?(?:职责|义务)$")   # 不按照本法规定履行法定职责
# a cross-reference to every violation of the law (企业事业单位有本法规定的违法情形，其…属于公职人员的，依法给予处分):
# it names no conduct, so no duty
ANY_VIOLATION = re.compile(r"有本(?:法|条例)规定的(?:违法)?(?:情形|行为)")
# a duty a powers article states of the party checked (可以依法先行登记保存，当事人或者有关人员不得转移、隐匿或者销毁)
PRIVATE_DUTY = re.compile(r"(?:当事人|有关人员|被检查[^，；。]{0,6}|经营者|单位|个人)[^，；。]{0,4}(?:不得|应当|必须)")
# the offender is a public body or an official
FIRM_DUTY = re.compile(r"不得|必须|严禁|负有")
# (issue 17t) a body's general task (应当加强对…的监督检查, 负责…工作, 应当组织…): no official's acting in office breaks it
TASK = re.compile(r"应当(?:加强|推进|促进|支持|鼓励|指导|统筹|提高|改善|完善|健全)|(?<!的)负责[^，。；]{0,30}工作(?:[。；]|$)")
SUBJECTLESS_DUTY = re.compile(r"(?:^|[，。；\n])(?:不得|应当|必须)")
# (issue 17v) a duty of whoever carries on an activity (从事农村电影公益放映活动的，不得以虚报、冒领等手段骗取补贴资金):
# a private party's, named by its activity; an official (贪污、挪用…补贴资金) does not break it
ACTIVITY_DUTY = re.compile(r"(?:^|[。；\n])(?:从事|开展|经营|举办)[^，。；]{1,40}的(?:单位|个人|者)?，(?:不得|应当|必须)")
PUBLIC_MENTION = re.compile(r"国务院|人民政府|部门|机关|机构|工作人员")
# a rule applying sanctions (单位违反治安管理的…依照本法的规定处罚; 教唆、胁迫、诱骗他人违反治安管理的，按照…处罚):
# without a duty word it states no duty, so it is never a link target
KIND_FIRST = 100.0     # the preference of a duty of the conduct's kind: above any other match
SANCTION_RULE = re.compile(r"处罚|罚款|拘留|从重|从轻|减轻|追究[^，。；]{0,10}责任|给予[^，。；]{0,6}处分")


@dataclass(frozen=True)
class LinkSettings:
    """The link floors (``LAWKB_PENALTY_LINK_*``; see kb/settings.py)."""

    min_score: float
    strict_min_score: float
    alternative: float
    no_duty_weight: float = 1.0      # score share kept by a clause that states no duty
    subject_boost: float = 0.0       # added share when the duty's party is the offender
    weak_score: float = 0.0          # a match under it must bind the offender
    neighbour_weight: float = 1.0    # share kept by a clause a sibling item's conduct matches better

    @classmethod
    def current(cls, overrides: dict | None = None) -> "LinkSettings":
        return cls(settings.get("PENALTY_LINK_MIN_SCORE", overrides),
                   settings.get("PENALTY_LINK_STRICT_MIN_SCORE", overrides),
                   settings.get("PENALTY_LINK_ALTERNATIVE", overrides),
                   settings.get("PENALTY_LINK_NO_DUTY_WEIGHT", overrides),
                   settings.get("PENALTY_LINK_SUBJECT_BOOST", overrides),
                   settings.get("PENALTY_LINK_WEAK_SCORE", overrides),
                   settings.get("PENALTY_LINK_NEIGHBOUR_WEIGHT", overrides))

    def stamp(self) -> dict:
        return {"min_score": self.min_score, "strict_min_score": self.strict_min_score,
                "alternative": self.alternative, "no_duty_weight": self.no_duty_weight,
                "subject_boost": self.subject_boost, "weak_score": self.weak_score,
                "neighbour_weight": self.neighbour_weight}


def link_rows(rows: list[PenaltyRow], clauses: list[Clause], min_score: float | None = None,
              options: LinkSettings | None = None, trace: dict | None = None) -> None:
    """Fill ``references`` of the rows of one document version (``clauses``: its articles). ``trace``, when
    given, receives {row id: the match's per-unit scores and flags} of every matched row (``benchmarks.penalty_linkfeatures``, issue 17y)."""
    if not rows:
        return
    options = options or LinkSettings.current()
    if min_score is not None:
        options = replace(options, min_score=min_score, strict_min_score=max(min_score, options.strict_min_score))
    by_number = {(c.article, c.article_suffix): c for c in clauses if c.article is not None}
    sanction_ids = {row.clause.id for row in rows}
    obligations = [c for c in clauses if is_obligation(c, sanction_ids)]
    scopes = section_scopes(clauses)
    inherits: dict[str, list[Reference]] = {}
    for row in rows:
        row.scope = scopes.get(row.clause.path)
        resolved = []
        for ref in row.references:
            target = by_number.get((ref.article, ref.suffix))
            if target is not None and target.id in sanction_ids:
                inherits.setdefault(row.id, []).append(replace(ref, clause_id=target.id))
            elif target is not None and term_only(row.conduct, ref.article, ref.suffix, target.text):
                continue        # (issue 17dd) 出售本法第六十六条规定的受影响的相关区域中…物品: a term's source, no duty
            elif target is not None:
                resolved.append(replace(ref, how="explicit", clause_id=target.id, text=target.text))
        row.references = resolved or sibling_duties(row, rows)     # (issue 17cc) 保证人应当… for 保证人未履行保证义务
        if not resolved and row.references:
            inherits.pop(row.id, None)
    order_named(rows, clauses, _query)     # an item's share of its lead's articles first (issue 17bb)
    for row in rows:
        if not row.references and row.id not in inherits:
            row.references = prior_duties(row, rows)
    # catch-alls (其他违反…的行为) and officials' criminal-only rows name no duty; other criminal-only rows: see _match (17ii)
    pending = [row for row in rows if not row.references and row.id not in inherits and not CATCH_ALL.search(row.conduct)
               and prior_paragraphs(row) is None and not bare_dereliction(row)
               and not ANY_VIOLATION.search(row.conduct) and not court_power(row) and not names_no_act(row.conduct)
               and not (_criminal_only(row) and official_row(row) and staff_act(row.conduct) == row.conduct)]
    # (issue 17ii) criminal-only rows matched apart, so they shift no other row's neighbours
    units = [(clause, paragraph, text) for clause in obligations for paragraph, text in units_of(clause)] if pending else []
    unit_bags = [features(text, jieba_module()) for _, _, text in units]      # cut once for both groups
    for group in ([row for row in pending if not _criminal_only(row)], [row for row in pending if _criminal_only(row)]):
        if group and obligations:
            _match(group, obligations, (units, unit_bags), options, trace)
    inherit(rows, inherits)


def _match(pending: list[PenaltyRow], obligations: list[Clause], prepared: tuple[list, list], options: LinkSettings,
           trace: dict | None = None) -> None:
    jieba = jieba_module()
    units, unit_bags = prepared     # the obligations' units and their term bags (link_rows cuts them once)
    officials = [official_row(row) for row in pending]
    query_bags = [features(_query(row, official), jieba) for row, official in zip(pending, officials)]
    cosine, coverage = cosine_coverage(query_bags, unit_bags)
    scores = np.sqrt(cosine * coverage)
    base = scores
    duty = np.array([states_duty(text) for _, _, text in units])
    scores = np.where(duty, scores, options.no_duty_weight * scores)
    scores = _neighbours(pending, scores, options.neighbour_weight)
    rule = np.array([not has_duty and bool(SANCTION_RULE.search(text)) for has_duty, (_, _, text) in zip(duty, units)])
    scores = np.where(rule, 0.0, scores)
    powers = np.array([power_only(text) for _, _, text in units])      # (issue 17ii) a body's power binds no one
    everyone = everyones(units)         # (issue 17nn) units binding everyone: an official's duty too
    scope = scope_units(units)      # (issue 17ee) 从事测绘活动，应当遵守本法: the law's scope, never a duty (the strict floor)
    parties = [duty_parties(text) for _, _, text in units]
    # a clause binding public bodies only, or whose bound parties are all officials (检查妇女的身体，应当由
    # 女性工作人员进行: a procedure duty of the police), is no duty of a private offender
    public = np.array([(binds_only_public_bodies(clause.paragraphs()[paragraph - 1].text)
                        or (bool(bound) and all(OFFICIAL.search(name) for name in bound)))
                       and not PRIVATE_DUTY.search(text)
                       for (clause, paragraph, text), bound in zip(units, parties)])
    # (issue 17q) or whose sentences all have public bodies as subjects, a condition first or not (…的，国务院反垄断执法
    # 机构应当作出禁止…的决定; 保险监督管理机构依法履行职责，可以采取下列措施): the body's power, no duty of a private offender
    subject_public = np.array([public_subject(text) and not PRIVATE_DUTY.search(text) for _, _, text in units])
    permits = np.array([permit_duty(text) for _, _, text in units])      # …应当经…批准, 提出申请, 未经许可，不得…
    # (issue 17t) the duty of the kind the conduct breaks: 未…取得医师执业证书，不得从事… for 非医师行医, 应当如实反映情况 for
    # 提供虚假情况; it ranks first and binds the offender (the weak floor passes it), the floors judging its own score
    kinds = ((qualification_conduct, np.array([qualification_duty(text) for _, _, text in units])),
             (candour_conduct, {kind: np.array([candour_duty(text, kind) for _, _, text in units]) for kind in ("checked", "false")}),
             (inspection_conduct, lambda kind: np.array([inspection_duty(text, kind) for _, _, text in units])))   # (issue 17gg)
    clause_ids = np.array([clause.id for clause, _, _ in units])
    texts = [text for _, _, text in units]
    # a duty of office may leave its body to the article's other 款 (第一百零二条第四款 审批…不得收取任何费用)
    # (only for a duty with no subject of its own: 新闻媒体应当… stays another party's)
    mentions_public = np.array([bool(PUBLIC_MENTION.search(text) or (SUBJECTLESS_DUTY.search(text) and PUBLIC_MENTION.search(clause.text)))
                                for clause, _, text in units])
    # bound parties all private (经营者…应当执行政府定价): another subject's duty for an officials' row
    bodies = [duty_parties(text, BODY) for _, _, text in units]
    # (a unit binding a body too: 建设单位不得开工建设…审批的机关不得批准建设 is the body's duty as well)
    private_only = np.array([bool(bound) and not named and all(PRIVATE.search(name) and not OFFICIAL.search(name) for name in bound)
                             for bound, named in zip(parties, bodies)])
    # a firm duty (不得批准建设, 必须忠于职守, 负有保密义务), not a task (应当加强信息化建设)
    firm = np.array([bool(FIRM_DUTY.search(text)) for _, _, text in units])
    task = np.array([bool(TASK.search(text)) for _, _, text in units]) & ~firm
    actors = np.array([bool(ACTIVITY_DUTY.search(text)) and not PUBLIC_MENTION.search(text) for _, _, text in units])
    named_parties = [bound_names(text) for _, _, text in units]
    # (issue 17cc) a unit stating no duty but a permission (劳动者可以立即解除劳动合同): whose right it is
    holders = [[] if has_duty else permission_holders(text) for has_duty, (_, _, text) in zip(duty, units)]
    bans = [universal_ban(text) for _, _, text in units]      # (issue 17ff) 任何单位和个人不得…: everyone's, the offender's too
    for row_index, (row, official, row_scores) in enumerate(zip(pending, officials, scores)):
        office = np.zeros(len(units), dtype=bool)
        # (issue 17dd) a clause binding only the party the conduct acts upon (强令登记机关…, 向学校…收取费用) is not its duty
        opening = _opening(row)
        row_scores = np.where([objects_duty(opening, bound) or responds(text, row.conduct)      # (issue 17hh) 发现…诬告陷害…的，应当澄清
                               for bound, (_, _, text) in zip(named_parties, units)] | name_only_units(row, units, unit_bags) | not_duties(row, units), 0.0, row_scores)
        row_scores = row_scores if DEFIES.search(row.conduct) else np.where(powers, 0.0, row_scores)   # …but one defying its decision
        who = offender(row)
        own = np.array([bool(who) and any(same_party(who, bound) for bound in unit_parties) for unit_parties in parties])
        own = own | np.array(activity_units(row.conduct, [text for _, _, text in units]), dtype=bool)    # (issue 17vv) 从事船舶拆解的单位
        row_scores = np.where(own, (1 + options.subject_boost) * row_scores, row_scores)
        # another party's right is no duty of the offender (用人单位强迫劳动 does not break 劳动者可以立即解除劳动合同)
        rights = np.array([bool(who) and bool(named) and not any(same_party(who, name) for name in named) for named in holders])
        # (when one was the closest, the conduct likely has no duty clause of its own: the stricter floor, as for public clauses)
        rights_closest = bool(row_scores.size) and bool((rights | scope)[int(np.argmax(row_scores))])
        row_scores = np.where(rights | scope, 0.0, row_scores)
        # (issue 17q) 未经许可举办… breaks the clause requiring the permit: it ranks first, but the floors judge its own score
        # (a weak match is not made strong by being a permit clause: 未经批准擅自取用地下水 is no 未经批准…不得倾倒)
        preference = np.where(permits, 1 + options.subject_boost, 1.0) if permit_conduct(row.conduct) else np.ones(len(units))
        if act := omitted_act(row.conduct):     # (issue 17gg) 应当举行听证而不举行听证: the 款 stating 应当…举行听证 first
            preference = np.where([states_act(text, act) for _, _, text in units], (1 + options.subject_boost) * preference, preference)
        kind_found, kind_mask = False, np.zeros(len(units), dtype=bool)
        for conduct_kind, kind_units in kinds:
            if (kind := conduct_kind(row.conduct)) is not None and not official:
                kind_units = kind_units(kind) if callable(kind_units) else kind_units[kind] if isinstance(kind_units, dict) else kind_units
                preference = np.where(kind_units, KIND_FIRST * preference, preference)
                own, kind_mask = own | kind_units, kind_mask | kind_units
                kind_found = kind_found or bool((kind_units & (row_scores > 0)).any())
        inside = _chapter_filter(row, obligations)
        if inside is not None:
            row_scores = np.where(np.isin(clause_ids, list(inside)), row_scores, 0.0)
        row.strict_link = official or referral_only(row) or rights_closest
        if official:        # an official breaks a duty stated of public bodies, not one of 新闻媒体 or 企业
            row_scores = np.where(mentions_public & ~task & ~actors, row_scores, 0.0)
            if GOVERNMENT_BODY.search(_subject(row)):    # a named government body breaks no 经营者's duty
                row_scores = np.where(private_only, 0.0, row_scores)
            body = party(_subject(row), BODY)
            if body:        # …its own body's (boosted), not another body's (动物卫生监督机构 does not break
                # 农业农村主管部门及其工作人员不得从事…经营性活动); a body named alike (依法负责项目审批的机关 for 负责审批
                # 政府投资项目的机关) or its staff (商检工作人员 for 商检机构) is not another body
                staff = [{name for name in bound if name.endswith("工作人员")} for bound in parties]
                mine = np.array([any(same_party(body, name) for name in named) or any(same_body(body, name) for name in crew)
                                 for named, crew in zip(bodies, staff)])
                alike = np.array([any(same_body(body, name) for name in named | crew) for named, crew in zip(bodies, staff)])
                other = np.array([bool(named) and all(OFFICIAL.search(name) for name in named) for named in bodies]) & ~alike
                row_scores = np.where(mine & ~own, (1 + options.subject_boost) * row_scores, row_scores)
                row_scores = np.where(other, 0.0, row_scores)
                own = own | mine
                if body_words(body, row.clause.law):
                    office = alike & firm
                    own = own | office      # (issue 17cc) its body's firm duty binds the offender: the weak floor passes it
        elif row_scores.size:
            # (issue 17q) for a private offender (not a public one the officials' test missed, …机构工作人员…泄露…个人信息,
            # nor one punished by 处分 only: those keep their body's duties), a public body's power too; and, without the
            # stricter floor, the duty to report what one finds (公民、组织发现外国人非法居留的，应当报告)
            named = row_offender(_opening(row))
            private = not (public_offender(named) or disciplinary_only(row))
            closed = public | subject_public if private else public
            # (a duty of the conduct's own kind found, the closest clause's being a body's says nothing)
            row.strict_link = row.strict_link or (bool(closed[int(np.argmax(row_scores))]) and not kind_found)
            if private:
                closed = closed | np.array([reporting_duty(text, row.conduct) for _, _, text in units])
            row_scores = np.where(closed, 0.0, row_scores)
        # (issue 17nn) an officials' act is found without the staff named first (…的工作人员挪用社会保险基金)
        universal, row_scores, head = universal_units(staff_act(row.conduct) if official else row.conduct, bans, row_scores,
                                                      scores[row_index])
        preference = np.where(head, KIND_FIRST * preference, preference)      # (issue 17hh) 禁止破坏X for 破坏X: first
        row_scores, own = np.where(universal & ~own, (1 + options.subject_boost) * row_scores, row_scores), own | universal
        certificate = np.zeros(len(units), dtype=bool)
        if _criminal_only(row):     # (issue 17ii) a criminal-only row: only a 款 banning its very act, or the duty of its own kind
            certificate = np.array([not official and certificate_duty(row.conduct, text) for _, _, text in units], dtype=bool)
            row_scores = np.where(universal | kind_mask | certificate, np.where(certificate, scores[row_index], row_scores), 0.0)
            preference, own = np.where(certificate, KIND_FIRST * preference, preference), own | certificate
        stated = np.zeros(len(units), dtype=bool)
        if not _criminal_only(row):     # (issue 17nn) the one 款 requiring the act undone (未依照本法规定申请), or keeping secret what is leaked
            stated = stated_units(row.conduct, units)
            back = stated & everyone if official else stated      # (an official's only when it binds everyone)
            row_scores = np.where(back, np.maximum(row_scores, scores[row_index]), row_scores)
            preference, own = np.where(stated, KIND_FIRST * preference, preference), own | stated
        # (17ab) 应扣未扣: 履行代扣…义务; 篡改国歌歌词、曲谱: 应当按照…歌词和曲谱
        due = np.array(due_units(row.conduct, texts), dtype=bool) | np.array(tampered_units(row.conduct, texts), dtype=bool)
        own = own | due
        floor = options.strict_min_score if row.strict_link else options.min_score
        clears = (row_scores >= floor) & (own | (row_scores >= options.weak_score))     # (a weak match must bind the offender)
        # (issue 17jj) the 款 stating the conduct's own act first (不按照规定向…机构报送 → 应当按照规定向…报送), if it clears the
        # floor; (17yy) 应当符合Y for 不符合Y; (17ab) the act due and undone, the thing tampered with
        acted = (np.array(owed_units(row.conduct, texts), dtype=bool) | np.array(conforming_units(row.conduct, texts), dtype=bool)
                 | due)
        preference = np.where(acted & clears, KIND_FIRST * preference, preference)
        if trace is not None:
            trace[row.id] = dict(units=units, base=base[row_index], cosine=cosine[row_index], coverage=coverage[row_index],
                                 scores=row_scores, preference=preference, own=own, office=office, duty=duty, public=public,
                                 subject_public=subject_public, permits=permits, official=official, kind_found=kind_found,
                                 strict=row.strict_link, inside=inside, firm=firm, task=task, chosen=None)
        best: dict[int, tuple[float, Clause, int, bool, bool, float]] = {}
        for index, score in enumerate(row_scores * preference):
            clause, paragraph, _ = units[index]
            if score > best.get(clause.id, (-1.0,))[0]:
                best[clause.id] = (float(score), clause, paragraph, bool(own[index]), bool(office[index]), float(row_scores[index]))
        ranked = sorted(best.values(), key=lambda item: -item[0])
        floor = options.strict_min_score if row.strict_link else options.min_score
        if official and ranked and ranked[0][4]:
            # a firm duty stated of the very body, named by words of its own (依法负责项目审批的机关不得批准建设; 商检工作人员
            # 必须忠于职守), is its duty of office, not a guess among many: the normal floor (issue 17l); not so for a
            # body named only by common words or the law's (地方人民政府, 负责特种设备安全监督管理的部门), nor for a task
            floor, row.strict_link = options.min_score, False
        if kind_found and not official and ranked and 0 < KIND_FIRST * ranked[0][5] * (1 - 1e-9) <= ranked[0][0]:
            # (issue 17v) a duty of the conduct's own kind ranks first: no guess, in a row referring to other laws too
            # (公证法第四十四条 提供虚假证明材料…依法承担民事责任 → 第二十七条第一款 应当…提供真实…的证明材料)
            floor, row.strict_link = options.min_score, False
        if ranked and ranked[0][1].id in set(clause_ids[universal]):
            floor, row.strict_link = options.min_score, False      # (issue 17ff) the act forbidden to everyone: no guess
        if ranked and ranked[0][1].id in set(clause_ids[certificate]):
            floor, row.strict_link = options.min_score, False      # (issue 17ii) the certificate the act requires: no guess
        if ranked and ranked[0][1].id in set(clause_ids[stated]):
            floor, row.strict_link = options.min_score, False      # (issue 17nn) the duty stated of the act: no guess
        if not ranked or ranked[0][5] <= 0 or ranked[0][5] < floor or harm_only(row.conduct):   # (17pp) a harm, no act
            continue
        if no_deceit_duty(ranked[0][1].paragraphs()[ranked[0][2] - 1].full_text, row.conduct):
            continue        # (issue 17zz) 弄虚作假骗取X breaks no 款 naming only X (应当…缴纳签证费): no link
        # a weak match stands only when the duty binds the offender: 组织作弊 (no subject) is not broken
        # by 第一百三十五条, the police's duty to keep fines apart, at 0.17
        row.link_binds_offender = ranked[0][3]
        if ranked[0][5] < options.weak_score and not ranked[0][3]:
            continue
        top = ranked[0][0]
        if trace is not None:
            trace[row.id]["chosen"] = ranked[0][1].id      # the rules' first link
        for rank, clause, paragraph, _, _, score in ranked[:3]:
            if rank < options.alternative * top and rank != top:
                break
            paragraph = paragraph if len(clause.paragraphs()) > 1 else None
            # the boost may lift a match above 1; the score shown stays a share
            row.references.append(Reference(clause.article, clause.article_suffix, paragraph, "matched", min(score, 1.0),
                                            clause.id, clause.focus(paragraph).focus_text))

