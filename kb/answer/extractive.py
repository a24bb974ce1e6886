"""Extractive answers: the 款/项 (or sentence) of the retrieved articles that answers the question.

Every 款 and 项 of the top search hits is a candidate, described by features (kb.answer.scoring):

* coverage — the idf-weighted share of the question's words found in it (words found only in the
  law title, the chapter heading or, for a 项, its lead-in 款 count partly; a word jieba cuts
  differently counts by the share of its character bigrams found),
* cue — whether it carries the kind of answer asked for (多久 -> 三十日; 罚多少 -> 处…罚款; 谁 ->
  主管部门; 能不能 -> 禁止/可以; 条件/情形 -> an enumeration; 是什么 -> 所称…是指), see kb.answer.cues,
* the retrieval rank and score of its article, whether the question names its law, its length,
  whether it is a 法律责任 clause (and whether the question asks about consequences), a 项,
* its article and law (kb.answer.articles): the best coverage of any unit of the article, the share
  of the top 10 retrieval scores its law holds, a 修正案, a law of the ANSWER_HOME_LAWS setting.

The candidates compete in a softmax of learned weights (one set for the search with neural vectors,
one without: kb.answer.scoring.RULES); the best is the answer, cited as
``Clause.focus(paragraph, item).citation()``. Its confidence is the calibrated probability that
its article is right; below the ``ANSWER_MIN_CONFIDENCE`` setting the answer says no clear legal
basis was found and shows the best clauses instead of pretending. A question about consequences
(怎么罚, 罚多少, 什么责任) also gets the 款 that sets the sanction and the article that sets the
duty (kb.answer.consequence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from kb.answer import scope, scoring
from kb.answer.articles import article_features, home_laws
from kb.answer.consequence import assemble, in_penalty_chapter, narrowed_to_item
from kb.answer.cues import (LIMIT_QUESTION, TIME_FILLER, cue_score, expand_jargon, is_penalty, question_types,
                            split_sentences, statute_wording, strip_item_prefix)
from kb.citations import finder_for
from kb.clause import Clause, Hit
from kb.errors import SettingsError
from kb.numerals import CN_NUMBER_CHARS
from kb.search import SearchFilters
from kb.search.hits import IndexSearcher
from kb.search.levels import GROUP_LOWER
from kb.search.query import clean_query, run_search

RANK_DECAY = 0.3        # rank r counts 1 / (1 + RANK_DECAY * r) (feature "rank")
RETRIEVE = 30           # articles retrieved per question
SUPPORTING = 3
RELATED = 5
LONG_UNIT = 90           # a best sentence shorter than this keeps a short qualifying sentence after it

NOT_FOUND_TEXT = "未找到明确的法律依据。以下条文可能相关，请结合具体情况判断。"

# Question words that say what kind of answer is wanted but are not themselves looked for
FILLER = frozenset("""多久 多长时间 多长 最长 最短 最少 最多 几人 几名 几次 几日 几天 开始 多少 几个月 几年 什么时候 何时 能不能 可不可以 可以吗 可否 能否
是否 谁 哪个 哪些 哪里 什么 怎么 怎样 如何 怎么办 吗 呢 请问 一下 有没有 需不需要 要不要 会不会 罚多少 多少钱 办 做 么
长时间 多长期限 是 有 要 会 被 怎么样 样 为 应当 可以 必须 需要 规定 法律 法规 依据 按照 根据 条文 哪条 第几条 情况 问题 什么样""".split())

NUM_RE = re.compile(rf"[{CN_NUMBER_CHARS}\d]")


@dataclass
class Candidate:
    """One 款 or 项 of a retrieved article, scored as an answer."""

    clause: Clause                 # focused on the 款 (and 项)
    text: str                      # text of the unit (款 with its 项, or the 项)
    rank: int                      # retrieval rank of the article
    coverage: float = 0.0
    cue: float = 0.0
    score: float = 0.0
    features: np.ndarray | None = None

    def hit(self) -> Hit:
        return Hit(self.clause, self.score, match="extractive")

    @property
    def article_key(self) -> tuple:
        return (self.clause.document.id, self.clause.article, self.clause.article_suffix, self.clause.id)


@dataclass
class Extraction:
    """What the extractor found for one question."""

    question: str
    types: list[str]
    candidates: list[Candidate]    # best first, at most one per (article, 款/项)
    hits: list[Hit]                # the retrieval hits, in rank order
    best: Candidate | None
    found: bool
    display: str                   # answer text (the best sentence or unit)
    confidence: float = 0.0        # calibrated probability that the best candidate's article is right
    rules: str = "neural"          # the kb.answer.scoring.RULES set (the search fuses neural vectors or not)
    unknown: float = 0.0           # weight share of question words absent from the statutes
    consequence: bool = False      # the question asks about consequences (怎么罚, 什么责任)
    word_weights: dict | None = None
    cited: list[Hit] | None = None  # consequence answers: sanction, its fine 款, duty (kb.answer.consequence)
    scope: float | None = None     # calibrated probability that it is a legal question in scope (kb.answer.scope)
    out_of_scope: bool = False     # refused: scope below ANSWER_MIN_SCOPE (no clause shown)

    @property
    def answer_text(self) -> str:
        if self.out_of_scope:
            return scope.REFUSAL_TEXT
        if not self.found or self.best is None:
            return NOT_FOUND_TEXT
        if self.cited:
            return "\n".join(f"{unit_text(h.clause)}（{h.clause.citation()}）" for h in self.cited)
        return f"{self.display}（{self.best.clause.citation()}）"

    def citations(self) -> list[Hit]:
        if not self.found or self.best is None:
            return []
        return list(self.cited) if self.cited else [self.best.hit()]

    def supporting(self) -> list[Hit]:
        if self.out_of_scope:
            return []
        taken = {self.best.article_key} if self.found and self.best else set()
        taken |= {(h.clause.document.id, h.clause.article, h.clause.article_suffix, h.clause.id)
                  for h in self.citations()}
        out = []
        for cand in self.candidates:
            if len(out) >= SUPPORTING:
                break
            if cand is self.best and self.found or cand.article_key in taken:
                continue
            taken.add(cand.article_key)
            out.append(cand.hit())
        return out

    def related(self) -> list[Hit]:
        if self.out_of_scope:
            return []
        shown = {(h.clause.document.id, h.clause.article, h.clause.article_suffix)
                 for h in self.citations() + self.supporting()}
        out = []
        for hit in self.hits:
            key = (hit.clause.document.id, hit.clause.article, hit.clause.article_suffix)
            if key in shown:
                continue
            shown.add(key)
            out.append(Hit(hit.clause.focus(None), hit.score, hit.match))
            if len(out) >= RELATED:
                break
        return out


class WordWeights:
    """Question words with idf weights (from the lexical index when there is one)."""

    def __init__(self, tokenizer, idf=None, default_idf: float = 8.0):
        self.tokenizer = tokenizer
        self.idf = idf
        self.default_idf = default_idf

    def weights(self, question: str, types: tuple[str, ...] | list[str] = ()) -> dict[str, float]:
        skip = FILLER | TIME_FILLER if "time" in types else FILLER
        words = [w for w in self.tokenizer.words(statute_wording(question)) if w not in skip and not NUM_RE.fullmatch(w)]
        # drop words contained in a longer question word (search mode yields both 查封扣押 and 查封)
        kept = [w for w in set(words) if not any(w != o and w in o for o in words)]
        out = {}
        for word in kept:
            value = self.idf(word) if self.idf else 0.0
            if value <= 0:
                value = self.default_idf if len(word) >= 2 else 1.0
            out[word] = max(0.5, min(value, 12.0)) if len(word) >= 2 else 1.0
        return out

    def unknown_share(self, weights: dict[str, float]) -> float:
        """Weight share of the question words the statutes never use (今天天气: most; 查封扣押: none)."""
        total = sum(weights.values())
        if not total or not self.idf:
            return 0.0
        return sum(v for w, v in weights.items() if self.idf(w) <= 0) / total


def _presence(word: str, text: str) -> float:
    """1 when the word occurs (查封扣押 also in 查封、扣押), else the share of its bigrams (x 0.8)."""
    if word in text or word in text.replace("、", ""):
        return 1.0
    if len(word) < 3:
        return 0.0
    grams = [word[i:i + 2] for i in range(len(word) - 1)]
    return 0.8 * sum(1 for g in grams if g in text) / len(grams)


def coverage(weights: dict[str, float], text: str, context: str = "", lead: str = "") -> float:
    total = sum(weights.values())
    if not total:
        return 0.0
    got = 0.0
    for word, weight in weights.items():
        got += weight * max(_presence(word, text), 0.7 * _presence(word, lead), 0.5 * _presence(word, context))
    return got / total


def candidates_of(hits: list[Hit], enumerate_items: bool = False) -> list[Candidate]:
    """Every 款 and 项 of the hit articles (one-款 articles: the article, unfocused).

    A 款 with 项 is one candidate with its 项 when the question asks for conditions or cases
    (enumerate_items), else its lead-in alone; each 项 is a candidate of its own.
    """
    out = []
    for rank, hit in enumerate(hits):
        clause = hit.clause.focus(None)
        paragraphs = clause.paragraphs()
        for para in paragraphs:
            focus_p = para.index if len(paragraphs) > 1 else None
            out.append(Candidate(clause.focus(focus_p), para.full_text if enumerate_items else para.text, rank))
            for item_index, item in enumerate(para.items, 1):
                out.append(Candidate(clause.focus(para.index, item_index), item, rank))
        if not paragraphs:
            out.append(Candidate(clause, clause.text, rank))
    return out


def score_candidates(cands: list[Candidate], weights: dict[str, float], types: list[str],
                     named_laws: set[str], limit: bool = False, consequence: bool = False,
                     hit_scores: list[float] | None = None, home: frozenset[str] = frozenset(),
                     rules: str = "neural") -> None:
    """Fill each candidate's coverage, cue, features (kb.answer.scoring.FEATURES) and score (the
    kb.answer.scoring.RULES set `rules`)."""
    top_score = max(hit_scores[0], 1e-9) if hit_scores else 1.0
    rows = []
    for cand in cands:
        clause = cand.clause
        context = " ".join((clause.document.display_short_title, *clause.path))
        lead = ""
        has_items = False
        if clause.item is not None:
            para = clause.paragraphs()[clause.paragraph - 1]
            lead = para.text
        elif clause.paragraph is not None or len(clause.paragraphs()) == 1:
            paras = clause.paragraphs()
            has_items = bool(paras[(clause.paragraph or 1) - 1].items) if paras else False
        cand.coverage = coverage(weights, cand.text, context, lead)
        cand.cue = cue_score(cand.text, types, has_items, limit)
        if clause.item is not None:
            # a 项 shares its lead-in's penalty and authority (由…处…罚款 applies to every 项);
            # other cues of the lead-in (a time limit of the whole 款) count half
            share = 1.0 if {"amount", "subject"} & set(types) else 0.5
            cand.cue = max(cand.cue, share * cue_score(f"{lead}{cand.text}", types, False, limit))
        if not types:
            cand.cue = 0.5  # no type asked: do not penalise every candidate alike
        penalty = is_penalty(f"{lead}{cand.text}")
        retrieval = hit_scores[cand.rank] / top_score if hit_scores and cand.rank < len(hit_scores) else 0.0
        rows.append((cand.coverage, cand.cue, 1.0 / (1.0 + RANK_DECAY * cand.rank), min(max(retrieval, 0.0), 1.0),
                     float(bool(named_laws) and clause.law in named_laws), min(1.0, len(cand.text) / 500),
                     float(penalty and not consequence), float(penalty and consequence),
                     float(clause.item is not None), float(cand.rank == 0)))
    if not rows:
        return
    own = np.array(rows, dtype=np.float64)
    matrix = np.column_stack([own, article_features(cands, own[:, 3], home)])
    values = scoring.scores(matrix, rules=rules)
    for cand, features, value in zip(cands, matrix, values):
        cand.features = features
        cand.score = float(value)


def article_probability(cands: list[Candidate], best: Candidate) -> float:
    """Softmax mass of the best candidate's article among all candidates."""
    probs = scoring.softmax(np.array([c.score for c in cands]))
    key = best.article_key[:3]
    return float(sum(p for c, p in zip(cands, probs) if c.article_key[:3] == key))


