"""Generate a quiz from a scope: count, mix of types, reproducible by seed, validated.

Every candidate passes ``validate.problems`` or is dropped (and another one is tried); the result
says how many were asked for, how many sound ones the scope supported, and how many were rejected.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kb.quiz import fill_blank, multiple_choice, single_choice, source_question, true_false
from kb.quiz.pool import LawPool
from kb.quiz.question import TYPES, Question, askable, sentences
from kb.quiz.scope import ResolvedScope, Scope, resolve
from kb.quiz.validate import problems
from kb.errors import QueryError

DEFAULT_TYPES = ("single", "multiple", "judge")
WEIGHTS = {"single": 5, "multiple": 2, "judge": 3, "fill": 2, "source": 1}
MAX_PER_ARTICLE = 2
ALL_KINDS = ("amount", "time", "multiple", "percent", "term", "subject", "modal")
# which key element each type asks about, by weight: numbers first, 应当/可以 rarely in 单选
KIND_MIX = {
    "single": {"amount": 5, "time": 5, "multiple": 2, "percent": 1, "term": 2, "subject": 4, "modal": 1},
    "fill": {"amount": 4, "time": 4, "multiple": 1, "percent": 1, "term": 3, "subject": 3},
    "judge": {"modal": 4, "time": 3, "amount": 3, "multiple": 1, "percent": 1, "subject": 3},
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
               "source": "source", "出处": "source"}
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

    def __init__(self, corpus, resolved: ResolvedScope, seed: int = 0):
        self.corpus = corpus
        self.resolved = resolved
        self.rng = random.Random(seed)
        self.law_clauses = resolved.law_clauses
        self.pools = {doc_id: LawPool.build(clauses) for doc_id, clauses in self.law_clauses.items()}
        in_scope = {c.id for c in resolved.clauses}
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
        self.problems: list[tuple[str, list[str]]] = []
        self.used_articles: dict[int, int] = {}
        self.used_keys: set = set()
        self.answers: dict[tuple, int] = {}

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
        return self.rng.choice(self.slots[doc_id][kind])

    def _sentence(self):
        doc_id = self._law({d: len(found) for d, found in self.sentences.items()})
        return None if doc_id is None else self.rng.choice(self.sentences[doc_id])

    def _candidate(self, qtype: str, judge_true: bool) -> Question | None:
        rng = self.rng
        if qtype == "multiple":
            doc_id = self._law({d: len(found) for d, found in self.lists.items()})
            if doc_id is None:
                return None
            return multiple_choice.make(rng.choice(self.lists[doc_id]), self.pools[doc_id], rng)
        if qtype in ("source", "judge") and (qtype == "source" or judge_true):
            sentence = self._sentence()
            if sentence is None:
                return None
            if qtype == "source":
                return source_question.make(sentence, self.law_clauses, rng)
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
        if q.type in ("single", "fill") and self.answers.get(answer, 0) >= (1 if q.element == "subject" else 2):
            return False   # not three questions in a row whose answer is 财政部门
        if self.used_articles.get(q.clause.id, 0) >= (MAX_PER_ARTICLE * 3 if relaxed else MAX_PER_ARTICLE):
            return False
        found = problems(q)
        if found:
            self.rejected += 1
            self.problems.append((q.stem, found))
            return False
        self.used_keys.update((key, fact))
        self.answers[answer] = self.answers.get(answer, 0) + 1
        self.used_articles[q.clause.id] = self.used_articles.get(q.clause.id, 0) + 1
        return True

    def make(self, qtype: str, wanted: int) -> list[Question]:
        out: list[Question] = []
        attempts = 0
        limit = 60 * wanted + 200
        while len(out) < wanted and attempts < limit:
            attempts += 1
            q = self._candidate(qtype, judge_true=len(out) % 2 == 0 if self.rng.random() < 0.8 else self.rng.random() < 0.5)
            if q is not None and self._accept(q, relaxed=attempts > limit // 2):
                out.append(q)
        return out


def generate(corpus, scope: Scope, count: int = 20, types: tuple[str, ...] | str | None = None, seed: int = 0,
             mix: dict[str, int] | None = None) -> QuizResult:
    """A validated quiz; as many sound questions as the scope supports, up to `count`."""
    if count <= 0 and not mix:
        raise QueryError("question count must be at least 1", zh="题量至少为 1")
    types = parse_types(types) if not isinstance(types, tuple) else types
    resolved = resolve(corpus, scope)
    generator = Generator(corpus, resolved, seed)
    wanted = split_count(count, types, mix)
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
    return QuizResult(scope, questions, sum(wanted.values()), seed, generator.rejected, generator.problems, wanted)
