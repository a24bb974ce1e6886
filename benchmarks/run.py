"""`make bench`: run every benchmark module and write the figures to BENCHMARKS.md.

Each module in BENCH_MODULES has ``run(context) -> list[Figure]``; the context holds a national
corpus ingested (and indexed) once into a temporary data home.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import import_module
from pathlib import Path

BENCH_MODULES = [
    "benchmarks.bench_ingest",
    "benchmarks.bench_search",
    "benchmarks.bench_encode",
    "benchmarks.bench_web",
    "benchmarks.bench_quiz",
    "benchmarks.bench_cite",
    "benchmarks.bench_answer",
    "benchmarks.bench_scale",
    "benchmarks.bench_safety",
]
OUTPUT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str = ""
    note: str = ""


@dataclass
class Context:
    home: Path
    corpus: object = None


def national_corpus(context: Context, indexed: bool = True):
    """The national corpus in the benchmark's data home, ingested (and indexed) once."""
    from ingest.lawsdb import default_laws_db
    from ingest.pipeline import ingest_paths
    from kb.corpus import Corpus

    if context.corpus is None:
        corpus = Corpus(context.home / "national")
        ingest_paths(corpus.create_store(), [default_laws_db()])
        corpus.refresh()
        context.corpus = corpus
    corpus = context.corpus
    if indexed and not (corpus.index_dir / "manifest.json").exists():
        from kb.search.index_build import build_indexes

        build_indexes(corpus)
    return corpus


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="run LawKB benchmarks and write BENCHMARKS.md")
    parser.add_argument("--only", nargs="*", help="module names to run (e.g. bench_search)")
    args = parser.parse_args(argv)
    sections = []
    with tempfile.TemporaryDirectory(prefix="lawkb-bench-") as home:
        context = Context(Path(home))
        for name in BENCH_MODULES:
            if args.only and name.rsplit(".", 1)[-1] not in args.only:
                continue
            module = import_module(name)
            print(f"==> {name}", file=sys.stderr)
            started = time.perf_counter()
            figures = module.run(context)
            sections.append((name.rsplit(".", 1)[-1], module.__doc__ or "", figures, time.perf_counter() - started))
    lines = ["# Benchmarks", "",
             f"Written by `make bench` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
             f"{platform.machine()}, {platform.python_version()}, {__import__('os').cpu_count()} cores. "
             "How the search components were chosen (cross-validated research): benchmarks/RESEARCH.md.", ""]
    blocks = {}
    for name, doc, figures, seconds in sections:
        block = [f"## {name}", "", doc.strip(), "", "| what | figure | target | note |", "|---|---|---|---|"]
        for fig in figures:
            block.append(f"| {fig.name} | {fig.value:g} {fig.unit} | {fig.target} | {fig.note} |")
        block += ["", f"({seconds:.0f} s)", ""]
        blocks[name] = block
        lines += block
    from benchmarks.cv_report import CV_RESULTS

    for results in (CV_RESULTS, CV_RESULTS.with_name("e5_text.md")):
        if results.exists():  # figures of the research scripts (not re-run by make bench)
            lines += [results.read_text(encoding="utf-8").rstrip(), ""]
    if args.only and OUTPUT.exists():
        print("\n".join(lines))
        OUTPUT.write_text(replace_sections(OUTPUT.read_text(encoding="utf-8"), blocks), encoding="utf-8")
        print(f"updated {', '.join(blocks)} in {OUTPUT}", file=sys.stderr)
    else:
        OUTPUT.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {OUTPUT}", file=sys.stderr)
    return 0


def replace_sections(text: str, blocks: dict[str, list[str]]) -> str:
    """BENCHMARKS.md with the given `## name` sections replaced (appended when new); the rest kept."""
    out, skipping = [], False
    for line in text.split("\n"):
        if line.startswith("## "):
            name = line[3:].strip()
            skipping = name in blocks
            if skipping:
                out += blocks.pop(name)
                continue
        if not skipping:
            out.append(line)
    for block in blocks.values():
        out += block
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
