"""Build regulation files in every format from one Markdown text (for the parser tests)."""

from __future__ import annotations

import re
from pathlib import Path

SAMPLE_MARKDOWN = """# 某某市生态环境保护条例

2019年3月2日 某某市人民代表大会常务委员会公告第12号公布
2019年5月1日 施行

<!-- INFO END -->

目录

第一章 总则

第二章 监督管理

第三章 法律责任

第四章 附则

## 第一章 总则

第一条 为了保护和改善生态环境，防治污染和其他公害，保障公众健康，推进生态文明建设，促进经济社会可持续发展，根据《中华人民共和国环境保护法》等法律、行政法规，结合本市实际，制定本条例。

第二条 本条例适用于本市行政区域内的生态环境保护及其监督管理活动。

## 第二章 监督管理

### 第一节 一般规定

第三条 市生态环境主管部门对全市生态环境保护工作实施统一监督管理。

区生态环境主管部门对本行政区域内的生态环境保护工作实施统一监督管理，并接受市生态环境主管部门的业务指导和监督。

第三条之一 排污单位应当依法申领排污许可证，并按照排污许可证的规定排放污染物；未取得排污许可证的，不得排放污染物。

### 第二节 现场检查

第四条 生态环境主管部门进行现场检查时，可以采取下列措施：

（一）进入被检查单位的生产场所进行监测、采样、拍照、录音录像；

（二）查阅、复制与检查事项有关的资料，包括：

1.生产记录、台账和原始凭证；

2.污染防治设施的运行记录和监测数据；

（三）约见、询问有关人员，要求其说明情况、提供相关材料。

被检查单位应当如实反映情况，提供必要的资料，不得拒绝、阻挠或者弄虚作假。检查人员对检查中知悉的商业秘密负有保密义务，不得泄露或者用于检查以外的目的。

## 第三章 法律责任

第五条 违反本条例规定，排污单位未取得排污许可证排放污染物的，由生态环境主管部门责令改正或者限制生产、停产整治，处二十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭。

第六条 生态环境主管部门的工作人员在生态环境保护工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。

## 第四章 附则

第七条 本条例自2019年5月1日起施行。

附件：排污许可重点管理行业名录

火电、钢铁、水泥、造纸、制药
"""


def markdown_parts(markdown: str) -> tuple[str, list[str], list[tuple[str, str]]]:
    """(title, header lines, body blocks) of a Markdown regulation; blocks are (kind, text), kind h/p."""
    lines = markdown.splitlines()
    title = lines[0].lstrip("# ").strip()
    rest = lines[1:]
    header: list[str] = []
    if "<!-- INFO END -->" in rest:
        end = rest.index("<!-- INFO END -->")
        header = [line.strip() for line in rest[:end] if line.strip()]
        rest = rest[end + 1:]
    blocks = []
    for line in rest:
        if not line.strip():
            continue
        match = re.match(r"^#{2,6}\s+(.*)$", line)
        blocks.append(("h", match.group(1).strip()) if match else ("p", line.strip()))
    return title, header, blocks


