"""Ingest-then-index: the one sequence behind `lawkb ingest` and the admin import page."""

from __future__ import annotations

import json

import pytest

import ingest.service as service
from kb.corpus import Corpus
from kb.search.query import run_search
from tests.ingest.sample_files import SAMPLE_MARKDOWN


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "files" / "某某市生态环境保护条例.md"
    good.parent.mkdir()
    good.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    empty = tmp_path / "files" / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return good, empty


def test_new_corpus_is_created_ingested_and_indexed(tmp_path, files, monkeypatch):
    monkeypatch.setenv("LAWKB_EMBED_DIM", "8")
    corpus = Corpus(tmp_path / "corpus")
    good, empty = files
    outcome = service.ingest_and_index(corpus, [good, empty])
    assert [f.outcome for f in outcome.report.files] == ["added", "failed"]
    failed = outcome.report.files[1]
    assert "empty.txt" in failed.error and failed.error_zh.startswith("empty.txt：")
    assert outcome.changed and outcome.indexed and outcome.manifest["rows"] == corpus.store.counts()["articles"]
    hits = run_search(corpus, "排污许可证", top_k=3).hits
    assert hits and "排污许可证" in hits[0].clause.text
    again = service.ingest_and_index(corpus, [good])
    assert [f.outcome for f in again.report.files] == ["unchanged"]
    assert not again.changed and not again.indexed and again.manifest is None


def test_index_false_and_a_missing_index_and_another_builder(tmp_path, files):
    corpus = Corpus(tmp_path / "corpus")
    good, _ = files
    outcome = service.ingest_and_index(corpus, [good], index=False)
    assert outcome.changed and not outcome.indexed and not (corpus.index_dir / "manifest.json").exists()
    started = []
    later = service.ingest_and_index(corpus, [good], build=lambda c, progress: started.append(c.dir))
    assert not later.changed and later.indexed and started == [corpus.dir]  # unchanged, but no index yet


def test_a_parser_bug_fails_its_file_only(tmp_path, files, monkeypatch):
    import ingest.markdown

    corpus = Corpus(tmp_path / "corpus")
    good, _ = files
    other = good.with_name("other.txt")
    other.write_text(SAMPLE_MARKDOWN.replace("# 某某市生态环境保护条例", "某某县生态环境保护条例"), encoding="utf-8")

    def broken(path, counts=None):
        raise TypeError("bug in the parser")

    monkeypatch.setattr(ingest.markdown, "parse", broken)
    outcome = service.ingest_and_index(corpus, [good, other], index=False)
    assert [(f.outcome, f.reason) for f in outcome.report.files] == [("failed", "internal error"), ("added", None)]
    assert "TypeError" in outcome.report.files[0].error and "导入出错" in outcome.report.files[0].error_zh
    assert corpus.store.titles() == ["某某县生态环境保护条例"]


def test_the_command_and_the_admin_page_run_this_sequence(tmp_path, files, monkeypatch, capsys):
    import webapp.admin.uploads as uploads
    from lawkb import main

    calls = []
    real = service.ingest_and_index

    def spy(corpus, paths, **kwargs):
        calls.append(sorted(p.name for p in map(__import__("pathlib").Path, paths)))
        return real(corpus, paths, **kwargs)

    monkeypatch.setattr("lawkb.ingest_command.ingest_and_index", spy)
    monkeypatch.setattr(uploads, "ingest_and_index", spy)
    good, _ = files
    home = tmp_path / "home"
    assert main(["--home", str(home), "ingest", "--no-index", "--json", str(good)]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["outcome"] == "added"

    class Upload:
        filename = "某某县条例.md"

        def __init__(self):
            import io

            self.stream = io.BytesIO(SAMPLE_MARKDOWN.replace("某某市", "某某县").encode())

        def save(self, path):
            path.write_bytes(self.stream.getvalue())

    built = []
    results, outcome = uploads.import_uploads(Corpus(home / "corpora" / "default"), [Upload()],
                                              build=lambda corpus, progress: built.append(corpus.dir))
    assert [(r.name, r.outcome) for r in results] == [("某某县条例.md", "added")] and built
    assert calls == [[good.name], ["某某县条例.md"]]