def best_sentence(cand: Candidate, weights: dict[str, float], types: list[str]) -> str:
    """The sentence(s) of a long 款 that answer best; the whole unit when short or enumerating.

    A sentence that introduces 项 (…有下列情形之一的，应当停止执行：) is shown with its 项.
    """
    text = cand.text
    if cand.clause.item is not None:
        return strip_item_prefix(text).rstrip("；;。") + "。"
    if "\n" in text:
        return text
    sentences = split_sentences(text)
    sentence = text
    if len(sentences) >= 2:
        scored = [(coverage(weights, s) * 0.6 + cue_score(s, types) * 0.25, i) for i, s in enumerate(sentences)]
        _, index = max(scored, key=lambda pair: (pair[0], -pair[1]))
        sentence = sentences[index]
        # a short following sentence usually qualifies the answer (…的除外。): keep it
        if index + 1 < len(sentences) and len(sentences[index + 1]) <= 20 and len(sentence) < LONG_UNIT:
            sentence += sentences[index + 1]
    if sentence.rstrip().endswith(("：", ":")):
        paragraphs = cand.clause.paragraphs()
        para = paragraphs[(cand.clause.paragraph or 1) - 1] if paragraphs else None
        if para is not None and para.items:
            sentence = "\n".join((sentence, *para.items))
    return sentence


