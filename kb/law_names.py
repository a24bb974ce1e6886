"""Law titles, short titles and abbreviations: which document does a name in a query mean?"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kb.clause import short_title_of
from kb.errors import NotFoundError

ALIASES_FILE = Path(__file__).resolve().parent.parent / "corpus" / "law_aliases.tsv"
_TRIM = re.compile(r"[（(](?:\d{4}年)?(?:修正|修订|试行|草案)?[）)]$")


@lru_cache(maxsize=1)
def curated_aliases() -> dict[str, str]:
    """alias -> full title, from corpus/law_aliases.tsv."""
    table: dict[str, str] = {}
    path = ALIASES_FILE
    if not path.exists():  # installed without the corpus folder
        try:
            path = Path(str(resources.files("corpus") / "law_aliases.tsv"))
        except (ModuleNotFoundError, TypeError):
            return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, _, title = line.partition("\t")
        if title.strip():
            table[alias.strip()] = title.strip()
    return table


def derived_aliases(title: str) -> set[str]:
    """Names staff use for a title without a curated entry: short title, 《》-less forms, 污染防治法 -> 法."""
    names = {title}
    short = short_title_of(title)
    names.add(short)
    trimmed = _TRIM.sub("", short)
    names.add(trimmed)
    if trimmed.endswith("污染防治法") and len(trimmed) > 5:
        names.add(trimmed[: -len("污染防治法")] + "法")
    return {n for n in names if len(n) >= 2}


class LawNameIndex:
    """Resolve a law name (full title, short title, abbreviation) to stored titles."""

    def __init__(self, titles: list[str]):
        self.titles = sorted(set(titles))
        self.by_name: dict[str, set[str]] = {}
        present = set(self.titles)
        for title in self.titles:
            for name in derived_aliases(title):
                self.by_name.setdefault(name, set()).add(title)
        for alias, title in curated_aliases().items():
            if title in present:
                self.by_name.setdefault(alias, set()).add(title)
        # longest names first, so a regex alternation prefers 环境保护税法 over 环境保护法
        self.names = sorted(self.by_name, key=len, reverse=True)

    def resolve(self, name: str) -> list[str]:
        """Titles a name means ([] when unknown; several when ambiguous)."""
        name = name.strip().strip("《》<>〈〉")
        if name in self.by_name:
            return sorted(self.by_name[name])
        if not name.startswith("中华人民共和国") and f"中华人民共和国{name}" in self.by_name:
            return sorted(self.by_name[f"中华人民共和国{name}"])
        return []

    def titles_for(self, names: list[str]) -> list[str]:
        """Titles of every name given (a --law filter); NotFoundError with suggestions for an unknown one."""
        titles: list[str] = []
        for name in names:
            found = self.resolve(name)
            if not found:
                suggestions = self.suggest(name)
                hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
                hint_zh = f"；您是不是要找：{'、'.join(suggestions[:3])}" if suggestions else ""
                raise NotFoundError(f"no law called {name!r} in the store{hint}", zh=f"法规库中没有“{name}”{hint_zh}")
            titles.extend(found)
        return titles

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Titles closest to an unknown name, by shared characters."""
        name = name.strip("《》")
        if not name:
            return []
        chars = set(name)
        scored = []
        for title in self.titles:
            short = short_title_of(title)
            overlap = len(chars & set(short)) / max(len(chars | set(short)), 1)
            if name in title:
                overlap += 1
            scored.append((overlap, title))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [title for score, title in scored[:limit] if score > 0.2]

    def user_words(self) -> list[str]:
        """Names to add to the tokenizer dictionary."""
        return [n for n in self.names if len(n) >= 3]
