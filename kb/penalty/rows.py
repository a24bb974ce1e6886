"""法律责任 clauses cut into rows: one conduct (违法行为) and what sanctions it.

A 款 "违反本法规定，X的，由A责令改正，处…罚款；情节严重的，…。其中，Y的，罚款数额为…" gives one row
(conduct X) with a base sanction and conditional ones (情节严重的, 其中…Y的). A sentence that starts
with a new conduct (…；使用不符合规定标准的锅炉的，由…) starts a new row. A 款 whose lead says
"有下列情形之一的" gives one row per 项. A 款 that refers back (有前款规定情形的…, 有前款第三项、第四项情形
之一的，处…) adds its sanctions to the rows of the 款 before (or to the 项 it names).

``parse_clause(clause)`` returns the rows of one article. Explicit obligation references
(违反本法第X条规定) are kept on the row; ``kb.penalty.links`` adds the matched ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kb.clause import ITEM_MARK, Clause
from kb.numerals import CN_NUMBER_CHARS, int_to_cn
from kb.penalty.conditions import AMOUNT_BAND, CASE, CONTINUATION, _chain_across, sanction_pieces
from kb.penalty.conduct import CONDITION, first_conduct, split_conduct  # noqa: F401 (split_conduct: kb.penalty.rows' interface)
from kb.penalty.conduct import own_row, persons_first, sentence_conduct
from kb.penalty.derived import borrow_sanctions, with_floors
from kb.penalty.followup import followed
from kb.penalty.powers import agency_power
from kb.penalty.references import Reference, explicit_references, numbered
from kb.penalty.sanctions import NOT_A_NAME, PROCEEDING_BODY, PUBLIC_ORDER_PENALTY, REFERRED_PENALTY, Sanction
from kb.penalty.sanctions import procedure_only
from kb.penalty.segments import FRESH, sanctions_of, segments

CN_NUM = CN_NUMBER_CHARS
# after a ；, 对…处… and a bare 处… (逾期不消除的，强制消除…；处五千元以上五万元以下罚款) stand on their own
PRIOR = re.compile(r"^[^，；。]{0,40}?(?:有|因)前款|^对前款|^前款规定的")
PRIOR_ITEMS = re.compile(rf"有前款(?P<except>除)?(?P<items>(?:第[{CN_NUM}\d]+项[、和或者至]*)+)(?:以外)?")
# 行为人有前款第二项情形的，…；有第一项、第三项情形之一的，… — the second names items of the same 前款
LATER_ITEMS = re.compile(rf"^[^，；。]{{0,10}}?有(?P<except>除)?(?P<items>(?:第[{CN_NUM}\d]+项[、和或者至]*)+)(?:以外)?"
                         r"(?:规定)?的?(?:违法)?(?:情形|行为)(?:之一)?的?")
NON_CRIMINAL = re.compile(r"尚未构成犯罪|尚不构成犯罪")
# 前款规定以外的医疗卫生机构…的，由…处…: other offenders or acts than the 款 before's, a conduct of its own (issue 17qq)
OTHER_THAN_PRIOR = re.compile(r"^[^，；。]{0,30}?前款(?:规定|所列|所称)?的?(?:以外|之外)")
GENERIC_SUBJECT = re.compile(r"^(?:违法)?(?:行为人|当事人)$")
# 违反本法第十二条规定， before a conduct: dropped from the conduct here and in kb.answer.consequence
VIOLATION_LEAD = re.compile(r"^违反本(?:法|条例|规定|办法|细则)[^，；。]{0,60}?规定，")
LEAD_STRIP = re.compile(rf"^(?:{VIOLATION_LEAD.pattern[1:]}|违反本(?:法|条例|规定|办法)规定)")
OFFENDER_FIRST = re.compile(r"^对(?P<who>[^，；。]{2,60}?的[^，；。]{1,10})，")
# a sentence that only lightens or waives (依法从轻, 不予处罚; issue 17bb: 当事人采取补救措施的，可以减免加处的罚款) imposes nothing
NOT_SANCTION_ONLY = re.compile(r"^(?:依法)?(?:从重|从轻|减轻|不予|可以不予|免予|(?:可以|应当)?(?:减轻|减免|免除|减少|不再))")
# a 款 whose lead only lightens, waives or aggravates (公职人员有下列情形之一的，可以从轻或者减轻给予政务处分：…): its items are
# circumstances of the leniency checklist (kb.penalty.leniency), no offences (issue 17hi)
LENIENCY_LEAD = re.compile(r"^(?:依法)?(?:可以|应当)?(?:依法)?(?:从重|从轻|减轻|不予|免予)")
# 违反本法规定的行为，本法未作行政处罚规定，其他有关法律、行政法规有规定的，依照其规定: a referral, no offence (issue 17hi)
REFERRAL = re.compile(r"本(?:法|条例)未作(?:行政)?处罚规定")
# what is left of 违反本法规定，构成犯罪的 once the lead is cut: a condition, not a conduct (issue 17hi)
# 公职人员违法行为情节轻微，且具有本法第十一条规定的情形之一的，可以…予以诫勉，免予或者不予政务处分: a leniency rule
LENIENCY_END = re.compile(r"(?:免予|不予)(?:或者(?:不予|免予))?(?:行政|政务)?(?:处罚|处分)$")
BARE_CONDITION = re.compile(r"(?:尚不|尚未|不)?构成(?:犯罪|违反治安管理行为)|情节(?:特别|较|十分)?严重")


@dataclass
class PenaltyRow:
    """One 违法行为 and its 法律责任, from one 款 (or 项) of a sanction clause."""

    clause: Clause
    paragraph: int
    item: int | None
    conduct: str
    lead: str = ""                   # the 款 lead of an item row (…有下列情形之一的)
    sanctions: list[Sanction] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    scope: str | None = None         # 违反本法第二编第一分编第二章等规定 (from the section's first article)
    per_day: str | None = None       # the 按日连续处罚 rule that may apply
    number: int = 0                  # rows of one 款/项, in order
    strict_link: bool = False        # its match had to clear the stricter floor (kb.penalty.links)
    link_binds_offender: bool = False    # its best match binds the row's offender (kb.penalty.links)

    @property
    def id(self) -> str:
        return f"{self.clause.id}-{self.paragraph}-{self.item or 0}-{self.number}"

    @property
    def base(self) -> list[Sanction]:
        return [s for s in self.sanctions if s.condition is None]

    @property
    def fine(self):
        """The row's main fine: the first unconditional fine not on responsible persons that states an
        amount (处以罚款 whose amount a later 款 sets gives way to it), else the first such fine."""
        fines = [f for s in self.base for f in s.fines if not f.on_persons]
        return next((f for f in fines if f.amounts), fines[0] if fines else None)

    @property
    def persons_fines(self):
        return [f for s in self.sanctions for f in s.fines if f.on_persons]

    @property
    def agencies(self) -> list[str]:
        named = list(dict.fromkeys(a for s in self.sanctions for a in s.agencies))
        body = not named and PROCEEDING_BODY.match(self.conduct or "")
        return [body.group("a")] if body and not NOT_A_NAME.search(body.group("a")) else named

    @property
    def measures(self) -> list[str]:
        return list(dict.fromkeys(m for s in self.base for m in s.measures))

    @property
    def unparsed(self) -> list[str]:
        return [f.text for s in self.sanctions for f in s.fines if f.status == "unparsed"]

    @property
    def citation(self) -> str:
        return self.clause.focus(self.paragraph, self.item).citation()

    def to_record(self) -> dict:
        fine = self.fine
        clause = self.clause
        return {
            "id": self.id, "law": clause.law, "short_title": clause.document.display_short_title,
            "document_id": clause.document.id, "clause_id": clause.id, "article": clause.article,
            "article_label": clause.article_label, "paragraph": self.paragraph, "item": self.item,
            "citation": self.citation, "path": list(clause.path), "conduct": self.conduct, "lead": self.lead,
            "references": [r.to_record() for r in self.references], "scope": self.scope,
            "agencies": self.agencies, "measures": self.measures,
            "fine": fine.to_record() if fine else None,
            "persons_fines": [f.to_record() for f in self.persons_fines],
            "sanctions": [s.to_record() for s in self.sanctions],
            "per_day": self.per_day, "unparsed": self.unparsed,
            "text": clause.focus(self.paragraph).focus_text,
        }


def clean_conduct(text: str) -> str:
    """The conduct without 违反本法规定， before it and the criminal-law condition after it
    (…非法开垦草原，构成犯罪的 -> 非法开垦草原)."""
    original = text.strip()
    lead = LEAD_STRIP.match(original)
    text = LEAD_STRIP.sub("", original)
    text = re.sub(r"^除[^，；。]{0,30}另有规定[^，；。]{0,6}外，", "", text)     # 除本法另有规定的情形外， (issue 17aa)
    text = re.sub(r"，(?:尚不)?构成犯罪的?$", "", text)
    text = re.sub(r"[，：:]$", "", text)
    text = re.sub(r"的$", "", text).strip("，")
    if lead and BARE_CONDITION.fullmatch(text):
        return f"{lead.group(0).rstrip('，')}，{text}"     # 违反本法规定，构成犯罪 (issue 17hi), not 构成犯罪 alone
    return text


def _prior_items(segment: str, items: int, pattern: re.Pattern = PRIOR_ITEMS) -> list[int] | None:
    """Item numbers named by 有前款第一项、第五项情形之一的 (or 除第三项以外); None: the whole 款."""
    match = pattern.search(segment)
    if not match:
        return None
    numbers = numbered(match.group("items"))
    if match.group("except"):
        numbers = [n for n in range(1, items + 1) if n not in numbers]
    return numbers


def _prior_condition(conduct: str) -> str | None:
    """The condition a 前款 reference adds: 建设单位有前款规定情形，被责令…拒不执行的 -> 被责令…拒不执行的."""
    text = re.sub(r"有前款(?:除)?(?:第[^，；。]*?项[、和或者至]*)*(?:以外)?(?:规定)?的?(?:违法)?(?:情形|行为)(?:之一)?(?:的)?，?", "", conduct)
    text = re.sub(r"^(?:对|前款规定的)", "", text).strip("，")
    return None if not text or GENERIC_SUBJECT.match(text) else text


def parse_clause(clause: Clause) -> list[PenaltyRow]:
    """Rows of one article (empty when it sets no sanction for a conduct)."""
    rows: list[PenaltyRow] = []
    previous: list[PenaltyRow] = []          # rows of the 款 before
    for para in clause.paragraphs():
        text = para.text.strip()
        if previous and (PRIOR.match(text) or CONDITION.match(text)) and not OTHER_THAN_PRIOR.match(text):
            # 有前款规定情形的… / a 款 that opens with a condition (拒不改正的，处…) continues the one before
            _add_prior(previous, text, para.index)
            continue
        made = _paragraph_rows(clause, para.index, text, list(para.items))
        if made:
            rows.extend(made)
            previous = made
    for row in rows:
        row.sanctions = with_floors([s for s in row.sanctions if s.text])
        borrow_sanctions(row, rows)
    return [row for row in rows if _is_sanction_row(row)]


NON_ADMINISTRATIVE = {"追究刑事责任", "承担民事责任"}
# 管制 only as a sentence (拘役或者管制), not 空中交通管制单位 (issue 17p)
CRIMINAL = re.compile(r"有期徒刑|拘役|[处、者]管制|罚金|剥夺政治权利|死刑")


def _is_sanction_row(row: PenaltyRow) -> bool:
    """A row needs an administrative sanction (fine, detention or a measure), or, in a 法律责任
    chapter, any consequence; criminal sentences (有期徒刑, 罚金) are not rows of this table, nor are
    an agency's powers stated outside the 法律责任 chapter (``agency_power``)."""
    if not row.conduct or any(CRIMINAL.search(s.text) for s in row.base) or agency_power(row) or procedure_only(row):
        return False
    if row.base and all(LENIENCY_END.search(s.text) for s in row.base):
        return False            # …免予或者不予政务处分: a circumstance of the leniency checklist (issue 17hi)
    if REFERRAL.search(row.conduct):
        return False            # 本法未作行政处罚规定…的，依照其规定 (issue 17hi)
    measures = {m for s in row.sanctions for m in s.measures}
    if measures == {"依法处罚（依照其他规定）"} and not row.agencies:
        return False  # 依照前款的规定处罚 with no agency: a criminal-law cross-reference
    if measures - NON_ADMINISTRATIVE == {"依法处罚（依照其他规定）"} and _public_order_only(row):
        return False  # 违反治安管理行为对他人造成损害的，除依照本法给予治安管理处罚外…: a general rule outside the sanction chapters
    if any(s.fines or s.detentions for s in row.sanctions) or measures - NON_ADMINISTRATIVE:
        return True
    return bool(measures) and any(re.search(r"法律责任|罚则", part) for part in row.clause.path)


