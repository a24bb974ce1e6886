"""The quiz as a Word paper (python-docx): questions, then the answer key on new pages."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from kb.quiz.paper import NAME_LINE, Paper, answer_heading

FONT = "宋体"
HEADING_FONT = "黑体"


def _run(paragraph, text: str, size: float = 11, bold: bool = False, font: str = FONT):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _para(doc, text: str = "", size: float = 11, bold: bool = False, center: bool = False, font: str = FONT,
          indent: float = 0, space_after: float = 2):
    paragraph = doc.add_paragraph()
    if text:
        _run(paragraph, text, size, bold, font)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.left_indent = Pt(indent)
    return paragraph


def write_docx(paper: Paper, path: str | Path) -> Path:
    path = Path(path)
    doc = WordDocument()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _para(doc, paper.title, 18, True, center=True, font=HEADING_FONT, space_after=6)
    if paper.subtitle:
        _para(doc, paper.subtitle, 11, center=True, space_after=6)
    _para(doc, NAME_LINE, 11, center=True, space_after=4)
    _para(doc, paper.time_line, 11, center=True, space_after=8)
    _para(doc, "注意事项：", 10.5, True, space_after=2).paragraph_format.keep_with_next = True
    for number, note in enumerate(paper.notes, 1):
        _para(doc, f"{number}. {note}", 10, indent=14, space_after=0)
    _para(doc, "", 6, space_after=4)
    for section in paper.sections:
        heading = _para(doc, section.heading, 12, True, font=HEADING_FONT, space_after=6)
        heading.paragraph_format.keep_with_next = True   # never alone at a page foot
        for item in section.items:
            stem = _para(doc, f"{item.number}. {item.stem}", 11, space_after=2)
            stem.paragraph_format.keep_with_next = bool(item.options)
            for index, option in enumerate(item.options):
                line = _para(doc, option, 11, indent=21, space_after=0)
                line.paragraph_format.keep_with_next = index + 1 < len(item.options)
            _para(doc, "", 6, space_after=4)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, f"{paper.title}　参考答案及解析", 16, True, center=True, font=HEADING_FONT, space_after=10)
    for section in paper.sections:
        _para(doc, answer_heading(section), 12, True, font=HEADING_FONT, space_after=6).paragraph_format.keep_with_next = True
        for item in section.items:
            line = _para(doc, "", 11, space_after=1)
            _run(line, f"{item.number}. 答案：{item.answer}", 11, True)
            _para(doc, f"解析：{item.explanation}", 10, indent=14, space_after=6)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
