"""The 违法行为与法律责任对照表 of a corpus: every row of every law in force today.

Rows come from ``kb.penalty.rows`` (each article of each version in force), obligation links
from ``kb.penalty.links``. A law's 按日连续处罚 rule (企业事业单位…违法排放…受到罚款处罚，被责令改正，
拒不改正的…按日连续处罚) is not a row of its own: rows of the same law whose conduct is 排放/倾倒/
处置 and that carry a fine are marked with it (``per_day``: "可能适用").

The table is kept as JSON records in the corpus folder (``penalty.json``) and rebuilt when
``store.corpus_hash()`` changes, like the concordance, or when the set of versions in force changes (a law
takes effect or is repealed): the rows depend on the day only through which versions are in force, so a
new day reuses the table (issue 17ww). ``lawkb ingest`` builds it and the web app loads it in the
background at startup and for each new corpus generation (``warm``). ``rows_of_clause`` parses one clause on
the fly (any version, e.g. for the amount check of a draft dated before a revision).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from kb.cachefile import load_or_build
from kb.clause import Clause
from kb.doctor import Finding
from kb.errors import NotFoundError
from kb.penalty.derived import borrow_articles
from kb.penalty.links import LinkSettings, link_rows
from kb.penalty.rows import PenaltyRow, parse_clause

CACHE_NAME = "penalty.json"
CACHE_VERSION = 39          # 5: issue 17l (powers rows dropped, own-body links); 6: issue 17p (ranges, agencies, caps);
                            # 7: issue 17q (public subjects, reporting duties, permits); 8: issue 17s (fine targets,
                            # bodies of proceedings); 9: issue 17t (qualification and candour duties, courts, officials not
                            # linked to tasks); 10: issue 17v (false evidence and untrue answers, permissions and
                            # causes of an end state no duty, officials not linked to an activity's duty); 11: issue 17x
                            # (conditions on a fine: 单处或者并处 after a condition, persons' fines by reference, a
                            # sentence's opening condition on its persons' fine); 12: issue 17aa (references in any
                            # wording and to another article, unit fines without an amount, bodies by 提请/有权); 13: issue 17bb (an item's
                            # named articles ordered by its conduct, court fines graded by 情节轻重, waived fines no row);
                            # 14: issue 17cc (another party's right or ellipsed subject no duty, a sibling 款's duty, bodies
                            # listed before a comma, 未构成犯罪 a condition, powers no row, 依照前款规定予以罚款's amount);
                            # 15: issue 17dd (a permit's body no subject, terms named by article, the party acted upon,
                            # committee members, referrals to named laws); 16: issue 17ee (earlier 款 by position, a law's
                            # scope no duty, the party acted with, articles named in a relative clause); 17: issue 17ff (a ban binding everyone
                            # (任何单位和个人不得…) is the offender's duty when it forbids the conduct's own act); 18: issue 17gh (依照前款规定给予行政
                            # 处罚 carries that 款's sanctions, 由上级机关追究…责任 names the body)
                            # 19: issue 17gg (inspection duties, 应当X而不X, more than criminal liability, officials' goals and grants)
                            # 20: issue 17hi (leniency items and referrals no rows, a conduct cut to a condition, bodies
                            # listed with commas or before 根据职责分工, 给予治安管理处罚 a referral measure)
                            # 21: issue 17hh (的+人员 no party, 依法给予行政处罚 not criminal-only, an item's lead party, answers
                            # to a conduct suffered no duty, a ban of the very act first); 22: issue 17kk (procedure rows, who-the-persons
                            # conditions); 23: issue 17jj (不按照规定向…报送 links 应当…报送); 24: issue 17ii (criminal-only rows only to
                            # a ban of their act or a required certificate; a body's power binds no offender); 25: issue 17ll
                            # (但罚款不得低于X元 bounds a multiple fine, a 所在/主管/上级…单位 after 由 is a body); 26: issue
                            # 17nn (未依照本法规定X, 泄露… and officials named first find the duty the law states of the act) and, on
                            # its own branch, 17mm (a clause matched on the offender's name alone is no link); 27: the two merged
                            # 28: issue 17oo (a ban listing most of the acts or naming the act as a noun; 不听劝阻 given its act) and,
                            # on its own branch, 17pp (no link for a harm-only conduct, a system, the issuer's duty, another's case);
                            # 29: the two merged; 30: issue 17rr (a condition list, 应当具备下列条件, is no duty;
                            # 不履行X义务 breaks the one 款 stating 应当X) and, on its own branch, 17qq (前款规定以外 rows,
                            # bodies after 由, proceedings no sanctions); 31: the two merged; 32: issue 17ss (the conduct of the
                            # sentence carrying the sanction, a bare consequence takes its act); 33: issue 17tt (拖延不X breaks
                            # 应当X, a ban protecting the offender, 由X给予处分 names X) and, on its own branch, 17uu (a 非-negated name is
                            # another party, a breach of the laws in general no query words, 对X bans); 34: the two merged; 35: issue 17vv
                            # (a duty of whoever carries on an activity binds a conduct carrying it on); 36: issue 17ww
                            # (stamped with the digest of the versions in force, not the day); 37: issue 17yy (a bare 有违法行为
                            # or a decision to sanction names no act, 负责…的部门 is a body's name, 由同级/上级X责令 names X) and, on
                            # its own branch, 17zz (a leak naming no party breaks everyone's secrecy 款, 不按规定履行X义务, a
                            # facility put into use: 三同时, 骗取 links none without deceit); 38: the two merged; 39: issue 17ab
                            # (应X未X: the act due and undone, and the 款 requiring it)
PER_DAY_RULE = re.compile(r"受到罚款处罚")
PER_DAY_CONDUCT = re.compile(r"排放|倾倒|处置")


@dataclass
class PenaltyTable:
    rows: list[dict]
    day: str                                        # the day its in-force set was checked against
    corpus_hash: str
    links: dict = field(default_factory=dict)      # the link settings it was built with
    in_force: str = ""                              # in_force_key of the versions it holds
    by_id: dict[str, dict] = field(default_factory=dict)
    by_clause: dict[int, list[dict]] = field(default_factory=dict)

    def __post_init__(self):
        self.by_id = {row["id"]: row for row in self.rows}
        self.by_clause = {}
        for row in self.rows:
            self.by_clause.setdefault(row["clause_id"], []).append(row)

    def row(self, row_id: str) -> dict:
        try:
            return self.by_id[row_id]
        except KeyError:
            raise NotFoundError(f"no penalty-table row {row_id!r}", zh=f"对照表中没有条目 {row_id}") from None

    def laws(self) -> list[tuple[str, int]]:
        """(law title, rows) in table order."""
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row["law"]] = counts.get(row["law"], 0) + 1
        return list(counts.items())

    def filter(self, law_titles: list[str] | None = None, text: str | None = None) -> list[dict]:
        """Rows of some laws, whose conduct, citation or text contains every word of ``text``."""
        words = [w for w in re.split(r"\s+", (text or "").strip()) if w]
        found = []
        for row in self.rows:
            if law_titles and row["law"] not in law_titles:
                continue
            haystack = f"{row['conduct']} {row['citation']} {row['text']} {' '.join(row['agencies'])}"
            if all(word in haystack for word in words):
                found.append(row)
        return found


def document_rows(store, document, clauses: list[Clause] | None = None,
                  options: LinkSettings | None = None, trace: dict | None = None) -> list[PenaltyRow]:
    """The linked rows of one document version."""
    clauses = clauses if clauses is not None else store.clauses(document.id, kinds=("article",))
    # a text with no article number (a decision's 四、, an interpretation's 全文, an unnumbered regulation) is cited by no
    # 第X条: it gives no row and is no link (LawRefBook's 820 such texts stopped the table's build)
    clauses = [clause for clause in clauses if clause.article is not None]
    rows = [row for clause in clauses for row in parse_clause(clause)]
    borrow_articles(rows)
    rules = [row for row in rows if "按日连续处罚" in row.measures and PER_DAY_RULE.search(row.conduct)]
    rows = [row for row in rows if row not in rules]
    link_rows(rows, clauses, options=options, trace=trace)
    if rules:
        rule = rules[0].clause
        for row in rows:
            if row.fine is not None and PER_DAY_CONDUCT.search(row.conduct) and "按日连续处罚" not in row.measures:
                row.per_day = rule.article_label
    return rows


def rows_of_clause(store, clause: Clause) -> list[PenaltyRow]:
    """Rows of one clause (links are not computed: they need the whole law)."""
    return parse_clause(clause)


def in_force(store, day: str) -> list:
    """The document versions in force on ``day``, in store order (the ones the table holds)."""
    return [document for document in store.documents() if store.in_force_on(document, day)]


def in_force_key(store, day: str | None = None) -> str:
    """Digest of the ids of the versions in force on ``day``: the only way the table depends on the day."""
    day = day or date.today().isoformat()
    ids = ",".join(str(document.id) for document in in_force(store, day))
    return hashlib.sha256(ids.encode()).hexdigest()[:16]


def build(store, day: str | None = None, options: LinkSettings | None = None) -> list[dict]:
    day = day or date.today().isoformat()
    records = []
    for document in in_force(store, day):
        records.extend(row.to_record() for row in document_rows(store, document, options=options))
    return records


def load(corpus, rebuild: bool = False, day: str | None = None) -> PenaltyTable:
    """The table for today (or ``day``), from memory or the cache in the corpus folder when it matches the
    corpus hash and the versions in force. One build at a time per corpus folder (``load_or_build``'s
    lock): a request coming while the warm-up builds waits for it and reads its result."""
    day = day or date.today().isoformat()
    digest = corpus.store.corpus_hash()
    options = LinkSettings.current(corpus.overrides)
    if rebuild:
        corpus.forget("penalty_table")

    def valid(table: PenaltyTable) -> bool:
        if (table.corpus_hash, table.links) != (digest, options.stamp()):
            return False
        if table.day != day:        # the versions in force are read once a day, not on every request
            if table.in_force != in_force_key(corpus.store, day):
                return False
            table.day = day         # the same versions in force: the table holds for this day too
        return True

    return corpus.cached("penalty_table",
                         lambda: _load_or_build(corpus, digest, in_force_key(corpus.store, day), day, options, rebuild),
                         valid=valid)


def _load_or_build(corpus, digest: str, key: str, day: str, options: LinkSettings, rebuild: bool) -> PenaltyTable:
    stamp = {"version": CACHE_VERSION, "corpus_hash": digest, "in_force": key, "links": options.stamp()}
    rows = load_or_build(corpus.dir / CACHE_NAME, stamp, "rows", lambda: build(corpus.store, day, options), rebuild)
    return PenaltyTable(rows, day, digest, options.stamp(), in_force=key)


def _fines_on_no_row(clause: Clause, rows: list[PenaltyRow]) -> list[Finding]:
    """Fines of a 法律责任 article read from its text that no row of the table carries (the 款 is cut in a way the
    rows do not follow): listed by ``lawkb doctor`` as written, never attached to a guessed row (issue 17p)."""
    from kb.penalty.amounts import fine_mentions

    if not any(re.search(r"法律责任|罚则", part) for part in clause.path) and not rows:
        return []
    carried = {a.numerals[:2] for row in rows for s in row.sanctions for f in s.fines for a in f.amounts}
    return [Finding(clause.law, "fine_not_in_rows",
                    f"{clause.article_label}: fine “{mention.text}” is in the text but on no row of the penalty table "
                    "(shown as written; please report it)", (clause.article_label,))
            for mention in fine_mentions(clause.text)
            if mention.status == "parsed" and not any(a.numerals[:2] in carried for a in mention.amounts)]


def amount_findings(clauses: list[Clause]):
    """``lawkb doctor`` findings: fines whose amount could not be parsed (listed, never guessed), and
    rows whose fine states no amount anywhere in the article (处以罚款, the amount set elsewhere)."""
    findings = []
    for clause in clauses:
        if "罚款" not in clause.text:
            continue
        from kb.penalty.amounts import fine_mentions

        for mention in fine_mentions(clause.text):
            if mention.status == "unparsed":
                findings.append(Finding(clause.law, "fine_unparsed",
                                        f"{clause.article_label}: fine amount not understood “{mention.text}” "
                                        "(shown as written, never guessed; please report it)", (clause.article_label,)))
        rows = parse_clause(clause)
        findings.extend(_fines_on_no_row(clause, rows))
        for row in rows:
            fines = [f for s in row.sanctions for f in s.fines]
            if fines and all(f.status == "no_amount" for f in fines):
                where = f"{clause.article_label}第{row.paragraph}款" + (f"第{row.item}项" if row.item else "")
                findings.append(Finding(clause.law, "fine_amount_not_stated",
                                        f"{where}: “{row.conduct[:30]}” is fined without an amount in the text "
                                        "(处以罚款; set by another provision)", (clause.article_label,)))
    return findings
