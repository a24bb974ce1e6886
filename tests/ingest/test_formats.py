"""The file parsers: bad inputs give one-line typed errors naming the file; every format parses a
regulation to the same clauses; batches go on past bad files; re-ingesting is idempotent."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest

from ingest import docx as docx_parser
from ingest import markdown, pdf, text
from ingest.errors import (CorruptFileError, EmptyDocumentError, EncodingError, EncryptedPDFError,
                           NoArticlesError, NoTextLayerError, UnsupportedFormatError)
from ingest.pipeline import IngestOptions, ingest_paths, parser_for
from kb.store import ClauseStore
from tests.ingest.sample_files import SAMPLE_MARKDOWN, write_docx, write_pdf, write_text, write_typeset_pdf

PARSERS = {".md": markdown, ".txt": text, ".docx": docx_parser, ".pdf": pdf}


def key(clause):
    return clause.kind, clause.article, clause.article_suffix, clause.label, clause.path, clause.text


def one_line_naming(exc: Exception, path: Path) -> str:
    message = str(exc)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


@pytest.fixture
def sample_md(tmp_path) -> Path:
    path = tmp_path / "某某市生态环境保护条例(2019-03-02).md"
    path.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    return path


# -- bad inputs --------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx", ".pdf"])
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocumentError) as info:
        list(PARSERS[suffix].parse(path))
    assert "empty" in one_line_naming(info.value, path)


def test_whitespace_only_markdown_is_empty(tmp_path):
    path = tmp_path / "blank.md"
    path.write_text("\n  \n\u3000\n", encoding="utf-8")
    with pytest.raises(EmptyDocumentError):
        list(markdown.parse(path))


def test_unknown_extension(tmp_path):
    path = tmp_path / "law.rtf"
    with pytest.raises(UnsupportedFormatError) as info:
        parser_for(path)
    message = one_line_naming(info.value, path)
    assert ".rtf" in message and ".docx" in message


def test_markdown_without_articles(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# 会议纪要\n\n今天讨论了执法检查安排。\n", encoding="utf-8")
    with pytest.raises(NoArticlesError) as info:
        list(markdown.parse(path))
    assert "no articles" in one_line_naming(info.value, path)


def test_undecodable_text_names_file_and_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("某某条例\n第一条 甲。\n".encode("utf-8") + b"\xff\xfe\xfa\xfb\x80\x81garbage")
    with pytest.raises(EncodingError) as info:
        list(text.parse(path))
    message = one_line_naming(info.value, path)
    assert re.match(rf"^{re.escape(str(path))}:3: ", message) and "UTF-8" in message


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(EncodingError, match="binary file"):
        list(text.parse(path))


def test_gbk_and_gb18030_text_detected(tmp_path):
    for encoding in ("gbk", "gb18030", "utf-8-sig"):
        path = write_text(SAMPLE_MARKDOWN, tmp_path / f"某某市生态环境保护条例-{encoding}.txt", encoding)
        clauses = list(text.parse(path))
        assert [c.article_label for c in clauses if c.kind == "article"][:4] == ["第一条", "第二条", "第三条", "第三条之一"]


def test_corrupt_docx(tmp_path):
    path = tmp_path / "damaged.docx"
    path.write_bytes(b"PK\x03\x04 this zip is cut short")
    with pytest.raises(CorruptFileError) as info:
        list(docx_parser.parse(path))
    assert "DOCX" in one_line_naming(info.value, path)


def test_encrypted_pdf(tmp_path, sample_md):
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(SAMPLE_MARKDOWN, tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedPDFError) as info:
        list(pdf.parse(path))
    assert "password-protected" in one_line_naming(info.value, path)


def _image_pdf(path: Path, text_pages: int = 0) -> Path:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, format="PNG")
    buffer.seek(0)
    pdf_canvas = canvas.Canvas(str(path))
    for _ in range(text_pages):
        pdf_canvas.setFont("STSong-Light", 12)
        pdf_canvas.drawString(72, 700, "某某条例")
        pdf_canvas.drawString(72, 680, "第一条 为了保护环境，制定本条例。")
        pdf_canvas.showPage()
    for _ in range(2):
        pdf_canvas.drawImage(ImageReader(buffer), 72, 400, 300, 200)
        pdf_canvas.showPage()
    pdf_canvas.save()
    return path


def test_image_only_pdf(tmp_path):
    path = _image_pdf(tmp_path / "scanned.pdf")
    with pytest.raises(NoTextLayerError) as info:
        list(pdf.parse(path))
    message = one_line_naming(info.value, path)
    assert "pages 1-2" in message and "OCR is not supported yet" in message


def test_pdf_with_some_scanned_pages_names_them(tmp_path):
    path = _image_pdf(tmp_path / "mixed.pdf", text_pages=1)
    with pytest.raises(NoTextLayerError, match="pages 2-3"):
        list(pdf.parse(path))


@pytest.mark.parametrize("content", [b"%PDF-1.4\nnot really a pdf\n", b"\x00\x01binary junk"])
def test_broken_pdf(tmp_path, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(CorruptFileError) as info:
        list(pdf.parse(path))
    assert "PDF" in one_line_naming(info.value, path)


def test_truncated_pdf(tmp_path):
    whole = write_pdf(SAMPLE_MARKDOWN, tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(CorruptFileError):
        list(pdf.parse(path))


# -- every format gives the same clauses ------------------------------------------------------

def assert_same_clauses(expected, got):
    assert [key(c) for c in got] == [key(c) for c in expected]


def test_round_trip_markdown_docx_pdf_text(tmp_path, sample_md):
    expected = list(markdown.parse(sample_md))
    articles = [c for c in expected if c.kind == "article"]
    assert [c.article_label for c in articles] == ["第一条", "第二条", "第三条", "第三条之一", "第四条", "第五条", "第六条", "第七条"]
    assert articles[4].path == ("第二章 监督管理", "第二节 现场检查")
    assert [len(p.items) for p in articles[4].paragraphs()] == [3, 0]
    assert expected[-1].kind == "appendix"
    pdf_path = write_pdf(SAMPLE_MARKDOWN, tmp_path / "某某市生态环境保护条例.pdf")
    (tmp_path / "typeset").mkdir()
    from pypdf import PdfReader

    assert len(PdfReader(pdf_path).pages) >= 3
    for path in (write_docx(SAMPLE_MARKDOWN, tmp_path / "某某市生态环境保护条例.docx"), pdf_path,
                 write_typeset_pdf(SAMPLE_MARKDOWN, tmp_path / "typeset" / "某某市生态环境保护条例.pdf"),
                 write_text(SAMPLE_MARKDOWN, tmp_path / "某某市生态环境保护条例.txt", "gbk")):
        counts = Counter()
        got = list(PARSERS[path.suffix].parse(path, counts=counts))
        assert_same_clauses(expected, got)
        document = got[0].document
        assert (document.title, document.level, document.promulgation_date, document.effective_date) == (
            "某某市生态环境保护条例", "地方性法规", "2019-03-02", "2019-05-01")
        if path == pdf_path:
            assert counts["page_headers_and_numbers_removed"] >= 6  # running header and '- N -' footer on every page
            assert counts["joined_breaks"] > 0


@pytest.mark.slow
def test_round_trip_shared_regulations(tmp_path, shared_data):
    """Every development regulation, written to DOCX and to two kinds of multi-page PDF, parses as its Markdown does."""
    files = sorted((shared_data / "regulations").glob("*/*.md"))
    assert len(files) == 63
    (tmp_path / "typeset").mkdir()
    for source in files:
        expected = list(markdown.parse(source))
        body = source.read_text(encoding="utf-8")
        for path in (write_docx(body, tmp_path / f"{source.stem}.docx"), write_pdf(body, tmp_path / f"{source.stem}.pdf"),
                     write_typeset_pdf(body, tmp_path / "typeset" / f"{source.stem}.pdf")):
            assert_same_clauses(expected, list(PARSERS[path.suffix].parse(path)))


@pytest.mark.parametrize("footer", ["第 {page} 页", "{page}", "第{page}页 共9页", "{page}/9"])
def test_pdf_page_numbers_removed(tmp_path, sample_md, footer):
    path = write_pdf(SAMPLE_MARKDOWN, tmp_path / "某某市生态环境保护条例.pdf", running_header="", footer=footer)
    assert_same_clauses(list(markdown.parse(sample_md)), list(pdf.parse(path)))


def test_pdf_with_owner_password_only_opens(tmp_path, sample_md):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(write_pdf(SAMPLE_MARKDOWN, tmp_path / "plain.pdf")))
    writer.encrypt(user_password="", owner_password="owner")
    path = tmp_path / "某某市生态环境保护条例.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    assert_same_clauses(list(markdown.parse(sample_md)), list(pdf.parse(path)))


def test_docx_table_after_the_articles_is_kept_in_the_appendix(tmp_path):
    from docx import Document

    document = Document()
    for text in ("某某办法", "第一条　为了规范管理，制定本办法。", "第二条　本办法自公布之日起施行。", "附表：限值"):
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, (("污染物", "限值"), ("二氧化硫", "50"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    path = tmp_path / "某某办法.docx"
    document.save(str(path))
    clauses = list(docx_parser.parse(path))
    assert [c.kind for c in clauses] == ["article", "article", "appendix"]
    assert clauses[-1].text == "附表：限值\n污染物|限值\n二氧化硫|50"


# -- through the pipeline ----------------------------------------------------------------------

def test_batch_goes_on_past_a_broken_file(tmp_path, sample_md):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / sample_md.name).write_bytes(sample_md.read_bytes())
    write_docx(SAMPLE_MARKDOWN.replace("某某市", "另一市"), folder / "另一市生态环境保护条例.docx")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\ncut short")
    (folder / "empty.txt").write_bytes(b"")
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, [folder])
    outcomes = {Path(f.path).name: (f.outcome, f.reason) for f in report.files}
    assert outcomes == {"某某市生态环境保护条例(2019-03-02).md": ("added", None),
                        "另一市生态环境保护条例.docx": ("added", None),
                        "broken.pdf": ("failed", "corrupt"), "empty.txt": ("failed", "empty")}
    assert store.counts()["documents"] == 2
    summary = report.summary()
    assert summary.startswith("2 file(s) ingested (2 added; 2 documents, 16 articles), 2 failed")
    assert "1 corrupt" in summary and "1 empty" in summary
    assert all(f.error.startswith(f.path) for f in report.failed)


def test_reingest_is_idempotent_and_new_version_is_added(tmp_path, sample_md):
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    assert ingest_paths(store, [sample_md]).files[0].outcome == "added"
    assert ingest_paths(store, [sample_md]).files[0].outcome == "unchanged"
    assert store.counts()["documents"] == 1
    amended = tmp_path / "某某市生态环境保护条例(2023-06-01).md"
    amended.write_text(SAMPLE_MARKDOWN.replace("二十万元以上一百万元以下", "十万元以上一百万元以下"), encoding="utf-8")
    result = ingest_paths(store, [amended]).files[0]
    assert result.outcome == "new_version"
    versions = store.versions("某某市生态环境保护条例")
    assert [v.version_date for v in versions] == ["2019-03-02", "2023-06-01"]


def test_official_docx_replaces_damaged_version(tmp_path, sample_md):
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    damaged = tmp_path / "damaged" / sample_md.name
    damaged.parent.mkdir()
    damaged.write_text(SAMPLE_MARKDOWN.replace("第六条 ", "").replace("第七条", "第六条"), encoding="utf-8")
    ingest_paths(store, [damaged])
    (old,) = store.documents()
    assert len(store.clauses(old.id, kinds=("article",))) == 7
    official = write_docx(SAMPLE_MARKDOWN, tmp_path / "某某市生态环境保护条例(2019-03-02).docx")
    report = ingest_paths(store, [official])
    assert report.files[0].outcome == "replaced"
    (new,) = store.documents()
    assert new.source == str(official)
    assert len(store.clauses(new.id, kinds=("article",))) == 8


def test_out_of_order_articles_are_ingested_and_reported(tmp_path):
    path = tmp_path / "乱序办法.md"
    path.write_text("# 乱序办法\n\n第一条 甲。\n\n第三条 丙。\n\n第二条 乙。\n", encoding="utf-8")
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    report = ingest_paths(store, [path])
    assert report.files[0].articles == 3
    assert any("out of order" in w for w in report.files[0].warnings)


def test_short_single_page_pdf(tmp_path):
    source = "# 某某办法\n\n第一条 为了规范管理，制定本办法。\n\n第二条 本办法自公布之日起施行。\n"
    path = write_pdf(source, tmp_path / "某某办法.pdf", running_header="", footer="")
    clauses = list(pdf.parse(path))
    assert [(c.article_label, c.text) for c in clauses] == [
        ("第一条", "为了规范管理，制定本办法。"), ("第二条", "本办法自公布之日起施行。")]
    assert clauses[0].document.title == "某某办法"


def test_flk_docx_of_the_code_replaces_the_database_version(tmp_path):
    """The doctor's advice for a damaged laws.db text: import the official DOCX of the same version."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tests.corpus_builders import SMALL_LAWS

    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    for document, clauses in SMALL_LAWS:
        store.add_document(document, clauses)
    docx_file = Document()
    paragraphs = ["中华人民共和国生态环境法典", "（2026年3月12日第十四届全国人民代表大会第四次会议通过）", "目　　录",
                  "第一编　总　　则", "第一章　基本规定", "第三编　附　　则", "第一编　总　　则", "第一章　基本规定",
                  "第一条　为了保护和改善生态环境，制定本法。",
                  "第二条　企业事业单位和其他生产经营者违法排放污染物，受到罚款处罚，被责令改正，拒不改正的，"
                  "可以自责令改正之日的次日起，按照原处罚数额按日连续处罚。",
                  "第三编　附　　则", "第三条　本法自2026年8月15日起施行。"]
    for text in paragraphs:
        paragraph = docx_file.add_paragraph(text)
        if not text.startswith("第") or "条" not in text[:8]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path = tmp_path / "中华人民共和国生态环境法典.docx"
    docx_file.save(str(path))
    report = ingest_paths(store, [path])
    # the same articles, worded otherwise: kept beside the stored text until the user says --replace
    assert report.files[0].outcome == "conflict" and "--replace" in report.files[0].details[0]
    (code,) = store.versions("中华人民共和国生态环境法典")
    assert code.source == "test"
    report = ingest_paths(store, [path], options=IngestOptions(replace=True))
    assert report.files[0].outcome == "replaced"
    (code,) = store.versions("中华人民共和国生态环境法典")
    assert (code.source, code.level, code.version_date) == (str(path), "法律", "2026-03-12")
    clauses = store.clauses(code.id)
    assert [c.path for c in clauses] == [("第一编 总则", "第一章 基本规定")] * 2 + [("第三编 附则",)]


def test_markdown_keeps_angle_bracketed_titles(tmp_path):
    """LawRefBook writes inner titles as <…>: text, not HTML, so never dropped (only real tags are)."""
    path = tmp_path / "某某规定.md"
    path.write_text("# 某某规定\n\n第一条 《公安部关于修改<机动车驾驶证申领和使用规定>的决定》同时废止。<br/>\n", encoding="utf-8")
    [clause] = list(markdown.parse(path))
    assert clause.text == "《公安部关于修改<机动车驾驶证申领和使用规定>的决定》同时废止。"
