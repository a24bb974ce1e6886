"""Fine amounts and detention periods read from statute text, never guessed.

``parse_amount(spec)`` reads what stands between 处 and 罚款: 二十万元以上一百万元以下, 五万元以下,
一千元, 一万元至五万元, 违法所得一倍以上三倍以下, 货值金额等值以上三倍以下, 上一年度销售额十分之一以下,
每平方米十元以上二十元以下, and alternatives joined by 或者. Money is in yuan; multiples and shares
keep their base (违法所得, 货值金额, 直接损失 …). ``fine_mentions(text)`` finds every fine a text
imposes (处…罚款, 罚款数额为…, 按照…计算罚款) and says for each whether it was parsed, states no
amount (处以罚款: the amount is set elsewhere), or could not be parsed — those are listed by
``lawkb doctor``. ``detentions(text)`` reads 十日以上十五日以下拘留.

Every value comes from a numeral in the text (``kb.numerals.cn_to_int``); ``Amount.numerals`` keeps
the numerals it was read from so a test can check each one against the source.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from kb.cite.changes import yuan
from kb.numerals import CN_NUMBER_CHARS, cn_to_int, int_to_cn

CN = CN_NUMBER_CHARS
NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN}]+)"
MONEY = re.compile(rf"(?P<n>{NUM})(?P<u>万|亿)?元")
FRACTION = re.compile(rf"百分之(?P<pct>{NUM})|(?P<den>{NUM})分之(?P<num>{NUM})")
MULTIPLE = re.compile(rf"(?P<m>{NUM})倍|(?P<eq>等值|等额)")
DAYS = re.compile(rf"(?:(?P<lo>{NUM})日以上)?(?P<hi>{NUM})日以下(?:的)?(?:行政)?拘留|(?P<fix>{NUM})日(?:的)?(?:行政)?拘留")
PER_UNIT = re.compile(r"(?:按照?[^每]{0,12})?(每(?:[^\d零〇一二两三四五六七八九十百千]{0,6}?[一])?[^\d零〇一二两三四五六七八九十百千元]{1,8})")  # 万 is a unit here
# …，总额不超过一万元: the cap of a per-unit fine (出境入境管理法第七十八条)
CAP = re.compile(rf"，总额(?:不超过|最高不超过|最高为|最多不超过)(?P<sum>{NUM}(?:万|亿)?元)$")
LOWER = ("以上",)
UPPER = ("以下", "以内")
UPPER_BEFORE = ("不超过", "最高", "最多")

# a fine imposed: 处 / 处以 / 并处 / 可以处 … 罚款 (one clause of a sentence), 罚款数额为…, 按照…计算罚款
FINE = re.compile(r"(?:以|按照?)(?P<spec3>每[^，；。：]*?)的?标准(?:处以|处)罚款"
                  r"|按照?(?P<spec4>[^，；。：]{0,12}罚款数额的[^，；。：]*?倍[^，；。：]{0,4}?)对[^，；。：]{1,40}?处以?罚款"
                  r"|(?P<trigger>罚款数额为|罚款额为|处以|并处以|并处|单处或者并处|处|予以|按照|按)"
                  r"(?P<spec>(?:[^，；。：（]|（[^）]*）|，(?=总额))*?)(?:的)?罚款(?!数额|的数额)"
                  r"|罚款数额为(?P<spec2>[^，；。：]*?)(?=[，；。]|$)")
# the amount stands before 处以罚款 (issue 17p): 以每人五百元以上二千元以下的标准处以罚款 (劳动合同法第八十四条, spec3);
# 按照前款罚款数额的二倍以上五倍以下对…处以罚款 (安全生产法第一百一十四条, spec4: a multiple of that fine)
NOT_IMPOSED = re.compile(r"(?:缴纳|收缴|缴|拒绝缴纳|退还|返还|决定|处罚决定|执行|加处|数额|截留|私分|罚没)$")
# a fine reduced or waived, not imposed (可以减免加处的罚款, 不再处以罚款, 免除罚款; issue 17bb)
WAIVED = re.compile(r"(?:减免|免除|免予|免于|减少|减轻|不再)[^，；。]{0,8}$")
# 予以拘留、罚款 / 处以训诫、罚款: 罚款 last in a list of measures that state no amount is a fine of no stated amount
# (民事诉讼法第一百二十条; issue 17qq)
LISTED_BEFORE = re.compile(r"^(?:(?:训诫|警告|通报批评|责令具结悔过|(?:行政)?拘留)(?:、|或者|和))+$")


@dataclass(frozen=True)
class Amount:
    """One fine amount: ``kind`` yuan (min/max in yuan) or multiple (a ratio of ``base``: 一倍 = 1,
    百分之五十 = 0.5, 等值 = 1).

    ``min``/``max`` are None when the text sets no bound (五万元以下: min None). ``per`` is a unit the
    amount is counted by (每平方米, 每辆, 每非法居留一日); ``cap`` the total a per-unit fine may not exceed
    (处每非法居留一日五百元，总额不超过一万元的罚款: per 每非法居留一日, 500, cap 10000); ``floor`` the least a
    multiple fine may come to (…百分之五十以上五倍以下的罚款，但罚款不得低于二千元: floor 2000; issue 17ll). ``numerals`` are
    the numeral strings it was read from.
    """

    kind: str
    min: float | None
    max: float | None
    base: str | None = None
    per: str | None = None
    text: str = ""
    numerals: tuple[str, ...] = ()
    cap: float | None = None
    floor: float | None = None

    def to_record(self) -> dict:
        record = asdict(self)
        record["numerals"] = list(self.numerals)
        for key in ("min", "max", "cap", "floor"):
            value = record[key]
            if value is not None and float(value).is_integer():
                record[key] = int(value)
        record["label"] = self.label
        return record

    @property
    def label(self) -> str:
        """Chinese rendering: 二十万元以上一百万元以下 / 违法所得一倍以上三倍以下."""
        if self.kind != "yuan":
            bounds = "".join(f"，{word}{yuan(value)}" for word, value in (("但不得低于", self.floor), ("但最高不得超过", self.cap))
                             if value is not None)
            return f"{self.text}{bounds}"
        if self.cap is not None:
            return f"{replace(self, cap=None).label}，总额不超过{yuan(self.cap)}"
        show = yuan
        per = self.per or ""
        base = self.base or ""
        if self.min is not None and self.max is not None:
            if self.min == self.max:
                return f"{base}{per}{show(self.min)}"
            return f"{base}{per}{show(self.min)}以上{show(self.max)}以下"
        if self.max is not None:
            return f"{base}{per}{show(self.max)}以下"
        if self.min is not None:
            return f"{base}{per}{show(self.min)}以上"
        return self.text


@dataclass
class FineMention:
    """One fine a text imposes. ``status``: parsed | no_amount | unparsed."""

    text: str
    span: tuple[int, int]
    status: str
    amounts: list[Amount] = field(default_factory=list)
    reason: str = ""

    def to_record(self) -> dict:
        return {"text": self.text, "span": list(self.span), "status": self.status,
                "amounts": [a.to_record() for a in self.amounts], "reason": self.reason}


def number(text: str) -> float:
    """'二十万' -> 200000, '50,000' -> 50000, '2.5' -> 2.5 (ValueError otherwise)."""
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    return float(cn_to_int(text))


def _money_value(match: re.Match) -> float:
    value = number(match.group("n"))
    unit = match.group("u")
    return value * (10_000 if unit == "万" else 100_000_000 if unit == "亿" else 1)


def _fraction_value(match: re.Match) -> float:
    if match.group("pct"):
        return number(match.group("pct")) / 100
    return number(match.group("num")) / number(match.group("den"))


def _tokens(part: str) -> list[tuple[int, int, float, str, str]]:
    """(start, end, value, kind, numeral text) of every money, multiple or share in a spec part."""
    found = []
    taken: list[tuple[int, int]] = []
    for match in MONEY.finditer(part):
        try:
            found.append((match.start(), match.end(), _money_value(match), "yuan", match.group(0)))
            taken.append(match.span())
        except ValueError:
            continue
    for match in FRACTION.finditer(part):
        if any(s <= match.start() < e for s, e in taken):
            continue
        try:
            found.append((match.start(), match.end(), _fraction_value(match), "share", match.group(0)))
            taken.append(match.span())
        except (ValueError, ZeroDivisionError):
            continue
    for match in MULTIPLE.finditer(part):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if match.group("eq"):
            found.append((match.start(), match.end(), 1.0, "multiple", match.group(0)))
            continue
        try:
            found.append((match.start(), match.end(), number(match.group("m")), "multiple", match.group(0)))
        except ValueError:
            continue
    return sorted(found)


def _after(part: str, end: int, words: tuple[str, ...]) -> bool:
    rest = part[end:end + 3]
    return any(rest.startswith(w) for w in words)


def _part(part: str) -> Amount | None:
    """One alternative: base? per-unit? bound(s)."""
    tokens = _tokens(part)
    if not tokens or len(tokens) > 2:
        return None
    kinds = {t[3] for t in tokens}
    # a share may be bounded by a multiple (百分之五十以上三倍以下): both are ratios of one base
    if kinds == {"yuan"}:
        kind = "yuan"
    elif "yuan" in kinds:
        return None
    else:
        kind = "multiple"  # 倍 and 分之 are both ratios of one base (百分之五十以上三倍以下)
    head = part[:tokens[0][0]]
    per = None
    base = None
    if kind == "yuan":
        match = re.search(r"每[^，；。]*$", head)
        if match:
            per, head = match.group(0), head[:match.start()]
        if not re.fullmatch(r"(?:以|按|按照|罚款数额为|人民币)?", head.strip()):
            return None  # money counted on something the text names (…价款五万元): not read
    else:
        base = re.sub(r"^(?:按照|按|处以|处|以)", "", head).strip() or None
        if base:
            base = re.sub(r"的$", "", base)
    numerals = tuple(t[4] for t in tokens)
    if len(tokens) == 2:
        (s1, e1, v1, _, _), (s2, e2, v2, _, _) = tokens
        between = part[e1:s2]
        if between not in ("以上", "至", "到", "-", "—", "～", "~") and not between.startswith("以上"):
            return None
        if between.startswith("以上") and between != "以上":
            return None
        tail = part[e2:]
        if tail not in ("", "以下", "以内", "的") and not tail.startswith("以下"):
            return None
        if v1 > v2:
            return None
        return Amount(kind, v1, v2, base, per, part, numerals)
    start, end, value, _, _ = tokens[0]
    tail = re.sub(r"的$", "", part[end:])
    before = part[max(0, start - 3):start]
    bare = re.fullmatch(rf"以上({NUM})(万|亿)?以下", tail)
    if bare and kind == "yuan":
        # 二千元以上二万以下: the upper bound's 元 is left out in the text
        high = number(bare.group(1)) * (10_000 if bare.group(2) == "万" else 100_000_000 if bare.group(2) else 1)
        if high >= value:
            return Amount(kind, value, high, base, per, part, numerals + (bare.group(1) + (bare.group(2) or ""),))
        return None
    if tail in UPPER or (tail == "" and any(before.endswith(w) for w in UPPER_BEFORE)):
        return Amount(kind, None, value, base, per, part, numerals)
    if tail in LOWER:
        return Amount(kind, value, None, base, per, part, numerals)
    if tail == "":
        return Amount(kind, value, value, base, per, part, numerals)
    return None


def _pieces(spec: str) -> list[str]:
    """Alternatives joined by 或者/、; a piece without an amount belongs to the next one
    (违法生产、销售产品货值金额一倍以上三倍以下; 野生动物及其制品价值或者违法所得一倍以上五倍以下)."""
    pieces = re.split(r"(或者|、)", spec)
    parts, pending = [], ""
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        separator = pieces[index + 1] if index + 1 < len(pieces) else ""
        if DAYS.fullmatch(piece) or piece in ("警告", "通报批评"):
            pending = ""
            continue
        if _tokens(piece):
            parts.append(pending + piece)
            pending = ""
        else:
            pending += piece + separator
    if pending.strip("或者、"):
        parts.append(pending)
    return parts


def parse_amount(spec: str) -> list[Amount] | None:
    """Amounts of one fine phrase (the text between 处 and 罚款), or None when it cannot be read.

    An empty list means the phrase states no amount (处以罚款)."""
    spec = re.sub(r"\s+", "", spec or "")
    spec = re.sub(r"^(?:以|人民币)|(?:的)$", "", spec)
    # 违法生产、销售产品（包括已售出和未售出的产品，下同）货值金额…: a gloss is left out (每辆（艘） keeps its unit)
    spec = re.sub(r"（[^）]*[，；][^）]*）|（[^）]{6,}）", "", spec)
    cap = CAP.search(spec)
    if cap:
        return _capped(spec[:cap.start()], cap)
    if not spec or DAYS.fullmatch(spec.rstrip("、")):
        return []
    found = []
    for part in _pieces(spec):
        amount = _part(part)
        if amount is None:
            return None
        found.append(amount)
    return found


def _capped(spec: str, cap: re.Match) -> list[Amount] | None:
    """每非法介绍一人五千元，总额不超过五万元: one per-unit amount and its cap; anything else is not read."""
    amounts = parse_amount(spec)
    money = MONEY.fullmatch(cap.group("sum"))
    if not amounts or len(amounts) != 1 or amounts[0].per is None or amounts[0].kind != "yuan" or not money:
        return None
    amount, total = amounts[0], _money_value(money)
    if amount.min is not None and total < amount.min:
        return None
    return [replace(amount, cap=total, text=f"{amount.text}{cap.group(0)}", numerals=amount.numerals + (cap.group("sum"),))]


def _spec_of(match: re.Match) -> str:
    for group in ("spec", "spec2", "spec3", "spec4"):
        if match.group(group) is not None:
            return match.group(group)
    return ""


def _shared_fines(text: str, offset: int, head: str) -> list[FineMention]:
    """Fines that share a later 罚款: 对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款."""
    if not _tokens(head):
        return []
    found = []
    for piece in re.finditer(r"(?:并处以|并处|处以|处)(?P<spec>.*?)(?=[、，](?:对|处)|$)", head):
        spec = piece.group("spec")
        if not _tokens(spec):
            continue
        span = (offset + piece.start(), offset + piece.end())
        amounts = parse_amount(spec)
        if amounts:
            found.append(FineMention(text[span[0]:span[1]], span, "parsed", amounts))
        else:
            found.append(FineMention(text[span[0]:span[1]], span, "unparsed", [], f"无法解析罚款数额“{spec}”"))
    return found


def fine_mentions(text: str) -> list[FineMention]:
    """Every fine the text imposes, parsed or not (see the module docstring)."""
    found = []
    for match in FINE.finditer(text):
        spec = _spec_of(match)
        start = match.start()
        before = match.group("spec3") is not None or match.group("spec4") is not None
        trigger = match.group("trigger") or ("按照" if before else "罚款数额为")
        if match.group("spec") is not None:
            # the last 处 inside the spec is the real trigger (处警告或者处…罚款; 处…拘留，并处…)
            inner = max(spec.rfind("处以"), spec.rfind("处"))
            if inner >= 0 and not spec[inner:].startswith("处罚"):
                trigger_start = match.start("spec") - len(match.group("trigger"))
                shared = _shared_fines(text, trigger_start, text[trigger_start:match.start("spec") + inner])
                found.extend(shared)
                start = match.start("spec") + inner          # the mention begins at its own 处 (处置…并处…)
                spec = spec[inner + (2 if spec[inner:].startswith("处以") else 1):]
                if trigger == "予以":
                    trigger = "处"         # 予以训诫、责令具结悔过或者处一万元以下的罚款: the fine's own 处 (issue 17p)
        if trigger in ("按照", "按") and not spec.endswith("计算") and not before:
            if not re.search(r"元|倍|分之", spec):
                continue
        listed = bool(LISTED_BEFORE.match(spec))
        if trigger in ("予以",) and spec and not listed:
            continue
        if NOT_IMPOSED.search(text[max(0, match.start() - 4):match.start()]) and not spec:
            continue
        if WAIVED.search(text[max(0, match.start() - 12):match.start()]):
            continue
        if re.match(r"[罚理置分]", spec):
            continue  # 处罚/处理/处置/处分 are words, not 处 + an amount
        spec_clean = re.sub(r"计算$", "", spec)
        amounts = [] if listed else parse_amount(spec_clean)
        span = (start, match.end())
        shown = text[span[0]:span[1]]
        if amounts is None:
            found.append(FineMention(shown, span, "unparsed", [], f"无法解析罚款数额“{spec_clean}”"))
        elif not amounts:
            found.append(FineMention(shown, span, "no_amount", [], "条文未写明罚款数额"))
        else:
            found.append(FineMention(shown, span, "parsed", amounts))
    return found


@dataclass(frozen=True)
class Detention:
    min_days: int | None
    max_days: int
    text: str

    def to_record(self) -> dict:
        return asdict(self)

    @property
    def label(self) -> str:
        """In the statute's words: 十日以上十五日以下拘留."""
        high = int_to_cn(self.max_days)
        if self.min_days is None:
            return f"{high}日以下拘留"
        if self.min_days == self.max_days:
            return f"{high}日拘留"
        return f"{int_to_cn(self.min_days)}日以上{high}日以下拘留"


def detentions(text: str) -> list[Detention]:
    """十日以上十五日以下拘留 -> Detention(10, 15); 五日以下拘留 -> Detention(None, 5)."""
    found = []
    for match in DAYS.finditer(text):
        try:
            if match.group("fix"):
                days = int(number(match.group("fix")))
                found.append(Detention(days, days, match.group(0)))
                continue
            low = int(number(match.group("lo"))) if match.group("lo") else None
            found.append(Detention(low, int(number(match.group("hi"))), match.group(0)))
        except ValueError:
            continue
    return found