def named_laws_in(corpus, question: str) -> set[str]:
    """Full titles of laws the question names (行政处罚法, 《环境影响评价法》 …)."""
    titles: set[str] = set()
    for match in finder_for(corpus).name_pattern.finditer(question):
        found = corpus.law_names.resolve(match.group("b") or match.group("n"))
        if len(found) == 1:
            titles.add(found[0])
    return titles


def retrieve_hits(corpus, searcher, question: str, query: str, n: int, filters: SearchFilters | None) -> list[Hit]:
    """The top n articles for the query.

    An index searcher's ranked rows become hits directly: the same ranking as ``search`` without
    focusing each hit on a 款, which the extractor does itself (that focusing is most of the cost
    of ``search``). A question naming an article (环保法第59条说了什么) goes through the query
    service, which answers citations.
    """
    filters = filters or SearchFilters()
    if not isinstance(searcher, IndexSearcher) or _names_article(corpus, question):
        # the first n hits, not the group of lower-level texts after them (kb.search.levels): an
        # answer cites a text below the national laws only when the question names one
        return [hit for hit in run_search(corpus, query, n, filters, searcher).hits if hit.group != GROUP_LOWER]
    rows, scores = searcher.candidates(clean_query(query), searcher.bundle.row_filter.mask(filters), n)
    return searcher.hits(rows, scores, filters, dated=False)


