"""Generative answers: a chat model writes the answer from the retrieved clauses, LawKB checks it.

The question and the clauses of the extractive answer (its citation, supporting clauses and
related articles, numbered, each with its citation) go to the chat endpoint with the instruction
to cite only from them. Every citation in the reply is found with ``kb.citations`` and must

* resolve in the store on the as-of day (right law, existing article/款/项, in force), and
* be one of the supplied clauses (same law and article).

A citation failing either is marked in the text (``［引用未核实］``) and listed in ``verified``
with ok=false and the reason. ``[n]`` references to the numbered clauses are replaced by the
clause's citation. A reply with no verified citation, and any failure of the endpoint (timeout,
connection, HTTP error, malformed JSON, empty reply), falls back to the extractive answer with the
reason in ``fallback_reason``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.answer import Answer
from kb.answer.chat_client import ChatClient, ChatError
from kb.citations import finder_for, resolve
from kb.clause import Clause, Hit
from kb.errors import LawKBError
from kb.search import SearchFilters

MAX_CLAUSES = 8
MAX_CLAUSE_CHARS = 600
UNVERIFIED_MARK = "［引用未核实］"
NUMBER_REF = re.compile(r"[\[【［]\s*(\d{1,2})\s*[\]】］]")

SYSTEM_PROMPT = (
    "你是生态环境局的法律助手，回答工作人员的法律问题。只能依据用户消息中编号给出的条文回答，"
    "不得使用其他知识或编造条文。每个结论后用《法律全称》第X条（需要时加第X款、第（X）项）注明出处，"
    "只能引用给出的条文。给出的条文不足以回答时，回答“未找到明确的法律依据”。回答简明，用中文。"
)


def supplied_hits(base: Answer) -> list[Hit]:
    """The clauses given to the model: the extractive citation, supporting clauses, related articles."""
    seen, out = set(), []
    for hit in base.citations + base.supporting + base.related:
        key = (hit.clause.id, hit.clause.paragraph, hit.clause.item)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out[:MAX_CLAUSES]


def build_messages(question: str, hits: list[Hit]) -> list[dict]:
    lines = [f"问题：{question}", "", "可以引用的条文："]
    for number, hit in enumerate(hits, 1):
        text = hit.clause.focus_text
        if len(text) > MAX_CLAUSE_CHARS:
            text = text[:MAX_CLAUSE_CHARS] + "……"
        lines.append(f"[{number}] {hit.clause.citation()}：{text}")
    lines += ["", "请只依据以上条文回答，并注明所引条文。"]
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n".join(lines)}]


def _article_key(clause: Clause) -> tuple:
    return clause.law, clause.article, clause.article_suffix


def verify_reply(corpus, reply: str, supplied: list[Hit], as_of: str | None) -> tuple[str, list[dict], list[Hit]]:
    """(reply with unsupported citations marked, verified list, hits of the verified citations)."""
    verified: list[dict] = []
    cited: list[Hit] = []
    supplied_keys: dict[tuple, set] = {}
    for hit in supplied:  # article -> the 款 given (None: the whole article)
        supplied_keys.setdefault(_article_key(hit.clause), set()).add(hit.clause.paragraph)

    def add_cited(clause: Clause) -> None:
        if all((h.clause.id, h.clause.paragraph, h.clause.item) != (clause.id, clause.paragraph, clause.item) for h in cited):
            cited.append(Hit(clause, 1.0, "generative"))

    # [n] -> the citation of supplied clause n
    def number_ref(match: re.Match) -> str:
        number = int(match.group(1))
        if 1 <= number <= len(supplied):
            clause = supplied[number - 1].clause
            verified.append({"citation": f"[{number}] {clause.citation()}", "ok": True, "reason": "supplied clause"})
            add_cited(clause)
            return f"（{clause.citation()}）"
        verified.append({"citation": match.group(0), "ok": False, "reason": f"no supplied clause numbered {number}"})
        return UNVERIFIED_MARK

    parts, inserted, position = [], [], 0
    for match in NUMBER_REF.finditer(reply):
        parts.append(reply[position:match.start()])
        start = sum(len(p) for p in parts)
        parts.append(number_ref(match))
        inserted.append((start, start + len(parts[-1])))
        position = match.end()
    parts.append(reply[position:])
    text = "".join(parts)
    laws = {h.clause.law for h in supplied}
    last_title = next(iter(laws)) if len(laws) == 1 else None
    pieces, position = [], 0
    for ref in finder_for(corpus).find(text):
        if any(a <= ref.span[0] < b for a, b in inserted):
            continue  # a citation put in for [n] above, already verified
        resolution = resolve(corpus, ref, as_of, default_title=last_title)
        if resolution.document is not None:
            last_title = resolution.document.title
        ok, reason = _judge(resolution, supplied_keys)
        verified.append({"citation": ref.text.strip(), "ok": ok, "reason": reason})
        if ok:
            for clause in resolution.clauses:
                add_cited(clause)
            continue
        start, end = ref.span
        pieces.append(text[position:start])
        pieces.append(f"{ref.text.strip()}{UNVERIFIED_MARK}")
        position = end
    pieces.append(text[position:])
    return "".join(pieces), verified, cited


def _judge(resolution, supplied_keys: dict) -> tuple[bool, str]:
    """ok when the citation resolves and names a supplied article (and, if it names a 款, a supplied 款)."""
    if resolution.verdict != "ok":
        return False, resolution.message
    for clause in resolution.clauses:
        given = supplied_keys.get(_article_key(clause))
        if given is None or (clause.paragraph is not None and None not in given and clause.paragraph not in given):
            return False, f"{clause.citation()} is not among the clauses supplied to the model"
    return True, "resolves in the store and is a supplied clause"


def generative_answer(corpus, base: Answer, filters: SearchFilters | None = None, overrides: dict | None = None,
                      client=None) -> Answer:
    """The checked model answer, or the extractive one with the reason it was not used."""
    supplied = supplied_hits(base)
    if not supplied:
        return replace(base, fallback_reason="no clauses retrieved to give the chat model")
    try:
        client = client or ChatClient.from_settings(overrides)
        reply = client.complete(build_messages(base.question, supplied))
    except ChatError as exc:
        return replace(base, fallback_reason=str(exc))
    except LawKBError as exc:  # settings errors: still answer, say why not generative
        return replace(base, fallback_reason=str(exc))
    as_of = (filters or SearchFilters()).day
    text, verified, cited = verify_reply(corpus, reply, supplied, as_of)
    if not cited:
        return replace(base, verified=base.verified + verified,
                       fallback_reason="the chat reply cites none of the supplied clauses verifiably")
    cited_keys = {_article_key(h.clause) for h in cited}
    supporting = [h for h in supplied if _article_key(h.clause) not in cited_keys]
    return Answer(base.question, text, cited, supporting, [], "generative", verified, True, None,
                  base.score, base.question_types)
