"""Chinese wording of a penalty row for the CLI, the web pages and the exports (one wording)."""

from __future__ import annotations

from kb.penalty.sanctions import PUBLIC_ORDER_PENALTY, REFERRED_PENALTY

CONDITION_KINDS = {"aggravated": "加重", "mitigated": "从轻", "refusal": "拒不改正等", "special": "特别规定"}


def fine_label(fine: dict | None) -> str:
    if not fine:
        return ""
    if fine["status"] == "no_amount":
        return "罚款（条文未写明数额）"
    if fine["status"] == "unparsed":
        return f"罚款（数额未能解析：{fine['text']}）"
    target = f"对{fine['target']}" if fine.get("target") else ""
    may = "可以" if fine.get("optional") else ""
    return f"{target}{may}处{fine['label']}罚款"


def detention_label(detention: dict) -> str:
    target = f"对{detention['target']}" if detention.get("target") else ""
    return f"{target}{detention['label']}"


def sanction_label(sanction: dict, with_fines: bool = True) -> str:
    """责令改正、限制生产；处二十万元以上一百万元以下罚款；十日以上十五日以下拘留."""
    measures = [m for m in sanction["measures"] if m not in ("罚款", "行政拘留")]
    parts = ["、".join(measures)] if measures else []
    if with_fines:
        parts.extend(fine_label(f) for f in sanction["fines"])
    parts.extend(detention_label(d) for d in sanction["detentions"])
    return "；".join(p for p in parts if p)


def base_fine_label(row: dict) -> str:
    """Every unconditional fine not on responsible persons (对单位…、对个人…), else the conditional ones."""
    fines = [f for s in row["sanctions"] if s["condition"] is None for f in s["fines"] if not f.get("on_persons")]
    stated = [f for f in fines if f["status"] != "no_amount"] or fines
    if stated:
        return "；".join(fine_label(f) for f in stated)
    conditional = [s for s in row["sanctions"] if s["condition"] and s["fines"]]
    if conditional:
        return "按情形：" + "；".join(f"{s['condition']}{fine_label(s['fines'][0])}" for s in conditional[:3])
    return referred_fine_label(row) or "无罚款"


def referred_fine_label(row: dict) -> str:
    """A row punished by reference (依照本法对销售者的处罚规定处罚, 依法予以处罚, 给予治安管理处罚) and stating no amount of its
    own: its fine, if any, is the one of the provisions referred to, so the row says that rather than 无罚款 (sample 37 #4)."""
    for sanction in row["sanctions"]:
        if sanction["condition"] is None and "依法处罚（依照其他规定）" in sanction["measures"]:
            found = REFERRED_PENALTY.search(sanction["text"]) or PUBLIC_ORDER_PENALTY.search(sanction["text"])
            if found:
                return f"按所引规定处罚（“{found.group(0)}”；本款未写明罚款数额）"
    return ""


def reference_note(ref: dict) -> str:
    """How a 违反条款 was found: 条文明示, 按行为匹配 0.56, 同所引违法行为（…）."""
    own = "条文明示" if ref["score"] is None else f"按行为匹配 {ref['score']:.2f}"
    return f"同所引违法行为，{own}" if ref["how"] == "inherited" else own


def obligation_label(row: dict) -> str:
    """违反条款: 第一百七十四条第二款（按行为匹配 0.56）；explicit ones as written."""
    if not row["references"]:
        return "未找到对应的义务条款"
    return "；".join(f"{ref['label']}（{reference_note(ref)}）" for ref in row["references"])


def conditional_lines(row: dict) -> list[str]:
    """One line per conditional sanction and per fine on responsible persons not in the base."""
    lines = []
    for sanction in row["sanctions"]:
        label = sanction_label(sanction)
        if sanction["condition"] and label:
            lines.append(f"{sanction['condition']}：{label}")
    for sanction in row["sanctions"]:
        if sanction["condition"] is None:
            for fine in sanction["fines"]:
                if fine.get("on_persons"):
                    lines.append(f"责任人员：{fine_label(fine)}")
            for detention in sanction["detentions"]:
                lines.append(f"拘留：{detention_label(detention)}")
    return lines


def measures_label(row: dict) -> str:
    return "、".join(m for m in row["measures"]) or "—"


def per_day_label(row: dict) -> str:
    if row.get("per_day"):
        return f"可能适用按日连续处罚（{row['per_day']}）"
    if "按日连续处罚" in row["measures"]:
        return "按日连续处罚"
    return ""