def _names_article(corpus, question: str) -> bool:
    return any(ref.law_name for ref in finder_for(corpus).find(question))


def candidates_for(corpus, searcher, weights_source: WordWeights, question: str,
                   filters: SearchFilters | None = None, retrieve: int = RETRIEVE) -> Extraction:
    """Retrieve and score every 款/项 of the hits (best first); `best` set, `found` not decided yet."""
    types = question_types(question)
    rules = scoring.rules_for(searcher)
    # the plain search gets the question with bureau jargon spelled out (环评 -> 环境影响评价 …); the
    # neural search retrieves with the question itself: its own expansion and the e5 vectors cover the
    # jargon, and the appended statute words pulled in the wrong article (环评 -> 报告书、报告表 put the
    # technical units' 第一千零九十七条 before 未批先建's 第一千零九十五条). Cross-validated: staff questions
    # 0.649 first citation right held out against 0.625 with the jargon words (README "Extractive").
    query = question if rules == "neural" else expand_jargon(question)
    # words for the question type (期限 for 多久) are not added: with the searcher's own expansion
    # they pulled in articles of the wrong topic
    hits = retrieve_hits(corpus, searcher, question, query, retrieve, filters)
    if any(h.match.startswith("citation") for h in hits[:1]):
        # the question is itself a citation: answer with the cited clause
        cand = Candidate(hits[0].clause, hits[0].clause.focus_text, 0, 1.0, 1.0, 1.0)
        return Extraction(question, types, [cand], hits, cand, True, cand.text, 1.0)
    weights = weights_source.weights(question, types)
    cands = candidates_of(hits, "condition" in types)
    consequence = "amount" in types  # 怎么罚, 罚多少, 什么责任 (kb.answer.cues: not 处罚决定书, 罚款分期)
    score_candidates(cands, weights, types, named_laws_in(corpus, question), bool(LIMIT_QUESTION.search(question)),
                     consequence, [h.score for h in hits], home_laws(corpus), rules)
    order = sorted(range(len(cands)), key=lambda i: (-cands[i].score, cands[i].rank))
    cands = [cands[i] for i in order]
    best = cands[0] if cands else None
    display = best_sentence(best, weights, types) if best else ""
    result = Extraction(question, types, cands, hits, best, False, display, rules=rules)
    result.consequence = consequence
    result.word_weights = weights
    result.unknown = weights_source.unknown_share(weights)
    return result


