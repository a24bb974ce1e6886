"""Parties of civil liability as quiz answers and options: who may be asked, who may be offered.

A trainer reading 侵权责任编 questions rejected (second review of issue 15):
- the victim offered as the liable party ("由（受害人）承担侵权责任"): nobody picks it;
- a party that names anyone in its role (行为人, 侵权人, 责任人, 第三人): whoever is liable is one, so
  as a wrong option it is defensible, and as the answer it is a tautology ("（侵权人）应当承担侵权责任");
- a party of another 编 (买受人, 承租人, 债权人 against 承揽人), or of an unrelated 章 of the same 编
  (机动车使用人 for a product defect): at least two wrong parties must be named in the question's 章;
- an answer the stem names through its counterpart ("…定作人不承担侵权责任" -> 承揽人,
  "监护人将监护职责委托给他人…" -> 受托人).
"""

from __future__ import annotations

GENERIC = ("行为人", "侵权人", "责任人", "第三人")
VICTIMS = ("受害人", "被侵权人")
# a word in the stem that points at one party: its other side in the same relation
COUNTERPARTS = {
    "承揽人": ("定作人",), "定作人": ("承揽人",), "受托人": ("委托",), "委托人": ("受托",),
    "提供劳务一方": ("接受劳务一方",), "接受劳务一方": ("提供劳务一方",), "网络用户": ("网络服务提供者",),
    "网络服务提供者": ("网络用户",), "医务人员": ("医疗机构",), "出卖人": ("买受人",), "买受人": ("出卖人",),
    "出租人": ("承租人",), "承租人": ("出租人",), "债务人": ("债权人",), "债权人": ("债务人",),
}


def offerable(party: str) -> bool:
    """May this party be a wrong option (or the changed party of a false 判断)?"""
    return party not in GENERIC and party not in VICTIMS


def answer_problems(answer: str, stem: str) -> list[str]:
    """Why a party cannot be the blank of this stem (the stem without the answer): [] when it can."""
    out = []
    if answer in GENERIC or answer in VICTIMS:
        out.append(f"{answer} is asked: a party anyone in the role is (or the victim) makes a tautology, "
                   "and no wrong party is plainly wrong")
    hint = next((word for word in COUNTERPARTS.get(answer, ()) if word in stem), None)
    if hint:
        out.append(f"the stem names {hint}, the counterpart that gives {answer} away")
    return out


def problems(q) -> list[str]:
    """Party checks of a 单选 (answer and options) or a false 判断 (the changed party)."""
    out = []
    if q.type == "single" and q.element == "party":
        stem = q.stem.replace("（　　）", "")
        out += answer_problems(q.answer_text, stem)
        out += [f"wrong party {o!r} is the victim or names anyone in that role" for o in q.options
                if o != q.answer_text and not offerable(o)]
    if q.type == "judge" and (q.change or {}).get("kind") == "party" and not offerable(q.change.get("to", "")):
        out.append(f"changed party {q.change['to']!r} names anyone in that role: the statement may still hold")
    return out


def pool_problems(q, pool) -> list[str]:
    """A 单选 on a party whose wrong options mostly come from other 章 of the law (unrelated clauses)."""
    if q.type != "single" or q.element != "party":
        return []
    chapter = tuple(q.clause.path[:2])
    near = [o for o in q.options if o != q.answer_text and chapter in pool.places.get(o, ())]
    if len(near) < len(q.options) - 2:
        return [f"wrong parties from unrelated chapters: only {near} are named in {'/'.join(chapter)}"]
    return []