def _public_order_only(row: PenaltyRow) -> bool:
    """Its only administrative consequence is 给予治安管理处罚, and it stands outside a chapter of sanctions (issue 17hi: the
    治安管理处罚法's own 总则 states what a 违反治安管理行为 is; a law without chapters keeps such rows)."""
    texts = [s.text for s in row.sanctions]
    return (bool(row.clause.path) and not any(re.search(r"法律责任|罚则|处罚", part) for part in row.clause.path)
            and not any(s.fines or s.detentions for s in row.sanctions)
            and any(PUBLIC_ORDER_PENALTY.search(t) for t in texts) and not any(REFERRED_PENALTY.search(t) for t in texts))


def _add_prior(previous: list[PenaltyRow], text: str, index: int) -> None:
    source = f"第{int_to_cn(index)}款"
    targets = previous
    condition: str | None = None
    offender: str | None = None      # 文物拍卖企业有前款规定的违法行为的，…: a condition of every case of the 款
    for sentence, segment in segments(text):
        if sentence and offender and NON_CRIMINAL.search(offender):
            offender = None          # the scope ends with its sentence
        split = split_conduct(segment)
        if split is None:
            if targets:
                for row in targets:
                    row.sanctions.extend(sanction_pieces(segment, condition))
                    row.sanctions[-1:] and setattr(row.sanctions[-1], "source", source)
            continue
        conduct, rest = split
        later = "前款" not in conduct and LATER_ITEMS.match(conduct) and any(r.item for r in previous)
        if "前款" in conduct or later:
            items = _prior_items(conduct, max((r.item or 0) for r in previous), LATER_ITEMS if later else PRIOR_ITEMS)
            targets = [r for r in previous if items is None or r.item in items]
            condition = _prior_condition(LATER_ITEMS.sub("", conduct) if later else conduct)
            # 文物拍卖企业有前款规定的违法行为的: a condition of every case of the 款; so is the scope of a 款 that
            # sets the non-criminal branch (依法必须进行招标的项目的投标人有前款所列行为尚未构成犯罪的，处…；有违法所得的，…)
            scope = condition and NON_CRIMINAL.search(condition) and "以外" not in condition
            offender = condition if condition and (scope or OTHER_OFFENDER.search(condition)) and not (
                SUBJECTS.match(condition) or CONDITION.match(condition)) else None
        elif conduct and CONDITION.match(conduct):
            last = targets[0].sanctions[-1].text if targets and targets[0].sanctions else ""
            condition = _chain_across(condition, conduct, last)
            if offender and not condition.startswith(offender):
                condition = f"{offender}，{condition}"
        elif conduct and sentence and len(targets) < len(previous):
            # a later sentence of the 款 about the 项 it named (有前款第三项行为的，予以取缔。被取缔一年以内又实施的，
            # 处…): a case of those rows (issue 17p); after 有前款规定情形的 a new conduct is not guessed at
            condition = re.sub(r"^对", "", conduct)
        elif conduct:
            continue  # any other new conduct inside a 前款 paragraph is rare; it is not guessed at
        subject = condition if condition and SUBJECTS.match(condition) else None
        for row in targets:
            for sanction in sanction_pieces(rest, None if subject else condition):
                sanction.source = source
                for fine in sanction.fines:
                    fine.target = fine.target or subject   # 单位有前款情形的，处… : a fine on 单位
                row.sanctions.append(sanction)