def extract(corpus, searcher, weights_source: WordWeights, question: str,
            filters: SearchFilters | None = None, retrieve: int = RETRIEVE, min_confidence: float | None = None
            ) -> Extraction:
    """Retrieve, score every 款/项 of the hits, pick the answer and decide whether to give it."""
    found = candidates_for(corpus, searcher, weights_source, question, filters, retrieve)
    if found.found or found.best is None:   # a citation asked for; or nothing retrieved: is it a legal question?
        if not found.found:
            scope.decide(corpus, searcher, found)
        return found
    if min_confidence is not None:
        threshold = min_confidence
    else:
        threshold = corpus.setting("ANSWER_MIN_CONFIDENCE")
    threshold = float(threshold)
    if not 0.0 <= threshold <= 1.0:
        raise SettingsError(f"LAWKB_ANSWER_MIN_CONFIDENCE={threshold:g} is not a probability; use a number from 0 to 1")
    found.confidence = scoring.confidence(article_probability(found.candidates, found.best), found.best.coverage,
                                          found.unknown, sum((found.word_weights or {}).values()),
                                          float(found.best.features[scoring.FEATURES.index("home_law")]),
                                          rules=found.rules)
    found.found = found.confidence >= float(threshold)
    scope.decide(corpus, searcher, found)
    if found.found and found.consequence:
        best = found.best.clause
        sanction = in_penalty_chapter(best) or is_penalty(found.best.text)
        if sanction:
            best = narrowed_to_item(best, [(c.clause, c.coverage) for c in found.candidates])
        found.cited = assemble(corpus, best, sanction, weights_source, filters) or None
    return found


def unit_text(clause: Clause) -> str:
    """A cited 款/项 as shown in an answer (a 项 without its (一) prefix)."""
    text = clause.focus_text
    return strip_item_prefix(text) if clause.item is not None else text
