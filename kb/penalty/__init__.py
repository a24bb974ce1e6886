"""The penalty table (违法行为 → 法律依据): rows parsed from every 法律责任 clause, the description
search over them, the 免罚/从轻/减轻 checklist, and the bureau's own 裁量基准 beside each row.

* ``kb.penalty.amounts`` — Chinese amounts (二十万元以上一百万元以下, 一倍以上三倍以下) and detention;
* ``kb.penalty.rows`` / ``conduct`` / ``sanctions`` — a clause cut into rows: conduct, conditions, agency,
  measures, fines (``powers``: an agency's powers are not rows); ``kb.penalty.links`` — the obligation
  articles (违反条款);
* ``kb.penalty.table`` — the cached table of a corpus; ``search`` — description → rows;
* ``kb.penalty.leniency`` — the checklist; ``rules`` — the bureau's imported rules;
* ``kb.penalty.present`` / ``exports`` — Chinese wording, CSV and DOCX.

``lookup(corpus, description)`` is what the CLI, the web page and the API answer.
"""

from __future__ import annotations


def lookup(corpus, description: str, top_k: int = 5, laws: tuple[str, ...] = (), searcher=None) -> dict:
    """Rows for a description, each with the bureau's rules, and the checklist of each law."""
    from kb.penalty.leniency import LeniencyItem, checklist
    from kb.penalty.rules import rules_for
    from kb.penalty.search import find
    from kb.penalty.table import load

    result = find(corpus, description, top_k=top_k, laws=laws, searcher=searcher)
    table = load(corpus)
    record = result.to_record()
    checklists: dict[str, list[dict]] = {}
    for row in record["rows"]:
        row["bureau_rules"] = rules_for(corpus, table, row["id"])
        if row["law"] not in checklists:
            checklists[row["law"]] = [item.to_record() for item in checklist(corpus.store, row["law"])]
        for rule in row["bureau_rules"]:
            if rule["kind"] != "裁量基准":
                item = LeniencyItem(rule["kind"], rule["circumstances"] or rule["conduct"],
                                    f"本局清单 {rule['source']} 第{rule['line']}行", None, "bureau")
                checklists[row["law"]].insert(0, item.to_record())
    record["checklists"] = checklists
    return record
