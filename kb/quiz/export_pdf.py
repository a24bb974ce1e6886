"""The quiz as a PDF paper (reportlab): questions, then the answer key on new pages.

The Chinese font is embedded (a subset), so the paper renders on a machine without any CJK font.
reportlab embeds TrueType outlines only (not the CFF outlines of most .otf files), so the font is
``LAWKB_PDF_FONT`` if set, else the first TrueType CJK font found among the usual Debian paths
(``fonts-wqy-microhei``, which ``.ci/run`` installs and README asks for). Without one the export
fails with a message saying what to install, rather than writing a paper that shows empty boxes.
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
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate

from kb import settings
from kb.errors import SettingsError
from kb.quiz.paper import NAME_LINE, Paper, answer_heading

TTF_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
FONT_NAME = "LawKBCJK"


class FontMissingError(SettingsError):
    """No TrueType CJK font to embed in a PDF paper."""


def markup(text: str) -> str:
    """Escaped paragraph text; ideographic spaces (the blank in （　　）) kept as visible width."""
    return escape(text).replace("\u3000", "&nbsp;&nbsp;&nbsp;&nbsp;")


def _register(path: str) -> bool:
    try:
        pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
        return True
    except Exception:  # noqa: BLE001 - CFF outlines (most .otf), a broken file: not embeddable
        return False


@lru_cache(maxsize=4)
def cjk_font(configured: str | None = None) -> str:
    """Name of a registered, embeddable font with Chinese glyphs; FontMissingError when there is none."""
    if configured:
        if not Path(configured).is_file():
            raise FontMissingError(f"LAWKB_PDF_FONT={configured} is not a file")
        if not _register(configured):
            raise FontMissingError(f"LAWKB_PDF_FONT={configured} is not a TrueType font reportlab can embed "
                                   "(CFF/OpenType .otf outlines cannot be embedded); use a .ttf/.ttc font")
        return FONT_NAME
    for candidate in TTF_CANDIDATES:
        if Path(candidate).exists() and _register(candidate):
            return FONT_NAME
    raise FontMissingError("no TrueType Chinese font to embed in the PDF: install one "
                           "(Debian: apt-get install fonts-wqy-microhei) or set LAWKB_PDF_FONT to a .ttf/.ttc file; "
                           "DOCX papers need no font")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = dict(fontName=font, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=6, **base),
        "sub": ParagraphStyle("sub", fontSize=10.5, leading=16, alignment=TA_CENTER, spaceAfter=4, **base),
        "name": ParagraphStyle("name", fontSize=11, leading=18, alignment=TA_CENTER, spaceAfter=4, **base),
        "notes_head": ParagraphStyle("notes_head", fontSize=10.5, leading=16, spaceBefore=4, keepWithNext=1, **base),
        "note": ParagraphStyle("note", fontSize=9.5, leading=14, leftIndent=5 * mm, **base),
        # a heading never stands alone at a page foot: it moves with the question after it
        "heading": ParagraphStyle("heading", fontSize=12, leading=18, spaceBefore=8, spaceAfter=4, keepWithNext=1,
                                  **base),
        "stem": ParagraphStyle("stem", fontSize=10.5, leading=16, spaceBefore=4, **base),
        "option": ParagraphStyle("option", fontSize=10.5, leading=15, leftIndent=7 * mm, **base),
        "answer": ParagraphStyle("answer", fontSize=10.5, leading=15, spaceBefore=4, keepWithNext=1, **base),
        "explain": ParagraphStyle("explain", fontSize=9.5, leading=14, leftIndent=5 * mm, textColor="#333333", **base),
    }


def write_pdf(paper: Paper, path: str | Path) -> Path:
    font = cjk_font(settings.get("PDF_FONT"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    st = _styles(font)
    story = [Paragraph(markup(paper.title), st["title"])]
    if paper.subtitle:
        story.append(Paragraph(markup(paper.subtitle), st["sub"]))
    story.append(Paragraph(markup(NAME_LINE), st["name"]))
    story.append(Paragraph(markup(paper.time_line), st["name"]))
    story.append(Paragraph("注意事项：", st["notes_head"]))
    story += [Paragraph(markup(f"{i}. {note}"), st["note"]) for i, note in enumerate(paper.notes, 1)]
    # a heading never stands alone at a page foot: it is kept together with the first question after it
    # (keepWithNext alone lets reportlab leave it behind when the next flowable is itself a KeepTogether)
    for section in paper.sections:
        for i, item in enumerate(section.items):
            block = [Paragraph(markup(section.heading), st["heading"])] if i == 0 else []
            block.append(Paragraph(markup(f"{item.number}. {item.stem}"), st["stem"]))
            block += [Paragraph(markup(option), st["option"]) for option in item.options]
            story.append(KeepTogether(block))
    story.append(PageBreak())
    story.append(Paragraph(markup(f"{paper.title}　参考答案及解析"), st["title"]))
    for section in paper.sections:
        for i, item in enumerate(section.items):
            block = [Paragraph(markup(answer_heading(section)), st["heading"])] if i == 0 else []
            block += [Paragraph(markup(f"{item.number}. 答案：{item.answer}"), st["answer"]),
                      Paragraph(markup(f"解析：{item.explanation}"), st["explain"])]
            story.append(KeepTogether(block))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=paper.title, author="LawKB",
                            initialFontName=font)   # else the canvas starts on a non-embedded Helvetica
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
