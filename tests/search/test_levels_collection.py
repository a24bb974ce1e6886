"""Issue 11's invariant on real material: with regulations, rules and local law from LawRefBook
loaded next to the national laws, the first 10 hits of every STARD question that does not name a
lower-level text are exactly the national-only search's, so no national answer is pushed out; the
group holds lower-level texts. (The national corpus copied, a random sample of the collection's
lower-level files imported, the index rebuilt.)"""

from __future__ import annotations

import json
import random
import shutil

import pytest

from kb.search.levels import GROUP_LOWER, asks_for_lower

pytestmark = pytest.mark.slow
LOWER_FOLDERS = ("行政法规", "司法解释", "部门规章", "DLC")
SAMPLE_FILES = 400
QUESTIONS = 150


@pytest.fixture(scope="module")
def collection(national_corpus, tmp_path_factory):
    from tests.conftest import SHARED_DATA

    folder = SHARED_DATA / "lawrefbook"
    if not folder.exists():
        pytest.skip("../shared/data is not present (development data only)")
    from ingest.pipeline import ingest_paths
    from kb.corpus import Corpus
    from kb.search.index_build import build_indexes

    files = sorted(p for name in LOWER_FOLDERS for p in (folder / name).rglob("*.md") if p.name != "_index.md")
    sample = random.Random(11).sample(files, SAMPLE_FILES)
    target = tmp_path_factory.mktemp("collection") / "corpus"
    shutil.copytree(national_corpus.dir, target, ignore=shutil.ignore_patterns("index*", "*.sqlite-*"))
    corpus = Corpus(target)
    report = ingest_paths(corpus.store, sample)
    assert not report.failed
    corpus.refresh()
    build_indexes(corpus)
    corpus.refresh()
    questions = [json.loads(line) for line in (SHARED_DATA / "stard" / "train.jsonl").read_text(encoding="utf-8")
                 .splitlines()[:QUESTIONS]]
    return corpus, questions


def test_no_national_answer_is_pushed_off_the_first_page(collection):
    from kb.search.query import build_filters
    from kb.search.searchers import get_searcher

    corpus, questions = collection
    searcher = get_searcher(corpus, "hybrid")
    bundle = searcher.bundle
    lower = bundle.lower_level_rows > 0
    assert lower.sum() > 5000                                   # the sample loaded thousands of lower-level rows
    filters = build_filters(corpus)
    mask = bundle.row_filter.mask(filters)
    key = lambda clause: (clause.law, clause.article)  # noqa: E731
    grouped = displaced = 0
    for question in questions:
        if asks_for_lower(question["text"], bundle.region_names):
            continue
        relevant = {tuple(pair) for pair in question["relevant"]}
        alone = [key(bundle.clauses[r]) for r in searcher.candidates(question["text"], mask & ~lower, 10)[0]]
        hits = searcher.search(question["text"], 10, filters)
        first = [key(h.clause) for h in hits if h.group != GROUP_LOWER]
        assert first == alone, question["id"]                   # the national-only ranking, exactly
        grouped += any(h.group == GROUP_LOWER for h in hits)
        searcher.params["level_group"] = -1                      # one mixed ranking: what the rule prevents
        mixed = {key(bundle.clauses[r]) for r in searcher.candidates(question["text"], mask, 10)[0]}
        searcher.params["level_group"] = 5
        displaced += bool(relevant & set(alone)) and not relevant & mixed
    assert grouped > len(questions) // 2                          # lower-level texts are offered, in the group
    assert displaced > 0                                          # without the rule some answers were pushed out
