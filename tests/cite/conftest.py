"""A corpus for the legal-review tests: 行政处罚法, 环保法/大气法/水污法 (repealed by the Code), 水法, the Code."""

import pytest

from tests.cite.drafts import cite_laws
from tests.corpus_builders import build_corpus


@pytest.fixture(scope="session")
def cite_corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("cite") / "corpus", cite_laws())
