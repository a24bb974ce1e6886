"""Generate a quiz from a scope: count, mix of types, reproducible by seed, validated.

Every candidate passes ``validate.problems`` or is dropped (and another one is tried); the result
says how many were asked for, how many sound ones the scope supported, and how many were rejected.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import re

from kb.quiz import case_question, fill_blank, multiple_choice, single_choice, source_question, true_false
from kb.quiz.pool import LawPool
from kb.quiz.question import TYPES, Question, askable, sentences
from kb.quiz.scope import ResolvedScope, Scope, resolve
from kb.quiz.validate import problems
from kb.quiz.paper_check import conflicts
from kb.errors import QueryError

DEFAULT_TYPES = ("single", "multiple", "judge")
WEIGHTS = {"single": 5, "multiple": 2, "judge": 3, "fill": 2, "source": 1, "case": 2}
MAX_PER_ARTICLE = 1
STALL = 400        # candidates in a row without a sound one: the scope has no more of this type
# what a bureau of ecology and environment enforces: such articles are drawn four times as often
BUREAU_TERMS = re.compile("生态环境|环境污染|污染|排放|排污|生态破坏|环境影响|危险废物|固体废物|噪声|大气|土壤|辐射|"
                          "行政处罚|罚款|执法|许可|监督检查|查封|扣押")
BUREAU_WEIGHT = 8
ALL_KINDS = ("amount", "time", "multiple", "percent", "term", "subject", "party", "liability", "modal")
# which key element each type asks about, by weight: numbers first, 应当/可以 rarely in 单选
KIND_MIX = {
    # no 应当/可以/不得 单选: the sentence mostly forces the word ("任何单位和个人（　　）侵占" -> 不得)
    "single": {"amount": 5, "time": 5, "multiple": 2, "percent": 1, "term": 2, "subject": 4, "party": 3, "liability": 4},
    "fill": {"amount": 4, "time": 4, "multiple": 1, "percent": 1, "term": 3},
    # a modal swap is the trick trainees learn first: one false 判断 in eight at most, by weight
    "judge": {"modal": 1, "time": 3, "amount": 3, "multiple": 1, "percent": 1, "subject": 3, "party": 2, "liability": 3},
}


@dataclass
class QuizResult:
    scope: Scope
    questions: list[Question]
    requested: int
    seed: int
    rejected: int = 0
    problems: list[tuple[str, list[str]]] = field(default_factory=list)   # (stem, problems) of rejects
    by_type_requested: dict[str, int] = field(default_factory=dict)
    resolved: ResolvedScope | None = None

    @property
    def shortfall(self) -> int:
        return max(self.requested - len(self.questions), 0)

    def to_dict(self) -> dict:
        return {"scope": self.scope.to_dict(), "seed": self.seed, "requested": self.requested,
                "generated": len(self.questions), "rejected": self.rejected,
                "questions": [q.to_dict() for q in self.questions]}


def parse_types(text: str | None) -> tuple[str, ...]:
    if not text:
        return DEFAULT_TYPES
    aliases = {"single": "single", "单选": "single", "multiple": "multiple", "multi": "multiple", "多选": "multiple",
               "judge": "judge", "tf": "judge", "truefalse": "judge", "判断": "judge", "fill": "fill", "填空": "fill",
               "source": "source", "出处": "source", "case": "case", "情景": "case", "案例": "case"}
    out = []
    for part in text.replace("，", ",").split(","):
        part = part.strip().lower()
        if not part:
            continue
        if part not in aliases:
            raise QueryError(f"unknown question type {part!r}; use {','.join(TYPES)}", zh=f"不认识的题型“{part}”")
        if aliases[part] not in out:
            out.append(aliases[part])
    return tuple(out) or DEFAULT_TYPES


def split_count(count: int, types: tuple[str, ...], mix: dict[str, int] | None = None) -> dict[str, int]:
    """count split over types: an explicit mix, else by weight (e.g. 50 -> 25 单选, 10 多选, 15 判断)."""
    if mix:
        return {t: int(mix.get(t, 0)) for t in types}
    total = sum(WEIGHTS[t] for t in types)
    shares = {t: count * WEIGHTS[t] // total for t in types}
    order = sorted(types, key=lambda t: -WEIGHTS[t])
    i = 0
    while sum(shares.values()) < count:
        shares[order[i % len(order)]] += 1
        i += 1
    return shares


class Generator:
    """Question factory over one resolved scope; distractor pools are whole laws, not just the scope."""

    def __init__(self, corpus, resolved: ResolvedScope, seed: int = 0, wanted: int = 20):
        self.corpus = corpus
        self.resolved = resolved
        self.rng = random.Random(seed)
        self.law_clauses = resolved.law_clauses
        self.pools = {doc_id: LawPool.build(clauses) for doc_id, clauses in self.law_clauses.items()}
        in_scope = {c.id for c in resolved.clauses}
        self.relevance = {c.id: BUREAU_WEIGHT if BUREAU_TERMS.search(c.text + "".join(resolved.path(c))) else 1
                          for c in resolved.clauses}
        self.chapters = {doc_id: source_question.chapters_of(clauses, resolved.paths)
                         for doc_id, clauses in self.law_clauses.items()}
        self.cases: dict[int, list] = {}
        for clause in resolved.clauses:
            for position in case_question.candidates(clause):
                self.cases.setdefault(clause.document.id, []).append((clause, *position))
        # everything is kept per law, so a quiz on two laws of very different size covers both
        self.lists: dict[int, list] = {}
        for doc_id, pool in self.pools.items():
            found = [lst for lst in pool.lists if lst.clause.id in in_scope]
            if found:
                self.lists[doc_id] = found
        self.sentences: dict[int, list] = {}
        self.slots: dict[int, dict[str, list]] = {}
        for clause in resolved.clauses:
            for sentence in sentences(clause):
                doc_id = clause.document.id
                self.sentences.setdefault(doc_id, []).append(sentence)
                for element, segment in askable(sentence, ALL_KINDS):
                    self.slots.setdefault(doc_id, {}).setdefault(element.kind, []).append((sentence, element, segment))
        self.rejected = 0
        self.small = len(resolved.clauses) < wanted     # a few articles only: two questions per article allowed
        self.problems: list[tuple[str, list[str]]] = []
        self.used_articles: dict[int, int] = {}
        self.used_keys: set = set()
        self.answers: dict[tuple, int] = {}
        self.accepted: list[Question] = []

    def _law(self, sizes: dict[int, int]) -> int | None:
        """A law of the scope, weighted by the square root of what it offers (big codes lead, small laws count)."""
        laws = [doc_id for doc_id, size in sizes.items() if size]
        if not laws:
            return None
        return self.rng.choices(laws, weights=[sizes[d] ** 0.5 for d in laws], k=1)[0]

    def _slot(self, weights: dict[str, int]):
        offered = {doc_id: [k for k in weights if kinds.get(k)] for doc_id, kinds in self.slots.items()}
        doc_id = self._law({d: sum(len(self.slots[d][k]) for k in ks) for d, ks in offered.items()})
        if doc_id is None:
            return None
        kinds = offered[doc_id]
        kind = self.rng.choices(kinds, weights=[weights[k] for k in kinds], k=1)[0]
        return self._weighted(self.slots[doc_id][kind], lambda slot: slot[0].clause.id)

    def _weighted(self, found: list, clause_id):
        """One of `found`, bureau-relevant articles more often."""
        return self.rng.choices(found, weights=[self.relevance.get(clause_id(x), 1) for x in found], k=1)[0]

    def _sentence(self):
        doc_id = self._law({d: len(found) for d, found in self.sentences.items()})
        return None if doc_id is None else self._weighted(self.sentences[doc_id], lambda s: s.clause.id)

    def _candidate(self, qtype: str, judge_true: bool) -> Question | None:
        rng = self.rng
        if qtype == "multiple":
            doc_id = self._law({d: len(found) for d, found in self.lists.items()})
            if doc_id is None:
                return None
            return multiple_choice.make(self._weighted(self.lists[doc_id], lambda lst: lst.clause.id),
                                        self.pools[doc_id], rng)
        if qtype == "case":
            doc_id = self._law({d: len(found) for d, found in self.cases.items()})
            if doc_id is None:
                return None
            clause, paragraph, item = rng.choice(self.cases[doc_id])
            return case_question.make(clause, paragraph, self.pools[doc_id], rng, item)
        if qtype in ("source", "judge") and (qtype == "source" or judge_true):
            sentence = self._sentence()
            if sentence is None:
                return None
            if qtype == "source":
                return source_question.make(sentence, self.law_clauses, rng, self.resolved.paths, self.chapters)
            return true_false.make_true(sentence)
        slot = self._slot(KIND_MIX[qtype])
        if slot is None:
            return None
        sentence, element, segment = slot
        pool = self.pools[sentence.clause.document.id]
        if qtype == "single":
            return single_choice.make(sentence, element, segment, pool, rng)
        if qtype == "judge":
            return true_false.make_false(sentence, element, segment, pool, rng)
        return fill_blank.make(sentence, element, segment)

    def _accept(self, q: Question, relaxed: bool) -> bool:
        key = (q.type, q.clause.id, q.clause.paragraph, q.clause.item, q.answer_text, q.meta.get("statement"))
        sentence = (q.meta.get("segment") or q.meta.get("statement") or q.meta.get("quote") or "")[:15]
        if q.type in ("single", "fill", "judge", "source"):
            fact = ("sentence", q.clause.id, q.clause.paragraph, q.clause.item, sentence)   # once, whatever the type
        elif q.type == "multiple":
            fact = ("list", q.clause.id, q.clause.paragraph)   # one 多选 per enumerated list
        else:
            fact = key
        if key in self.used_keys or fact in self.used_keys:
            return False
        answer = ("answer", q.element, q.answer_text)
        if q.type in ("single", "fill") and self.answers.get(answer, 0) >= 1:
            return False   # not two questions whose answer is 五年 (宪法: every 人民代表大会 sits five years)
        if conflicts(q, self.accepted):
            return False
        if q.type == "judge" and q.change and ("changed", q.change.get("to")) in self.used_keys:
            return False   # not 司法行政部门 put in four times: the trick would be learnt
        if q.type == "judge" and (q.change or {}).get("kind") == "modal":
            falses = sum(1 for a in self.accepted if a.type == "judge" and a.answer is False)
            if sum(1 for a in self.accepted if (a.change or {}).get("kind") == "modal") * 4 > falses:
                return False   # one false 判断 in four at most is a modal swap: trainees learn that trick
        if self.used_articles.get(q.clause.id, 0) >= (MAX_PER_ARTICLE * 2 if relaxed and self.small else MAX_PER_ARTICLE):
            return False
        found = problems(q, self.pools.get(q.clause.document.id))
        if found:
            self.rejected += 1
            self.problems.append((q.stem, found))
            return False
        self.used_keys.update((key, fact))
        if q.type == "judge" and q.change:
            self.used_keys.add(("changed", q.change.get("to")))
        self.answers[answer] = self.answers.get(answer, 0) + 1
        self.used_articles[q.clause.id] = self.used_articles.get(q.clause.id, 0) + 1
        self.accepted.append(q)
        return True

    def make(self, qtype: str, wanted: int) -> list[Question]:
        out: list[Question] = []
        attempts = last = 0
        limit = 60 * wanted + 200
        while len(out) < wanted and attempts < limit and attempts - last < STALL:
            attempts += 1
            q = self._candidate(qtype, judge_true=len(out) % 2 == 0 if self.rng.random() < 0.8 else self.rng.random() < 0.5)
            if q is not None and self._accept(q, relaxed=attempts > limit // 2):
                out.append(q)
                last = attempts
        return out


def replacement(corpus, scope: Scope, qtype: str, keep: list, seed: int, replaced=None) -> Question | None:
    """One new question of `qtype` for a paper being edited: from another article than those kept (and than
    the question it replaces), neither leaking nor duplicating any kept question (records or Questions)."""
    generator = Generator(corpus, resolve(corpus, scope), seed, len(keep) + 1)
    for q in keep + ([replaced] if replaced is not None else []):
        clause_id = (q.get("source") or {}).get("clause_id") if isinstance(q, dict) else q.clause.id
        generator.used_articles[clause_id] = MAX_PER_ARTICLE
    generator.accepted = list(keep)
    found = generator.make(qtype, 1)
    return found[0] if found else None


def generate(corpus, scope: Scope, count: int = 20, types: tuple[str, ...] | str | None = None, seed: int = 0,
             mix: dict[str, int] | None = None) -> QuizResult:
    """A validated quiz; as many sound questions as the scope supports, up to `count`."""
    if count <= 0 and not mix:
        raise QueryError("question count must be at least 1", zh="题量至少为 1")
    types = parse_types(types) if not isinstance(types, tuple) else types
    resolved = resolve(corpus, scope)
    wanted = split_count(count, types, mix)
    if not mix:
        from kb.quiz.paper import paper_split

        wanted = paper_split(wanted)   # counts whose points can add up to 100 (30 -> 14/7/9, not 15/6/9)
    generator = Generator(corpus, resolved, seed, sum(wanted.values()))
    questions: list[Question] = []
    for qtype in TYPES:
        if wanted.get(qtype):
            questions += generator.make(qtype, wanted[qtype])
    # a type the scope could not fill is topped up from the others, so the total holds where it can
    missing = sum(wanted.values()) - len(questions)
    for qtype in types:
        if missing <= 0 or mix:
            break
        extra = generator.make(qtype, missing)
        questions += extra
        missing -= len(extra)
    questions.sort(key=lambda q: TYPES.index(q.type))
    return QuizResult(scope, questions, sum(wanted.values()), seed, generator.rejected, generator.problems, wanted,
                      resolved)
