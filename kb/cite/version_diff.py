"""Differences between two stored versions of one law: added, removed, changed, moved articles.

Alignment by number then text: every old×new pair gets its character-bigram Jaccard similarity,
plus a bonus when the article numbers agree; pairs are taken best first. Same-numbered articles
pair from similarity 0.3 (a rewritten article stays "changed"), others from 0.5 — an amendment
that inserts articles renumbers everything after them, and those still pair up ("moved"). The
character-level differences of each changed pair come from difflib.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from kb.clause import Clause, Document
from kb.errors import NotFoundError, QueryError

SAME_NUMBER_MIN = 0.3      # same article number: pair even when rewritten this much
BY_TEXT_MIN = 0.5          # another number: pair only when the text is this alike
SAME_NUMBER_BONUS = 0.1


@dataclass
class ArticleChange:
    kind: str                              # added | removed | changed | moved | unchanged
    old: Clause | None
    new: Clause | None
    similarity: float = 1.0
    ops: list[tuple[str, str]] = field(default_factory=list)   # (equal|delete|insert, text)

    def to_record(self, with_text: bool = True) -> dict:
        record = {
            "kind": self.kind,
            "old_label": self.old.article_label if self.old else None,
            "new_label": self.new.article_label if self.new else None,
            "old_path": list(self.old.path) if self.old else None,
            "new_path": list(self.new.path) if self.new else None,
            "similarity": round(self.similarity, 4),
        }
        if with_text:
            record["old_text"] = self.old.text if self.old else None
            record["new_text"] = self.new.text if self.new else None
            record["ops"] = [list(op) for op in self.ops]
        return record


@dataclass
class VersionDiff:
    title: str
    old: Document
    new: Document
    changes: list[ArticleChange]

    @property
    def counts(self) -> dict[str, int]:
        counts = {k: 0 for k in ("added", "removed", "changed", "moved", "unchanged")}
        for change in self.changes:
            counts[change.kind] += 1
        return counts

    def to_record(self, include_unchanged: bool = False) -> dict:
        return {
            "law": self.title,
            "from": {"version_date": self.old.version_date, "effective_date": self.old.effective_date, "document_id": self.old.id},
            "to": {"version_date": self.new.version_date, "effective_date": self.new.effective_date, "document_id": self.new.id},
            "counts": self.counts,
            "changes": [c.to_record() for c in self.changes if include_unchanged or c.kind != "unchanged"],
        }


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def char_ops(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level differences as (equal|delete|insert, text) runs."""
    ops = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", old[i1:i2]))
        else:
            if i2 > i1:
                ops.append(("delete", old[i1:i2]))
            if j2 > j1:
                ops.append(("insert", new[j1:j2]))
    return ops


def _pair(old: Clause, new: Clause, similarity: float) -> ArticleChange:
    if old.text == new.text:
        kind = "unchanged" if (old.article, old.article_suffix) == (new.article, new.article_suffix) else "moved"
        return ArticleChange(kind, old, new, 1.0)
    ratio = difflib.SequenceMatcher(None, old.text, new.text, autojunk=False).ratio()
    return ArticleChange("changed", old, new, ratio, char_ops(old.text, new.text))


def diff_documents(store, old: Document, new: Document) -> VersionDiff:
    old_articles = store.clauses(old.id, kinds=("article",))
    new_articles = store.clauses(new.id, kinds=("article",))
    grams_old = {c.id: _bigrams(c.text) for c in old_articles}
    grams_new = {c.id: _bigrams(c.text) for c in new_articles}
    pairs: dict[int, tuple[Clause, float]] = {}      # old clause id -> (new clause, similarity)
    used: set[int] = set()
    candidates = []
    for o in old_articles:
        for n in new_articles:
            similarity = _jaccard(grams_old[o.id], grams_new[n.id])
            same = (o.article, o.article_suffix) == (n.article, n.article_suffix)
            if similarity >= (SAME_NUMBER_MIN if same else BY_TEXT_MIN):
                candidates.append((similarity + (SAME_NUMBER_BONUS if same else 0.0), o.order, n.order, o, n, similarity))
    candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, _, _, old_clause, new_clause, similarity in candidates:
        if old_clause.id in pairs or new_clause.id in used:
            continue
        pairs[old_clause.id] = (new_clause, similarity)
        used.add(new_clause.id)
    changes = []
    for clause in old_articles:
        if clause.id in pairs:
            other, similarity = pairs[clause.id]
            change = _pair(clause, other, similarity)
            if change.kind == "changed" and (clause.article, clause.article_suffix) != (other.article, other.article_suffix):
                change.kind = "moved" if change.similarity > 0.98 else "changed"
            changes.append(change)
        else:
            changes.append(ArticleChange("removed", clause, None, 0.0, [("delete", clause.text)]))
    for clause in new_articles:
        if clause.id not in used:
            changes.append(ArticleChange("added", None, clause, 0.0, [("insert", clause.text)]))
    changes.sort(key=lambda c: (c.new.order if c.new else (c.old.order if c.old else 0), 0 if c.old else 1))
    return VersionDiff(old.title, old, new, changes)


def _pick(versions: list[Document], day: str | None, default: Document, title: str) -> Document:
    if not day:
        return default
    for doc in versions:
        if day in (doc.version_date, doc.effective_date, doc.promulgation_date) or str(doc.id) == day:
            return doc
    started = [d for d in versions if (d.effective_date or d.version_date or "") <= day]
    if started:
        return started[-1]
    listing = "、".join(f"{d.version_date or d.effective_date}" for d in versions)
    raise NotFoundError(f"《{title}》 has no version on or before {day} (versions: {listing})",
                        zh=f"《{title}》在{day}及以前没有版本（已收录：{listing}）")


def versions_of(corpus, name: str) -> tuple[str, list[Document]]:
    titles = corpus.law_names.resolve(name)
    if not titles:
        suggestions = corpus.law_names.suggest(name)
        hint = f"; closest: {'、'.join(suggestions[:3])}" if suggestions else ""
        hint_zh = f"；相近的有：{'、'.join(suggestions[:3])}" if suggestions else ""
        raise NotFoundError(f"no law called {name!r} in the store{hint}", zh=f"法规库中没有“{name}”{hint_zh}")
    if len(titles) > 1:
        raise QueryError(f"{name} may mean {'、'.join(titles)}; give the full title",
                         zh=f"“{name}”可能指{'、'.join(titles)}，请写全称")
    return titles[0], corpus.store.versions(titles[0])


def diff_law(corpus, name: str, from_day: str | None = None, to_day: str | None = None) -> VersionDiff:
    """Diff of a law between the versions in force on (or dated) from_day and to_day.

    Defaults: the oldest and the newest stored version.
    """
    title, versions = versions_of(corpus, name)
    if len(versions) < 2 and not (from_day and to_day):
        raise NotFoundError(f"《{title}》 has only one stored version; nothing to compare",
                            zh=f"《{title}》只收录了一个版本，无可比较")
    old = _pick(versions, from_day, versions[0], title)
    new = _pick(versions, to_day, versions[-1], title)
    if old.id == new.id:
        raise QueryError(f"--from and --to give the same version of 《{title}》 ({old.version_date})",
                         zh=f"起止日期对应《{title}》的同一个版本（{old.version_date}）")
    return diff_documents(corpus.store, old, new)
