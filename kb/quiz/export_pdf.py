"""The quiz as a PDF paper (reportlab): questions, then the answer key on new pages.

Chinese needs a CJK font: a TrueType CJK font when one is installed (embedded, renders anywhere),
else reportlab's built-in CID font STSong-Light (the reader supplies the glyphs).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate

from kb.quiz.paper import NAME_LINE, Paper, answer_heading


def markup(text: str) -> str:
    """Escaped paragraph text; ideographic spaces (the blank in （　　）) kept as visible width."""
    # the CJK CID font has no no-break space: take it from Helvetica
    return escape(text).replace("\u3000", '<font name="Helvetica">&nbsp;&nbsp;&nbsp;&nbsp;</font>')

TTF_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Name of a registered font that has Chinese glyphs."""
    from reportlab.pdfbase.ttfonts import TTFont

    for candidate in TTF_CANDIDATES:
        if Path(candidate).exists():
            try:
                pdfmetrics.registerFont(TTFont("LawKBCJK", candidate, subfontIndex=0))
                return "LawKBCJK"
            except Exception:  # noqa: BLE001 - CFF-outline or broken font: try the next one
                continue
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _styles() -> dict[str, ParagraphStyle]:
    font = cjk_font()
    base = dict(fontName=font, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=6, **base),
        "sub": ParagraphStyle("sub", fontSize=10.5, leading=16, alignment=TA_CENTER, spaceAfter=4, **base),
        "name": ParagraphStyle("name", fontSize=11, leading=18, alignment=TA_CENTER, spaceAfter=10, **base),
        "heading": ParagraphStyle("heading", fontSize=12, leading=18, spaceBefore=8, spaceAfter=4, **base),
        "stem": ParagraphStyle("stem", fontSize=10.5, leading=16, spaceBefore=4, **base),
        "option": ParagraphStyle("option", fontSize=10.5, leading=15, leftIndent=7 * mm, **base),
        "answer": ParagraphStyle("answer", fontSize=10.5, leading=15, spaceBefore=4, **base),
        "explain": ParagraphStyle("explain", fontSize=9.5, leading=14, leftIndent=5 * mm, textColor="#333333", **base),
    }


def write_pdf(paper: Paper, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    st = _styles()
    story = [Paragraph(markup(paper.title), st["title"])]
    if paper.subtitle:
        story.append(Paragraph(markup(paper.subtitle), st["sub"]))
    story.append(Paragraph(markup(NAME_LINE), st["name"]))
    for section in paper.sections:
        story.append(Paragraph(markup(section.heading), st["heading"]))
        for item in section.items:
            block = [Paragraph(markup(f"{item.number}. {item.stem}"), st["stem"])]
            block += [Paragraph(markup(option), st["option"]) for option in item.options]
            story.append(KeepTogether(block))
    story.append(PageBreak())
    story.append(Paragraph(markup(f"{paper.title}　参考答案及解析"), st["title"]))
    for section in paper.sections:
        story.append(Paragraph(markup(answer_heading(section)), st["heading"]))
        for item in section.items:
            story.append(Paragraph(markup(f"{item.number}. 答案：{item.answer}"), st["answer"]))
            story.append(Paragraph(markup(f"解析：{item.explanation}"), st["explain"]))
    font = cjk_font()

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=paper.title, author="LawKB")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
