"""issue 12: one bad file can neither stall an import nor abort a batch.

A DOCX bomb (1.5M paragraphs in 0.4 MB) is refused in about a second with a clear message instead
of being parsed for minutes and stored as a law; a PDF whose page list has 200,000 entries, a file
name that is not UTF-8 and a parser that crashes each become one FAILED line, and the batch goes
on to the files after them and prints its summary.
"""

from __future__ import annotations

import os
import time

import pytest

from ingest import pipeline
from ingest.errors import CorruptFileError, TooLargeError
from ingest.pipeline import ingest_paths
from kb.store import ClauseStore
from lawkb import main as lawkb
from tests.bombs import docx_bomb, pdf_page_list_bomb
from tests.ingest.sample_files import SAMPLE_MARKDOWN, write_docx, write_pdf


def test_the_docx_bomb_is_refused_quickly_by_lawkb_ingest(tmp_path, capsys):
    bomb = tmp_path / "某某条例.docx"
    bomb.write_bytes(docx_bomb(1_500_000))
    assert bomb.stat().st_size < 1_000_000
    started = time.perf_counter()
    code = lawkb(["-q", "--home", str(tmp_path / "home"), "ingest", "--no-index", str(bomb)])
    elapsed = time.perf_counter() - started
    err = capsys.readouterr()
    assert code == 1 and elapsed < 15
    assert f"FAILED {bomb}: the file holds more than 50,000 paragraphs (LAWKB_MAX_PARAGRAPHS)" in err.err
    assert "0 file(s) ingested" in err.out and "1 failed (1 too large)" in err.out
    store = ClauseStore(tmp_path / "home" / "corpora" / "default" / "store.sqlite")
    assert store.counts()["documents"] == 0


def test_the_paragraph_limit_is_a_setting(tmp_path, monkeypatch):
    small = tmp_path / "small.docx"
    write_docx(SAMPLE_MARKDOWN, small)
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    monkeypatch.setenv("LAWKB_MAX_PARAGRAPHS", "5")
    result = ingest_paths(store, [small]).files[0]
    assert result.outcome == "failed" and result.reason == "too large" and "more than 5 paragraphs" in result.error
    monkeypatch.setenv("LAWKB_MAX_PARAGRAPHS", "50000")
    assert ingest_paths(store, [small]).files[0].outcome == "added"


