"""Reading a draft: DOCX and PDF built in code, a scanned PDF, bad files."""

import io

import pytest

from ingest.errors import CorruptFileError, NoTextLayerError, UnsupportedFormatError
from kb.cite.check import check_draft
from ingest.draft import read_draft, read_draft_bytes
from tests.cite.drafts import DRAFTS


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "处罚依据"
    table.rows[0].cells[1].text = "环保法第五十九条"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 11)
    for index, line in enumerate(lines):
        pdf.drawString(40, 800 - 16 * index, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scanned_pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_docx_draft_is_checked(cite_corpus):
    draft = read_draft_bytes(docx_bytes(DRAFTS[0].text), "决定书.docx")
    assert draft.kind == "docx" and "处罚依据\t环保法第五十九条" in draft.text
    report = check_draft(cite_corpus, draft)
    assert report.as_of == "2026-09-03"
    assert [r.extracted.text for r in report.results][-1] == "环保法第五十九条"
    assert [r.verdict for r in report.results] == [e[1] for e in DRAFTS[0].expected] + ["not_in_force"]


def test_pdf_draft_is_checked(cite_corpus):
    draft = read_draft_bytes(pdf_bytes(["依据《中华人民共和国行政处罚法》第二十八条第一款的规定", "2026年9月3日"]), "x.pdf")
    report = check_draft(cite_corpus, draft)
    assert [(r.extracted.text, r.verdict) for r in report.results] == [
        ("《中华人民共和国行政处罚法》第二十八条第一款", "ok")]
    assert report.as_of == "2026-09-03"


def test_scanned_pdf_needs_a_text_layer():
    with pytest.raises(NoTextLayerError, match="needs a text layer"):
        read_draft_bytes(scanned_pdf_bytes(), "scan.pdf")


def test_bad_files(tmp_path):
    with pytest.raises(CorruptFileError):
        read_draft_bytes(b"PK\x03\x04 not really a zip", "x.docx")
    with pytest.raises(UnsupportedFormatError, match="docx"):
        read_draft_bytes(b"\xd0\xcf\x11\xe0", "old.doc")
    path = tmp_path / "gbk.txt"
    path.write_bytes("依据环保法第五十九条".encode("gb18030"))
    assert read_draft(path).text == "依据环保法第五十九条"


def test_docx_tables_stay_in_document_order():
    import docx

    document = docx.Document()
    document.add_paragraph("依据如下：")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "依据"
    table.rows[0].cells[1].text = "行政处罚法第二十八条"
    document.add_paragraph("二〇二六年九月三日")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_draft_bytes(buffer.getvalue(), "d.docx").text == "依据如下：\n依据\t行政处罚法第二十八条\n二〇二六年九月三日"
