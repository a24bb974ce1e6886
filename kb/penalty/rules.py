"""The bureau's own 裁量基准 (discretion bands) and 免罚/从轻/减轻 lists, beside the statutory rows.

Columns (header row, any order; README documents them):

=========  ==========================================================================================
类型        裁量基准 | 不予处罚 | 可以不予处罚 | 从轻 | 减轻 | 从轻或者减轻 (免罚 = 不予处罚)        required
违法行为    the conduct as the bureau words it                                                   required
处罚依据    the sanction clause: 生态环境法典第一千一百零二条, 《…》第X条第X款                      recommended
情形        the circumstances (裁量基准) or conditions (免罚: 初次违法且危害后果轻微并及时改正)      required for 裁量基准
裁量档次    the band: 较轻 / 一般 / 较重 / 严重, A档 …                                           required for 裁量基准
罚款比例    share of the statutory range: 0%-30% / 30%～60% / 30%; or an amount: 20万元-40万元     optional
备注        anything else                                                                        optional
=========  ==========================================================================================

Every line is checked; a file with any bad line is refused as a whole and each problem is listed
(line, column, what is wrong, what to do). A file is kept by its name: importing the same content
again is ``unchanged``; a new version replaces the old one in one transaction, but a version with
fewer rules than the stored one only with ``replace=True`` (an import never silently drops rules).
Stored in ``<corpus>/penalty_rules.sqlite``, never in the clause store.

Rules link to table rows through their 处罚依据 (the row of that clause whose conduct is most like
the rule's); a rule without one is matched by its conduct (``kb.penalty.search``), with the score.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

from kb.citations import resolve_query
from kb.errors import LawKBError, NotFoundError, RejectedInputError
from kb.penalty.amounts import parse_amount

DB_NAME = "penalty_rules.sqlite"
KINDS = {"裁量基准": "裁量基准", "不予处罚": "不予处罚", "免罚": "不予处罚", "可以不予处罚": "可以不予处罚",
         "从轻": "从轻", "减轻": "减轻", "从轻或者减轻": "从轻或者减轻", "从轻减轻": "从轻或者减轻"}
COLUMNS = ("类型", "违法行为", "处罚依据", "情形", "裁量档次", "罚款比例", "备注")
SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, rules INTEGER NOT NULL,
                                    imported_at TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE IF NOT EXISTS rules (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE, line INTEGER NOT NULL,
    kind TEXT NOT NULL, conduct TEXT NOT NULL, basis TEXT, law TEXT, article INTEGER, article_suffix INTEGER,
    paragraph INTEGER, item INTEGER, circumstances TEXT, band TEXT, share_kind TEXT, share_min REAL,
    share_max REAL, note TEXT);
"""
PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%?\s*(?:[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*)?%$")
PLAIN_YUAN = re.compile(r"^(\d+(?:\.\d+)?)\s*(万)?元?\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*(万)?元$")


@dataclass
class Rule:
    id: int | None
    source: str
    line: int
    kind: str
    conduct: str
    basis: str | None = None
    law: str | None = None
    article: int | None = None
    article_suffix: int = 0
    paragraph: int | None = None
    item: int | None = None
    circumstances: str | None = None
    band: str | None = None
    share_kind: str | None = None       # share (of the statutory range, 0–1) | yuan
    share_min: float | None = None
    share_max: float | None = None
    note: str | None = None

    def to_record(self) -> dict:
        return asdict(self)

    @property
    def share_label(self) -> str:
        if self.share_kind == "share":
            low, high = self.share_min * 100, self.share_max * 100
            return f"{low:g}%" if low == high else f"{low:g}%–{high:g}%"
        if self.share_kind == "yuan":
            return f"{self.share_min:,.0f}–{self.share_max:,.0f}元"
        return ""

    def amount_range(self, fine: dict | None) -> tuple[float, float] | None:
        """The yuan range this band gives inside a row's statutory fine (min–max), when computable."""
        if self.share_kind == "yuan":
            return self.share_min, self.share_max
        if self.share_kind != "share" or not fine or fine.get("max") is None:
            return None
        low, high = fine.get("min") or 0, fine["max"]
        return low + self.share_min * (high - low), low + self.share_max * (high - low)


class LineProblem(ValueError):
    """One problem of one cell: an English and a Chinese message."""

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh


def parse_share(text: str) -> tuple[str, float, float]:
    """'0%-30%' -> ('share', 0, 0.3); '30%' -> ('share', .3, .3); '20万元-40万元' -> ('yuan', 2e5, 4e5)."""
    text = text.strip().replace("％", "%")
    match = PERCENT.match(text)
    if match:
        low = float(match.group(1)) / 100
        high = float(match.group(2)) / 100 if match.group(2) else low
        if not 0 <= low <= high <= 1:
            raise LineProblem("a share lies between 0% and 100%, the smaller first", "比例应在 0% 到 100% 之间，且前小后大")
        return "share", low, high
    match = PLAIN_YUAN.match(text)
    if match:
        low = float(match.group(1)) * (10_000 if match.group(2) else 1)
        high = float(match.group(3)) * (10_000 if match.group(4) else 1)
        if low > high:
            raise LineProblem("the smaller amount comes first", "金额应前小后大")
        return "yuan", low, high
    amounts = parse_amount(re.sub(r"[-–—~～到]", "至", text))
    if amounts and len(amounts) == 1 and amounts[0].kind == "yuan" and amounts[0].max is not None:
        amount = amounts[0]
        return "yuan", amount.min or 0.0, amount.max
    raise LineProblem("write a share (0%-30%, 30%) or an amount (20万元-40万元)",
                      "写成比例（如 0%-30%、30%）或金额（如 20万元-40万元）")


def _resolve_basis(corpus, text: str):
    try:
        hits = resolve_query(corpus, text, include_repealed=False)
    except LawKBError as exc:
        raise LineProblem(f"no such clause: {exc}", f"无法找到该条文：{exc.zh or exc}") from None
    if not hits:
        raise LineProblem("not a citation; write e.g. 生态环境法典第一千一百零二条",
                          "不是条文引用；写成如“生态环境法典第一千一百零二条”")
    if len(hits) > 1:
        raise LineProblem("cite one article only", "只能写一条条文")
    return hits[0].clause


def check_lines(corpus, table) -> tuple[list[Rule], list[tuple[str, str]]]:
    """Rules of a read table (``ingest.rule_table.RuleTable``) and the (English, Chinese) problems found."""
    rules, problems = [], []
    for line, cells in table.rows:
        errors: list[tuple[str, str]] = []
        kind = KINDS.get(cells.get("类型", "").strip())
        if kind is None:
            allowed = " / ".join(dict.fromkeys(KINDS))
            errors.append((f"类型 is {cells.get('类型', '')!r}; use {allowed}",
                           f"“类型”为“{cells.get('类型', '')}”，应为 {allowed}"))
        conduct = cells.get("违法行为", "").strip()
        if not conduct:
            errors.append(("违法行为 is empty; describe the conduct", "“违法行为”为空，请写明违法行为"))
        rule = Rule(None, table.name, line, kind or "", conduct, circumstances=cells.get("情形", "").strip() or None,
                    band=cells.get("裁量档次", "").strip() or None, note=cells.get("备注", "").strip() or None)
        if kind == "裁量基准":
            if not rule.circumstances:
                errors.append(("a 裁量基准 needs 情形", "裁量基准须写明“情形”"))
            if not rule.band:
                errors.append(("a 裁量基准 needs 裁量档次", "裁量基准须写明“裁量档次”"))
        basis = cells.get("处罚依据", "").strip()
        if basis:
            try:
                clause = _resolve_basis(corpus, basis)
                rule.basis, rule.law, rule.article = basis, clause.law, clause.article
                rule.article_suffix, rule.paragraph, rule.item = clause.article_suffix, clause.paragraph, clause.item
            except LineProblem as exc:
                errors.append((f"处罚依据 {basis!r}: {exc.en}", f"“处罚依据”“{basis}”：{exc.zh}"))
        share = cells.get("罚款比例", "").strip()
        if share:
            try:
                rule.share_kind, rule.share_min, rule.share_max = parse_share(share)
            except LineProblem as exc:
                errors.append((f"罚款比例 {share!r} not understood: {exc.en}", f"“罚款比例”“{share}”无法识别：{exc.zh}"))
        if errors:
            problems.extend((f"{table.name}:{line}: {en}", f"{table.name} 第{line}行：{zh}") for en, zh in errors)
        else:
            rules.append(rule)
    return rules, problems


class RuleBook:
    """The rules stored in one corpus folder."""

    def __init__(self, corpus_dir: str | Path):
        self.path = Path(corpus_dir) / DB_NAME

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.executescript(SCHEMA)
        return conn

    def import_table(self, corpus, table, replace: bool = False) -> tuple[str, int]:
        """Check and store one read table: ('added' | 'replaced' | 'unchanged', rules)."""
        rules, problems = check_lines(corpus, table)
        if problems:
            raise RejectedInputError(
                f"{table.name}: {len(problems)} problem(s), nothing was imported; correct these lines and import again",
                [en for en, _ in problems],
                zh=f"{table.name}：{len(problems)} 处问题，整个文件未导入；请按下列提示修改后重新导入",
                problems_zh=[zh for _, zh in problems])
        with closing(self._connect()) as conn:
            old = conn.execute("SELECT sha256, rules FROM sources WHERE name=?", (table.name,)).fetchone()
            if old and old[0] == table.sha256:
                return "unchanged", old[1]
            if old and len(rules) < old[1] and not replace:
                raise RejectedInputError(
                    f"{table.name}: the stored version has {old[1]} rules, this file only {len(rules)}; nothing was "
                    "changed. Import it with --replace if the rules were removed on purpose",
                    zh=f"{table.name}：已导入的版本有 {old[1]} 条，本文件只有 {len(rules)} 条，未作更改；"
                       "如确需删减，请勾选“替换”后重新导入")
            with conn:
                conn.execute("DELETE FROM sources WHERE name=?", (table.name,))
                conn.execute("INSERT INTO sources (name, sha256, rules) VALUES (?,?,?)",
                             (table.name, table.sha256, len(rules)))
                fields = [f for f in Rule.__dataclass_fields__ if f != "id"]
                conn.executemany(f"INSERT INTO rules ({', '.join(fields)}) VALUES ({','.join('?' * len(fields))})",
                                 [tuple(getattr(r, f) for f in fields) for r in rules])
        return ("replaced" if old else "added"), len(rules)

    def sources(self) -> list[dict]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT name, sha256, rules, imported_at FROM sources ORDER BY name").fetchall()
        return [{"name": n, "sha256": s, "rules": r, "imported_at": t} for n, s, r, t in rows]

    def rules(self) -> list[Rule]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            fields = list(Rule.__dataclass_fields__)
            rows = conn.execute(f"SELECT {', '.join(fields)} FROM rules ORDER BY source, line").fetchall()
        return [Rule(**dict(zip(fields, row))) for row in rows]

    def remove(self, name: str) -> int:
        with closing(self._connect()) as conn, conn:
            found = conn.execute("SELECT rules FROM sources WHERE name=?", (name,)).fetchone()
            if found is None:
                raise NotFoundError(f"no imported rule file named {name!r}", zh=f"没有名为“{name}”的已导入文件")
            conn.execute("DELETE FROM sources WHERE name=?", (name,))
        return found[0]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def link(corpus, table, rules: list[Rule]) -> dict[str, list[tuple[Rule, float, str]]]:
    """{row id: [(rule, score, how)]}: by 处罚依据 (how='citation'), else by conduct (how='matched')."""
    links: dict[str, list[tuple[Rule, float, str]]] = {}
    for rule in rules:
        if rule.law and rule.article is not None:
            candidates = [row for row in table.rows if row["law"] == rule.law and row["article"] == rule.article
                          and (rule.paragraph is None or row["paragraph"] == rule.paragraph)
                          and (rule.item is None or row["item"] == rule.item)]
            if not candidates:
                continue
            words = _bigrams(rule.conduct)
            best = max(candidates, key=lambda row: len(words & _bigrams(row["conduct"])) / (len(words) or 1))
            links.setdefault(best["id"], []).append((rule, 1.0, "citation"))
            continue
        from kb.penalty.search import find

        result = find(corpus, rule.conduct, top_k=1)
        if result.found and result.matches:
            match = result.matches[0]
            links.setdefault(match.row["id"], []).append((rule, round(match.coverage, 3), "matched"))
    return links


def rules_for(corpus, table, row_id: str) -> list[dict]:
    """The bureau rules linked to one row, with the yuan range each band gives."""
    book = RuleBook(corpus.dir)
    stamp = (table.corpus_hash, book.path.stat().st_mtime_ns if book.path.exists() else 0)
    cache = corpus.cached("penalty_rule_links", lambda: (stamp, link(corpus, table, book.rules())),
                          valid=lambda pair: pair[0] == stamp)
    found = []
    row = table.by_id.get(row_id)
    for rule, score, how in cache[1].get(row_id, []):
        amount = rule.amount_range(row.get("fine") if row else None)
        found.append({**rule.to_record(), "share_label": rule.share_label, "link_score": score, "link": how,
                      "amount_min": None if amount is None else round(amount[0]),
                      "amount_max": None if amount is None else round(amount[1])})
    return found
