"""Version diff: alignment by number then text, character-level differences."""

import pytest

from kb.cite.version_diff import diff_law
from kb.errors import NotFoundError
from tests.corpus_builders import build_corpus, make_document

OLD = ["国家实行计划经济。", "公民的合法财产受法律保护。", "人民法院是国家的审判机关。", "人民检察院是国家的法律监督机关。"]
NEW = ["国家实行社会主义市场经济。", "公民的合法的私有财产受法律保护。", "各级监察委员会是国家的监察机关。",
       "人民法院是国家的审判机关。", "人民检察院是国家的法律监督机关。", "国歌是义勇军进行曲。"]


@pytest.fixture
def two_versions(tmp_path):
    laws = [make_document("中华人民共和国宪法", OLD, status="历史版本", effective_date="1982-12-04", version_date="1982-12-04"),
            make_document("中华人民共和国宪法", NEW, effective_date="2018-03-11", version_date="2018-03-11")]
    return build_corpus(tmp_path / "c", laws)


def test_added_changed_moved(two_versions):
    diff = diff_law(two_versions, "宪法", "1982-12-04", "2018-03-11")
    assert [(c.kind, c.old and c.old.article, c.new and c.new.article) for c in diff.changes] == [
        ("changed", 1, 1), ("changed", 2, 2), ("added", None, 3), ("moved", 3, 4), ("moved", 4, 5), ("added", None, 6)]
    first = diff.changes[0]
    assert first.ops == [("equal", "国家实行"), ("delete", "计划"), ("insert", "社会主义市场"), ("equal", "经济。")]
    record = diff.to_record()
    assert record["counts"] == {"added": 2, "removed": 0, "changed": 2, "moved": 2, "unchanged": 0}
    assert record["from"]["version_date"] == "1982-12-04"


def test_defaults_and_errors(two_versions):
    assert diff_law(two_versions, "宪法").counts["added"] == 2
    with pytest.raises(NotFoundError, match="no law"):
        diff_law(two_versions, "不存在法")
    with pytest.raises(NotFoundError, match="no version"):
        diff_law(two_versions, "宪法", "1900-01-01")


@pytest.mark.slow
def test_constitution_1982_2018(national_corpus):
    diff = diff_law(national_corpus, "宪法", "1982-12-04", "2018-03-11")
    added = [c.new.article for c in diff.changes if c.kind == "added"]
    assert set(range(123, 128)) <= set(added)            # 监察委员会 (2018)
    moved = {c.old.article: c.new.article for c in diff.changes if c.kind == "moved"}
    assert moved.get(123) == 128 and moved.get(138) == 143
