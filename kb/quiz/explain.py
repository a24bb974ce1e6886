"""Why each wrong option is wrong: the right text from the clause, and where the wrong text comes from."""

from __future__ import annotations

from kb.quiz.question import LETTERS

KIND_WORDS = {"time": "期限", "amount": "数额", "multiple": "倍数", "percent": "比例", "subject": "主体",
              "term": "术语", "modal": "用语", "party": "责任主体", "liability": "责任形式"}


def wrong_notes(options: list[str], answer_text: str, kind: str, pool, clause) -> str:
    """'A项“十五日”错误：本条规定的期限是“七日”；十五日见于本法第六十四条（…）。B项…'."""
    notes = []
    what = KIND_WORDS.get(kind, "内容")
    for letter, option in zip(LETTERS, options):
        if option == answer_text:
            continue
        where = pool.provenance(option, clause) if pool is not None else ""
        note = f"{letter}项“{option}”错误：本条规定的{what}是“{answer_text}”"
        notes.append(note + (f"，“{option}”{where}" if where else ""))
    return "；".join(notes) + "。" if notes else ""