def write_docx(markdown: str, path: Path) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title, header, blocks = markdown_parts(markdown)
    document = Document()
    heading = document.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in header:
        document.add_paragraph(f"（{line}）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in blocks:
        paragraph = document.add_paragraph(text)
        if kind == "h" or text == "目录":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
    return path


def write_pdf(markdown: str, path: Path, chars_per_line: int = 24, lines_per_page: int = 22,
              running_header: str = "某某市生态环境法规汇编", footer: str = "- {page} -") -> Path:
    """A multi-page PDF: paragraphs wrapped at a fixed width with a two-character first-line indent,
    centred headings, a running header and a '- N -' footer on every page (font STSong-Light)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size, left, top = 12, 72, 760
    title, header, blocks = markdown_parts(markdown)
    rows: list[tuple[str, str]] = [("c", title)] + [("c", line) for line in header]
    for kind, text in blocks:
        if kind == "h" or len(text) <= 12 and not re.match(r"^第.+条", text):
            rows.append(("c", text))
            continue
        first = chars_per_line - 2
        pieces = [text[:first]] + [text[i:i + chars_per_line] for i in range(first, len(text), chars_per_line)]
        rows.append(("i", pieces[0]))
        rows.extend(("l", piece) for piece in pieces[1:])
    pdf = canvas.Canvas(str(path), pagesize=(612, 800))
    for page_index, start in enumerate(range(0, len(rows), lines_per_page), 1):
        pdf.setFont("STSong-Light", 9)
        pdf.drawCentredString(306, 785, running_header)
        pdf.drawCentredString(306, 20, footer.format(page=page_index))
        pdf.setFont("STSong-Light", size)
        y = top
        for kind, text in rows[start:start + lines_per_page]:
            if kind == "c":
                pdf.drawCentredString(306, y, text)
            else:
                pdf.drawString(left + (2 * size if kind == "i" else 0), y, text)
            y -= size * 1.6
        pdf.showPage()
    pdf.save()
    return path


def write_text(markdown: str, path: Path, encoding: str = "utf-8") -> Path:
    title, header, blocks = markdown_parts(markdown)
    lines = [title, *header] + [text if kind == "h" else "\u3000\u3000" + text for kind, text in blocks]
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def write_typeset_pdf(markdown: str, path: Path) -> Path:
    """A PDF typeset by reportlab's layout engine: justified CJK line breaking (lines of varying
    character counts), first-line indents, centred headings, a running header and '第 N 页' footers."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    centred = ParagraphStyle("centred", parent=body, firstLineIndent=0, alignment=TA_CENTER)
    title, header, blocks = markdown_parts(markdown)
    story = [Paragraph(title, centred)] + [Paragraph(line, centred) for line in header]
    story += [Paragraph(text, centred if kind == "h" or text == "目录" else body) for kind, text in blocks]

    def furniture(pdf, doc):
        pdf.setFont("STSong-Light", 9)
        pdf.drawCentredString(297, 810, "法规汇编")
        pdf.drawCentredString(297, 30, f"第 {doc.page} 页")

    SimpleDocTemplate(str(path)).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def write_official_pdf(markdown: str, path: Path, header_on_first_page: bool = True,
                       footer: str = "- {page} -") -> Path:
    """An official-style PDF (国务院公报/司法解释 style): A4, the title large and centred (wrapping when
    long), the header lines in parentheses centred, 16-point body with justified CJK line breaking
    and first-line indents, centred headings, the document's title repeated as the running header
    (on every page, or from page 2) and a page number at the foot."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=16, leading=28, firstLineIndent=32,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    centred = ParagraphStyle("centred", parent=body, firstLineIndent=0, alignment=TA_CENTER)
    big = ParagraphStyle("title", parent=centred, fontSize=22, leading=34)
    title, header, blocks = markdown_parts(markdown)
    story = [Paragraph(title, big), Spacer(1, 12)]
    story += [Paragraph(f"（{line}）", centred) for line in header] + [Spacer(1, 12)]
    story += [Paragraph(text.replace(" ", "\u3000", 1) if re.match(r"^第\S+条 ", text) else text,
                        centred if kind == "h" or text == "目录" else body) for kind, text in blocks]
    width, height = A4

    def furniture(pdf, doc):
        pdf.setFont("STSong-Light", 10)
        if doc.page > 1 or header_on_first_page:
            pdf.drawCentredString(width / 2, height - 40, title)
        pdf.drawCentredString(width / 2, 30, footer.format(page=doc.page))

    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=80, rightMargin=80, topMargin=72,
                      bottomMargin=64).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def write_official_docx(markdown: str, path: Path) -> Path:
    """A DOCX as published (flk.npc.gov.cn / 国务院公报 style): the title in large bold type, the
    header lines in parentheses, 第X条 followed by a full-width space, the title as the page header
    and a page-number field in the footer (neither is body text)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    title, header, blocks = markdown_parts(markdown)
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = title
    section.footer.paragraphs[0].text = "- 1 -"
    run = document.add_paragraph().add_run(title)
    run.bold, run.font.size = True, Pt(22)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in header:
        document.add_paragraph(f"（{line}）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in blocks:
        if re.match(r"^第\S+条 ", text):
            text = text.replace(" ", "\u3000", 1)
        paragraph = document.add_paragraph(text)
        if kind == "h" or text == "目录":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
    return path
