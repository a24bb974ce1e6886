"""Markdown tables of the cross-validation reports (benchmarks.research_cv / research_answers).

    python -m benchmarks.cv_report --search cv.json --answers answers.json [--answers-plain plain.json] \
        [--encoded remeasure.json [--rerun cv2.json]]  # writes CV_RESULTS

``make bench`` (benchmarks/run.py) copies CV_RESULTS into BENCHMARKS.md, so the held-out figures
stay next to the speed figures; they change only when the research scripts are run again.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CV_RESULTS = Path(__file__).resolve().parent / "results" / "cross_validation.md"
SET_NAMES = {"stard": "STARD dev (lay)", "bureau52": "bureau, in repo (52)", "staff": "bureau staff (210)"}


def _cell(stats: dict | None, *names: str) -> str:
    if not stats:
        return "–"
    return " / ".join(f"{stats[n]:.3f}" for n in names)


def search_tables(report: dict) -> list[str]:
    sets = [s for s in SET_NAMES if s in report["cv_held_out"]]
    head = "| searcher | " + " | ".join(f"{SET_NAMES[s]} R@10 / MRR@10" for s in sets) + " |"
    lines = [head, "|---|" + "---|" * len(sets)]
    for name, stats in report["fixed"].items():
        lines.append(f"| {name} | " + " | ".join(_cell(stats.get(s), "recall@10", "mrr@10") for s in sets) + " |")
    lines.append("| **hybrid, every setting chosen inside the training folds (held out)** | "
                 + " | ".join(f"**{_cell(report['cv_held_out'].get(s), 'recall@10', 'mrr@10')}**" for s in sets) + " |")
    if "cv_held_out_without_e5" in report:
        lines.append("| hybrid without e5 (lexical + PPMI), chosen the same way (held out) | "
                     + " | ".join(_cell(report["cv_held_out_without_e5"].get(s), "recall@10", "mrr@10") for s in sets)
                     + " |")
    counts = ", ".join(f"{SET_NAMES[s]} {report['cv_held_out'][s]['n']}" for s in sets)
    lines += ["", f"Questions per set (development pool): {counts}. Settings chosen per fold:", ""]
    lines += ["| fold | method | scope | depth | alpha | w lexical / PPMI / e5 | law boost | penalty boost |",
              "|---|---|---|---|---|---|---|---|"]
    configs = [(str(k), cfg) for k, cfg in enumerate(report["folds"])] + [("**shipped** (whole pool)", report["shipped"])]
    if "shipped_without_e5" in report:
        configs.append(("shipped without e5 (`FUSION`)", report["shipped_without_e5"]))
    for label, cfg in configs:
        lines.append(f"| {label} | {cfg['method']} | {cfg['scope']} | {cfg['depth']} | {cfg['alpha']} | "
                     f"{cfg['w_lex']} / {cfg['w_ppmi']} / {cfg['w_e5']} | {cfg['law_boost']} | {cfg['penalty_boost']} |")
    if "report_fold" in report:
        lines += ["", "Staff fold 4 (42 questions, reporting only, measured once with the shipped setting):", "",
                  "| searcher | R@1 | R@10 | MRR@10 | R@100 |", "|---|---|---|---|---|"]
        for name, stats in report["report_fold"].items():
            st = stats.get("staff")
            lines.append(f"| {name} | {_cell(st, 'recall@1')} | {_cell(st, 'recall@10')} | {_cell(st, 'mrr@10')} | "
                         f"{_cell(st, 'recall@100')} |")
    return lines


def encoded_tables(remeasured: dict, rerun: dict | None) -> list[str]:
    """The choices above measured again once every article had its e5 vector; the choice made afresh on them."""
    sets = [s for s in SET_NAMES if s in remeasured["e5"]["cv_held_out"]]
    lines = ["", f"With every article encoded ({remeasured['e5_rows']:,} rows; `research_cv --remeasure`), the settings "
             "chosen above, per fold and shipped, measured again (R@10 / MRR@10):", "",
             "| | " + " | ".join(f"{SET_NAMES[s]}, dev folds held out" for s in sets) + " | staff fold 4 (reporting) |",
             "|---|" + "---|" * (len(sets) + 1)]
    rows = [("**as shipped** (`FUSION_NEURAL`)", remeasured["e5"]), ("without e5 (`FUSION`)", remeasured["without_e5"])]
    if rerun:
        rows.append(("every setting chosen afresh on these features (`--refresh`; not shipped)",
                     {"cv_held_out": rerun["cv_held_out"], "report_fold": rerun["report_fold"]["shipped"]}))
    for label, rep in rows:
        lines.append(f"| {label} | " + " | ".join(_cell(rep["cv_held_out"].get(s), "recall@10", "mrr@10") for s in sets)
                     + f" | {_cell(rep['report_fold'].get('staff'), 'recall@10', 'mrr@10')} |")
    if rerun:
        cfg = rerun["shipped"]
        lines += ["", f"Chosen afresh on the whole pool: {cfg['method']} {cfg['scope']} {cfg['depth']}, alpha {cfg['alpha']}, "
                      f"w {cfg['w_lex']} / {cfg['w_ppmi']} / {cfg['w_e5']}, law boost {cfg['law_boost']}, penalty boost "
                      f"{cfg['penalty_boost']} (per fold: " + "; ".join(
                          f"{c['scope']} {c['depth']} a{c['alpha']} {c['w_lex']}/{c['w_ppmi']}/{c['w_e5']} "
                          f"l{c['law_boost']} p{c['penalty_boost']}" for c in rerun["folds"]) + ")."]
    return lines


def answer_tables(report: dict) -> list[str]:
    lines = ["| set | first citation right (abstention = wrong) | answered | right when answered | "
             "right if always answering |", "|---|---|---|---|---|"]
    for s, name in SET_NAMES.items():
        st = report["cv_held_out"].get(s)
        if st:
            lines.append(f"| {name} | {st['first_citation_right']:.3f} | {st['coverage']:.3f} | "
                         f"{st['accuracy_when_answered']:.3f} | {st['right_if_always_answering']:.3f} |")
    oos = report["cv_held_out"].get("oos")
    if oos:
        lines.append(f"| out of scope ({oos['n']}) | – | {1 - oos['refused']:.3f} | refused {oos['refused']:.3f} | – |")
    lines += ["", "Accuracy–coverage of the held-out confidences (answer the most confident share):", "",
              "| coverage | " + " | ".join(SET_NAMES[s] for s in report["curves"]) + " |",
              "|---|" + "---|" * len(report["curves"])]
    shares = [p["coverage"] for p in next(iter(report["curves"].values()))]
    for i, share in enumerate(shares):
        lines.append(f"| {share:.2f} | " + " | ".join(f"{report['curves'][s][i]['accuracy']:.3f}"
                                                     for s in report["curves"]) + " |")
    if "report_fold" in report:
        st = report["report_fold"].get("staff", {})
        lines += ["", f"Staff fold 4 (reporting only; the rules fitted on the whole development pool): first citation right "
                      f"{st.get('first_citation_right', 0):.3f}, answered {st.get('coverage', 0):.3f}, "
                      f"right when answered {st.get('accuracy_when_answered', 0):.3f}."]
    return lines


ANSWER_RULES = ("Candidate weights, calibration and the abstention threshold fitted on the training folds (the "
                "threshold refuses >= 90% of 50 out-of-scope questions unless that answers fewer than the share of "
                "bureau questions that, by cross-validation inside the training folds, keeps >= 90% of unseen staff "
                "questions answered — `--coverage-of staff`: pooled with the 52 in-repo questions, which are nearly "
                "always answered, the staff share fell to 86% on this search); each fold retrieves with the search "
                "setting chosen without it (benchmarks.research_e5_variants: the lexical top 400 re-scored, the "
                "article prior counted from the STARD questions outside the fold); held-out figures.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--search", required=True)
    parser.add_argument("--answers", help="research_answers report of the search with neural vectors (FUSION_NEURAL; "
                        "the rules kb.answer.scoring.RULES['neural'])")
    parser.add_argument("--answers-plain", help="research_answers --without-e5 report (FUSION; RULES['plain'])")
    parser.add_argument("--encoded", help="research_cv --remeasure report (the choices measured again on new features)")
    parser.add_argument("--rerun", help="research_cv report of the choice made afresh on those features")
    parser.add_argument("--out", default=str(CV_RESULTS))
    parser.add_argument("--note", default="", help="a line on the run (e.g. how many rows had e5 vectors)")
    args = parser.parse_args(argv)
    lines = ["## Cross-validated quality (issue 14)", "",
             "Held-out figures only: every setting is chosen on the other folds (5-fold CV by question over",
             "STARD dev, the 52 in-repo bureau questions and bureau staff folds 0-3; staff fold 4 is reporting",
             "only). `python -m benchmarks.research_cv` and `python -m benchmarks.research_answers`.",
             *([args.note] if args.note else []), "",
             "### Search", ""]
    lines += search_tables(json.loads(Path(args.search).read_text(encoding="utf-8")))
    if args.encoded:
        rerun = json.loads(Path(args.rerun).read_text(encoding="utf-8")) if args.rerun else None
        lines += encoded_tables(json.loads(Path(args.encoded).read_text(encoding="utf-8")), rerun)
    if args.answers:
        lines += ["", "### Answers", ""]
        lines += ["The answer rules for the search as shipped, `FUSION_NEURAL` with every in-force article encoded "
                  "(kb.answer.scoring.RULES['neural']). " + ANSWER_RULES, ""]
        lines += answer_tables(json.loads(Path(args.answers).read_text(encoding="utf-8")))
    if args.answers_plain:
        lines += ["", "The answer rules for the search without neural vectors, `FUSION` (before encoding, or "
                      "LAWKB_ENCODER=off; RULES['plain']), fitted and measured the same way (held out):", ""]
        lines += answer_tables(json.loads(Path(args.answers_plain).read_text(encoding="utf-8")))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
