"""Learned re-ranking of the hybrid's top N (issue 14): put the right article first.

The fused score (kb.search.hybrid) ranks the right article in the first 10 far more often than
first. A linear model re-orders the fused top ``N`` with features the search already has — the
fused score and rank, the lexical (BM25) score and rank, the neural cosine and rank, the article
prior, the sanction mark — and cheap ones about the question and the article: what the question
asks (consequences 怎么罚/什么责任, a definition 是什么/是指, permission 能否/是否) crossed with
what the article is (in a 法律责任/罚则 chapter, in 总则 or 附则, a definition 是指/所称, a duty
应当/不得, a sanction 处…罚款), how many of the question's words the article holds, where it sits
in its law, its length, whether it is a 修正案 or 修改决定, whether the question names its law, how many of the top N come from
its law, and whether its law is one the bureau applies daily (``home_law``: the ANSWER_HOME_LAWS
setting, a deployment's configuration; its weight fitted like the others, with the default list),
and what tells it from the other candidates of its law in the top N (``distinct_cover``,
``heading_cover``: issue 14p, for sibling articles such as 法典 1199 vs 1200).

``corpus/rerank_weights.tsv`` holds the model: ``top_n`` and one weight per feature (``FEATURES``),
fitted by nested cross-validation in ``benchmarks/research_rerank.py`` (softmax over each question's
top N, every set weighted alike). A missing file means no re-ranking. Only the neural fusion
(FUSION_NEURAL) is re-ranked — the model was fitted with every article's neural vector; a candidate
without one (encoding in progress) takes the cosine that agrees with its lexical place among the
candidates (as the fusion ranks it as if the missing component agreed with the others): held out
with half or a tenth of the vectors, the re-ranked order still beats the fused one on every set
(benchmarks/research_rerank.py --partial). The re-ranked rows take the top
N fused scores in their new order, so the scale the level rule works on is unchanged.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from kb.clause import Clause, short_title_of
from kb.search.expansion import table_lines
from kb.search.intent import PENALTY_PATH, PENALTY_TEXT, penalty_intent
from kb.search.tokenize import content_tokens, normalize

WEIGHTS_PATH = Path(__file__).resolve().parent.parent.parent / "corpus" / "rerank_weights.tsv"

DEFINITION_QUERY = re.compile(r"是什么|什么是|指什么|什么叫|叫什么|含义|定义|概念|是指|指的是|属于什么|包括哪些|哪些属于|范围")
MODAL_QUERY = re.compile(r"能不能|能否|可不可以|可否|可以吗|是否|允许|准许|要不要|需不需要|必须|有没有|会不会|"
                         r"吗[？?]?$|禁止|不得|合法")
DEFINITION_TEXT = re.compile(r"是指|所称|含义")
DUTY_TEXT = re.compile(r"应当|不得|禁止|必须")

FEATURES = (
    "fused", "fused_rank", "lex", "lex_rank", "e5", "e5_gap", "e5_rank", "prior", "penalty",
    "liability", "general", "supplementary", "definition", "duty", "sanction",
    "ask_penalty_x_liability", "ask_penalty_x_sanction", "ask_penalty_x_general",
    "ask_definition_x_definition", "ask_definition_x_liability", "ask_modal_x_duty", "ask_modal_x_liability",
    "coverage", "law_named", "position", "first_articles", "length", "amending", "law_share", "law_of_first",
    "home_law", "distinct_cover", "heading_cover",
)
STATIC = ("liability", "general", "supplementary", "definition", "duty", "sanction", "position", "first_articles",
          "length", "amending")
AMENDING_TITLE = re.compile(r"修正案|关于修改")


class RowTraits:
    """What the re-ranker reads of an index row (chapter, kind, place in its law), computed on first use."""

    def __init__(self, clauses: list[Clause], row_doc: np.ndarray):
        self.clauses = clauses
        self.row_doc = np.asarray(row_doc)
        numbers = np.array([c.article or 0 for c in clauses], dtype=np.float64)
        last = np.zeros(int(self.row_doc.max()) + 1 if len(self.row_doc) else 0)
        np.maximum.at(last, self.row_doc, numbers)
        self.numbers, self.last = numbers, last
        self.cache: dict[int, tuple[np.ndarray, str, str, str]] = {}

    def of(self, row: int) -> tuple[np.ndarray, str, str, str]:
        """(the STATIC features, the article's searchable text, its law's short title, its 章/节 headings)."""
        cached = self.cache.get(row)
        if cached is None:
            clause = self.clauses[row]
            path, text = " ".join(clause.path), clause.text
            values = [bool(PENALTY_PATH.search(path)), "总则" in path, "附则" in path,
                      bool(DEFINITION_TEXT.search(text)), bool(DUTY_TEXT.search(text)), bool(PENALTY_TEXT.search(text)),
                      self.numbers[row] / max(self.last[self.row_doc[row]], 1.0), 0 < self.numbers[row] <= 2,
                      math.log1p(len(text) / 100), bool(AMENDING_TITLE.search(clause.law))]
            short = short_title_of(clause.law)
            cached = (np.array(values, dtype=np.float64), normalize(" ".join((short, path, text))), short,
                      normalize(path))
            self.cache[row] = cached
        return cached


def _ranks(values: np.ndarray) -> np.ndarray:
    rank = np.empty(len(values))
    rank[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return np.log1p(rank)


def features(query: str, rows: np.ndarray, fused: np.ndarray, lex: np.ndarray, e5: np.ndarray, prior: np.ndarray,
             penalty: np.ndarray, traits: RowTraits, home: frozenset[str] = frozenset()) -> np.ndarray:
    """(len(rows) x len(FEATURES)) for the candidates ``rows`` best first by ``fused``; ``e5``: the
    neural cosine, NaN for a row without a vector; ``home``: the full titles of the bureau's own laws
    (the ANSWER_HOME_LAWS setting)."""
    n = len(rows)
    out = np.zeros((n, len(FEATURES)))
    if n == 0:
        return out
    col = {name: i for i, name in enumerate(FEATURES)}
    fused = np.asarray(fused, np.float64)
    out[:, col["fused"]] = fused - fused.max()
    out[:, col["fused_rank"]] = np.log1p(np.arange(n))
    lex = np.asarray(lex, np.float64)
    out[:, col["lex"]] = lex / max(float(lex.max()), 1e-9)
    out[:, col["lex_rank"]] = _ranks(lex)
    e5 = np.asarray(e5, np.float64)
    have = np.isfinite(e5)
    if have.any():
        cos = e5.copy()
        if not have.all():  # a row not encoded yet: the cosine that agrees with its lexical place (as the fusion)
            lo, hi = float(e5[have].min()), float(e5[have].max())
            span = float(lex.max() - lex.min())
            term = (lex[~have] - lex.min()) / span if span > 0 else np.ones(int((~have).sum()))
            cos[~have] = lo + term * (hi - lo)
        out[:, col["e5"]] = cos
        out[:, col["e5_gap"]] = cos - cos.max()
        out[:, col["e5_rank"]] = _ranks(cos)
    out[:, col["prior"]] = prior
    asks_penalty = penalty_intent(query)
    out[:, col["penalty"]] = np.asarray(penalty) * asks_penalty
    static = np.array([traits.of(int(r))[0] for r in rows.tolist()])
    for i, name in enumerate(STATIC):
        out[:, col[name]] = static[:, i]
    q = normalize(query)
    asks_definition, asks_modal = bool(DEFINITION_QUERY.search(q)), bool(MODAL_QUERY.search(q))
    out[:, col["ask_penalty_x_liability"]] = asks_penalty * out[:, col["liability"]]
    out[:, col["ask_penalty_x_sanction"]] = asks_penalty * out[:, col["sanction"]]
    out[:, col["ask_penalty_x_general"]] = asks_penalty * out[:, col["general"]]
    out[:, col["ask_definition_x_definition"]] = asks_definition * out[:, col["definition"]]
    out[:, col["ask_definition_x_liability"]] = asks_definition * out[:, col["liability"]]
    out[:, col["ask_modal_x_duty"]] = asks_modal * out[:, col["duty"]]
    out[:, col["ask_modal_x_liability"]] = asks_modal * out[:, col["liability"]]
    words = [w for w in dict.fromkeys(content_tokens(q)) if len(w) >= 2]
    docs = traits.row_doc[rows]
    # held[i, k]: candidate i's text holds the question's word k (coverage, and _siblings' distinct_cover)
    held = np.array([[w in traits.of(r)[1] for w in words] for r in rows.tolist()], dtype=bool).reshape(n, len(words))
    if words:
        out[:, col["coverage"]] = held.mean(axis=1)
    out[:, col["law_named"]] = [len(short) >= 2 and short in q for short in (traits.of(r)[2] for r in rows.tolist())]
    out[:, col["law_share"]] = np.array([(docs == d).mean() for d in docs.tolist()])
    out[:, col["law_of_first"]] = docs == docs[0]
    if home:   # the bureau's own laws (ANSWER_HOME_LAWS)
        out[:, col["home_law"]] = [traits.clauses[r].law in home for r in rows.tolist()]
    if words:
        _siblings(out, col, words, held, rows, docs, traits)
    return out


def _siblings(out: np.ndarray, col: dict[str, int], words: list[str], held: np.ndarray, rows: np.ndarray,
              docs: np.ndarray, traits: RowTraits) -> None:
    """What tells a candidate from the other candidates of its law (articles next to each other in one law
    share most words): ``distinct_cover`` the IDF-weighted share of the question's words the candidate
    holds and no other candidate of its law does (IDF over the candidates); ``heading_cover`` the share of
    the question's words in its own 章/节 headings. (Its cosine minus the best of its law's other
    candidates was tried and left out: benchmarks/research_query_side.py --without, BENCHMARKS.md 14p.)"""
    in_heading = np.array([[w in traits.of(r)[3] for w in words] for r in rows.tolist()], dtype=np.float64)
    idf = np.log1p(len(rows) / (1.0 + held.sum(axis=0)))
    same = docs[:, None] == docs[None, :]
    np.fill_diagonal(same, False)                      # same[i, j]: j is another candidate of i's law
    alone = held & ((same.astype(np.int32) @ held.astype(np.int32)) == 0)
    out[:, col["distinct_cover"]] = alone.astype(np.float64) @ idf / idf.sum()
    out[:, col["heading_cover"]] = in_heading.mean(axis=1)


def load_model(path: str | Path | None = None) -> tuple[int, np.ndarray] | None:
    """(top N, weight per FEATURES) from the weights table; None when the file is missing or empty.
    A feature the table does not name weighs 0; a malformed line is skipped (the file is generated)."""
    values: dict[str, float] = {}
    for line in table_lines(Path(path) if path else WEIGHTS_PATH):
        name, _, value = line.partition("\t")
        try:
            values[name.strip()] = float(value)
        except ValueError:
            continue
    top_n = int(values.pop("top_n", 0))
    if top_n < 2 or not values:
        return None
    return top_n, np.array([values.get(name, 0.0) for name in FEATURES])


@lru_cache(maxsize=1)
def default_model() -> tuple[int, np.ndarray] | None:
    return load_model()


def reorder(rows: np.ndarray, scores: np.ndarray, model_scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first len(model_scores) rows re-ordered by the model (ties keep the fused order); they take
    the same fused scores, best first, so the scale is unchanged. The rest follow as they were."""
    n = len(model_scores)
    order = np.argsort(-model_scores, kind="stable")
    head = rows[:n][order]
    return np.concatenate([head, rows[n:]]), np.concatenate([np.sort(scores[:n])[::-1], scores[n:]])


def write_model(path: Path, top_n: int, weights: np.ndarray, header: list[str]) -> None:
    lines = [f"# {line}" for line in header] + [f"top_n\t{top_n}"]
    lines += [f"{name}\t{w:.6g}" for name, w in zip(FEATURES, weights.tolist())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