def test_a_docx_that_unpacks_too_big_is_refused(tmp_path, monkeypatch):
    import zipfile

    from ingest.limits import check_docx_package

    bomb = tmp_path / "b.docx"
    bomb.write_bytes(docx_bomb(40_000))  # ~2.8 MB of XML, under the paragraph limit
    monkeypatch.setenv("LAWKB_MAX_UNZIPPED_MB", "4")
    with pytest.raises(TooLargeError, match="text parts unpack to 3 MiB; the limit is 1 MiB"):
        check_docx_package(bomb, bomb)
    media = tmp_path / "m.docx"
    write_docx(SAMPLE_MARKDOWN, media)
    with zipfile.ZipFile(media, "a") as archive:  # 5 MB of zeros: a few KB zipped
        archive.writestr("word/media/image1.png", b"\0" * (5 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    with pytest.raises(TooLargeError, match=r"the DOCX unpacks to [56] MiB; the limit is 4 MiB"):
        check_docx_package(media, media)
    monkeypatch.setenv("LAWKB_MAX_UNZIPPED_MB", "100")
    check_docx_package(media, media)


def test_large_text_and_pdf_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWKB_MAX_UPLOAD_MB", "1")
    big = tmp_path / "big.md"
    big.write_text(SAMPLE_MARKDOWN + "\n" + "附件 " * 400_000, encoding="utf-8")
    monkeypatch.setenv("LAWKB_MAX_PDF_PAGES", "2")
    long_pdf = write_pdf(SAMPLE_MARKDOWN, tmp_path / "long.pdf", lines_per_page=6)
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, [big, long_pdf])
    assert [f.reason for f in report.files] == ["too large", "too large"]
    assert "the limit is 1 MiB (LAWKB_MAX_UPLOAD_MB)" in report.files[0].error
    assert "the limit is 2 (LAWKB_MAX_PDF_PAGES)" in report.files[1].error


def test_a_pdf_with_a_200000_entry_page_list_is_one_failed_line(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf_page_list_bomb(200_000))
    from ingest import pdf

    with pytest.raises(CorruptFileError, match="safety limits"):
        list(pdf.parse(path))


@pytest.mark.skipif(os.name != "posix", reason="byte file names are a POSIX thing")
def test_the_batch_goes_on_past_every_bad_file_and_prints_its_summary(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-pages.pdf").write_bytes(pdf_page_list_bomb(200_000))
    (inbox / "b-bomb.docx").write_bytes(docx_bomb(120_000))
    gbk_name = os.path.join(os.fsencode(inbox), b"c-\xb2\xe2\xca\xd4.md")  # 测试.md in GBK, not UTF-8
    with open(gbk_name, "wb") as handle:
        handle.write(SAMPLE_MARKDOWN.replace("某某市", "乙市").encode("utf-8"))
    (inbox / "d-later.md").write_text(SAMPLE_MARKDOWN.replace("某某市", "丙市"), encoding="utf-8")
    code = lawkb(["-q", "--home", str(tmp_path / "home"), "ingest", "--no-index", str(inbox)])
    out, err = capsys.readouterr()
    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("FAILED ")]
    assert len(failed) == 2 and "a-pages.pdf" in failed[0] and "b-bomb.docx" in failed[1]
    assert "Traceback" not in err
    assert out.startswith("2 file(s) ingested (2 added; 2 documents, 16 articles), 2 failed (1 corrupt, 1 too large)")
    store = ClauseStore(tmp_path / "home" / "corpora" / "default" / "store.sqlite")
    titles = store.titles()
    assert "乙市生态环境保护条例" in titles and "丙市生态环境保护条例" in titles
    sources = [d.source for d in store.documents()]
    assert any("\ufffd" in s for s in sources)  # the undecodable bytes of the name, shown, not a crash


def test_an_unexpected_parser_crash_is_one_failed_line(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_docx(SAMPLE_MARKDOWN, inbox / "a.docx")
    (inbox / "b.md").write_text(SAMPLE_MARKDOWN.replace("某某市", "丙市"), encoding="utf-8")

    def crash(path, counts=None):
        raise RecursionError("maximum recursion depth exceeded")

    import ingest.docx

    monkeypatch.setattr(ingest.docx, "parse", crash)
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, [inbox])
    assert [f.outcome for f in report.files] == ["failed", "added"]
    assert "cannot import this file (RecursionError" in report.files[0].error
    assert report.files[0].error.startswith(str(inbox / "a.docx"))


def test_a_file_that_parses_too_long_is_stopped(tmp_path, monkeypatch):
    from kb.limits import checkpoint

    path = tmp_path / "slow.md"
    path.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    real = pipeline.parser_for(path)

    class Slow:
        @staticmethod
        def parse(p, counts=None):
            for _ in range(100):
                time.sleep(0.02)
                checkpoint()
            return real.parse(p, counts=counts)

    monkeypatch.setattr(pipeline, "parser_for", lambda p: Slow)
    monkeypatch.setenv("LAWKB_INGEST_TIME_LIMIT", "0.3")
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    started = time.perf_counter()
    result = ingest_paths(store, [path]).files[0]
    assert time.perf_counter() - started < 1.5
    assert result.outcome == "failed" and result.reason == "too large"
    assert "longer than 0.3 s (LAWKB_INGEST_TIME_LIMIT)" in result.error
    assert store.counts()["documents"] == 0


def test_a_real_collection_file_is_far_below_the_limits(shared_data, tmp_path):
    """The largest files of the development collection import under the default limits."""
    folder = shared_data / "lawrefbook"
    largest = sorted(folder.rglob("*.md"), key=lambda p: p.stat().st_size)[-2:]
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, largest)
    assert report.failed == [], [f.error for f in report.failed]
    assert all(f.articles > 300 for f in report.files)