def _paragraph_rows(clause: Clause, index: int, text: str, items: list[str]) -> list[PenaltyRow]:
    opening = split_conduct(text.rstrip("：:"))
    lead_refs = explicit_references(opening[0] if opening else text)   # 违反本法第X条规定，…的 (not the sanction)
    if items and "下列" in text:
        split = split_conduct(text.rstrip("：:"))
        lead = text
        if split is not None and "下列" not in split[0] and "下列" in split[1]:
            # 由…给予下列处罚：（一）… — the items belong to the sanction
            conduct, rest = split
            row = PenaltyRow(clause, index, None, clean_conduct(conduct))
            row.references = lead_refs
            row.sanctions = sanctions_of(rest + "：" + "；".join(items), None)
            return [row]
        rest = split[1] if split else ""
        if LENIENCY_LEAD.match(rest):
            return []           # 有下列情形之一的，可以从轻或者减轻给予政务处分 (issue 17hi)
        rows = []
        for number, item in enumerate(items, 1):
            conduct = ITEM_MARK.sub("", item).rstrip("；;。，")
            row = PenaltyRow(clause, index, number, clean_conduct(conduct), lead=lead)
            row.references = [replace(r) for r in explicit_references(item) or lead_refs]
            row.sanctions = sanctions_of(rest, None) if rest else []
            rows.append(row)
        return rows
    rows: list[PenaltyRow] = []
    current: PenaltyRow | None = None
    sentence_condition: tuple[int, str | None] = (-1, None)
    opening: tuple[int, str | None] = (-1, None)    # the condition a later sentence opens with
    body = text + ("：" + "；".join(items) if items else "")
    last_sentence = -1
    unsplit = ""                # a first segment no sanction split (its sanction reads as none; issue 17hi)
    born, heads = -1, {}        # the sentence of the row's conduct; each sentence's first segment (issue 17ss)
    for sentence, segment in segments(body):
        first_of_sentence, last_sentence = sentence != last_sentence, sentence
        heads.setdefault(sentence, segment)
        special = segment.startswith("其中，")
        head = segment[3:] if special else segment
        split = split_conduct(head)
        offender = OFFENDER_FIRST.match(head) if (split is None or not split[0]) and current is None else None
        after = head[offender.end():] if offender else ""
        if offender and (re.match(r"(?:可以)?(?:并)?处(?![罚理置分])", after) or (after.startswith("由") and "罚款" in after)):
            split = offender.group("who"), head[offender.end():]   # 对驾驶前款所列机动车…的驾驶人，处… (issue 17p)
        if split is None:
            if current is not None:
                current.sanctions.extend(sanction_pieces(head, None))
            elif not rows:
                unsplit = head
            continue
        conduct, rest = split
        if current is None and not conduct and not rows:
            unsplit = head          # 对…打击报复的，由其所在单位或者上级机关责令改正 (read as a sanction only)
        if current is None and unsplit and conduct and CONDITION.match(conduct) and BARE_CONDITION.match(conduct):
            # …未依法要求其改正…的，对因…的损失，与…承担连带责任；情节严重的，撤销其认证资格: the conduct is the first
            # segment's, the condition grades it (issue 17hi; before, the row's conduct was 情节严重)
            first = first_conduct(unsplit)
            if first is not None:
                current = PenaltyRow(clause, index, None, clean_conduct(first[0]), number=len(rows))
                current.references = explicit_references(first[0]) or lead_refs
                current.sanctions = sanction_pieces(first[1], None) + sanction_pieces(rest, conduct)
                rows.append(current)
                sentence_condition, born = (sentence, conduct), sentence
                continue
        if not conduct:
            if current is not None:
                # 并处…/处… continue the sentence's condition; 对直接负责的主管人员… starts afresh
                inherit = sentence_condition[0] == sentence and CONTINUATION.match(rest) and not FRESH.match(rest)
                if opening[0] == sentence and persons_first(rest):
                    # 。情节严重的，处…罚款；对直接负责的主管人员…处…罚款: the persons' fine of that case (issue 17x)
                    current.sanctions.extend(sanction_pieces(rest, opening[1]))
                    continue
                current.sanctions.extend(sanction_pieces(rest, sentence_condition[1] if inherit else None))
            continue
        if current is None or (not special and not CONDITION.match(conduct) and own_row(conduct, rest)):
            if NOT_SANCTION_ONLY.match(rest):
                continue
            earlier = current.conduct if current is not None else unsplit      # (issue 17oo) 不听劝阻: the act before it
            conduct = followed(conduct, earlier, heads[sentence])
            current = PenaltyRow(clause, index, None, clean_conduct(conduct), number=len(rows))
            current.references = explicit_references(conduct) or lead_refs
            current.sanctions = sanction_pieces(rest, None)
            rows.append(current)
            sentence_condition, born = (sentence, None), sentence
            continue
        previous = sentence_condition[1] if sentence_condition[0] == sentence else None
        condition = _chain_across(previous, conduct, current.sanctions[-1].text if current.sanctions else "")
        if opening[0] == sentence and previous == opening[1] and previous and AMOUNT_BAND.search(conduct) \
                and not CASE.match(previous) and not AMOUNT_BAND.search(previous):
            # 。以上施工单位…转让施工资质的，…；违法所得十万元以上的，并处…: the band grades that case's fine (issue 17x)
            condition = f"{previous}，{conduct}"
        pieces = sanction_pieces(rest, condition)
        fresh = born < sentence and sentence_conduct(current, pieces, (heads[sentence], segment), conduct, rest)
        if fresh:   # the conduct is the …的 of the sentence that carries the sanction (issue 17ss)
            current.conduct, current.references = clean_conduct(fresh[0]), explicit_references(fresh[0]) or lead_refs
            current.sanctions = sanction_pieces(rest, None) if fresh[0] == conduct else sanction_pieces(fresh[1], None)
            born, pieces = sentence, [] if fresh[0] == conduct else pieces
        current.sanctions.extend(pieces)
        sentence_condition = (sentence, condition)
        if first_of_sentence and sentence:
            opening = (sentence, condition)
    return rows


SUBJECTS = re.compile(r"^(?:单位|个人|其他生产经营者|企业事业单位|船舶|法人|自然人)$")
OTHER_OFFENDER = re.compile(r"(?:单位|企业|经营者|个人|者|机构|人员|船舶)$")
