"""The bureau's own laws (the ``ANSWER_HOME_LAWS`` setting): evidence for the search's re-ranker
(kb.search.rerank, feature home_law) and the answer's confidence (kb.answer.articles, kb.answer.scoring).
A city 生态环境局 applies the 生态环境法典 and the administrative procedure laws daily; a deployment sets its
own list; each feature's weight is fitted by cross-validation with the default list.
"""

from __future__ import annotations

import re

from kb.errors import SettingsError
from kb.settings import BY_NAME


def home_laws(corpus) -> frozenset[str]:
    """Full titles of the laws of the ``ANSWER_HOME_LAWS`` setting (short names, comma-separated; none: no law).

    Names of the default list that the corpus lacks are left out; a name set by the user that names
    no law, or several, is a SettingsError.
    """
    value = corpus.setting("ANSWER_HOME_LAWS") or ""
    if value.strip().lower() == "none":
        return frozenset()

    def build():
        user_set = value != BY_NAME["ANSWER_HOME_LAWS"].default
        titles = set()
        for name in (n.strip() for n in re.split(r"[,，、;；]", value)):
            if not name:
                continue
            found = corpus.law_names.resolve(name)
            if len(found) == 1:
                titles.add(found[0])
            elif user_set:
                what = "no law" if not found else f"{len(found)} laws ({'、'.join(found[:3])})"
                raise SettingsError(f"LAWKB_ANSWER_HOME_LAWS: {name!r} names {what} in the corpus; "
                                    "give each law's short or full title, separated by commas")
        return value, frozenset(titles)

    return corpus.cached("answer_home_laws", build, valid=lambda pair: pair[0] == value)[1]
