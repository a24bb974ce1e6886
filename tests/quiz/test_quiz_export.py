"""DOCX and PDF papers open, hold the Chinese text, and put the answer key after the questions."""

import shutil
import subprocess

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from kb.quiz.export_docx import write_docx
from kb.quiz.export_pdf import write_pdf
from kb.quiz.generator import generate
from kb.quiz.paper import build
from kb.quiz.scope import Scope


@pytest.fixture
def paper(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 20, "single,multiple,judge", seed=2)
    return build(result.questions, "行政处罚法学法测试卷", "范围：行政处罚法"), result


def test_docx_reads_back_with_sections_and_answer_key_on_a_new_page(paper, tmp_path):
    built, result = paper
    path = write_docx(built, tmp_path / "quiz.docx")
    doc = WordDocument(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "行政处罚法学法测试卷" in text
    assert "单位：" in text and "姓名：" in text and "得分：" in text
    assert "一、单项选择题" in text and "二、多项选择题" in text and "三、判断题" in text
    assert text.index("三、判断题") < text.index("参考答案及解析")
    assert 'w:br w:type="page"' in doc.element.xml
    first = result.questions[0]
    assert first.stem in text and first.explanation in text


def test_pdf_extracts_chinese_text(paper, tmp_path):
    built, result = paper
    path = write_pdf(built, tmp_path / "quiz.pdf")
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() for page in reader.pages)
    squashed = "".join(text.split())
    assert "单项选择题" in squashed and "参考答案及解析" in squashed
    assert "行政处罚法" in squashed
    key_page = next(i for i, page in enumerate(reader.pages) if "参考答案" in "".join(page.extract_text().split()))
    assert key_page >= 1   # the key starts on a page of its own


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_pdf_renders_to_png(paper, tmp_path):
    built, _ = paper
    path = write_pdf(built, tmp_path / "quiz.pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_a_thirty_question_paper_totals_one_hundred_points(quiz_corpus):
    from kb.quiz.paper import points_for, paper_split

    assert paper_split({"single": 15, "multiple": 6, "judge": 9}) != {"single": 15, "multiple": 6, "judge": 9}
    for counts in ({"single": 15, "multiple": 6, "judge": 9}, {"single": 8, "multiple": 3, "judge": 5, "fill": 3,
                                                                "source": 2, "case": 3}):
        split = paper_split(counts)
        points = points_for(split)
        assert sum(points[t] * n for t, n in split.items()) == 100
        assert sum(split.values()) == sum(counts.values())
        assert points["multiple"] >= points["single"] >= points["judge"]


def test_points_given_by_hand_are_kept_and_bad_ones_refused():
    from kb.errors import QueryError
    from kb.quiz.paper import parse_points, points_for

    assert parse_points("single=2,多选=4") == {"single": 2.0, "multiple": 4.0}
    assert points_for({"single": 10, "judge": 10}, {"single": 3, "judge": 1}) == {"single": 3, "judge": 1}
    for bad in ("single=two", "single=0", "single=1.3", "essay=2"):
        with pytest.raises(QueryError):
            parse_points(bad)


def test_pdf_paper_has_time_line_notes_and_one_hundred_points(paper, tmp_path):
    built, result = paper
    assert built.total == 100 and "考试时间" in built.time_line and built.notes
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(str(write_pdf(built, tmp_path / "q.pdf"))).pages)
    assert "满分：100分" in text and "注意事项" in text
    docx_text = "\n".join(p.text for p in WordDocument(str(write_docx(built, tmp_path / "q.docx"))).paragraphs)
    assert "满分：100分" in docx_text and "注意事项" in docx_text


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_pdf_embeds_its_chinese_font(paper, tmp_path):
    built, _ = paper
    path = write_pdf(built, tmp_path / "quiz.pdf")
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows     # the emb column of every font


def test_no_section_heading_is_left_at_a_page_foot(quiz_corpus, tmp_path):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 30, "single,multiple,judge,fill,case",
                      seed=4)
    built = build(result.questions, "测试卷")
    reader = PdfReader(str(write_pdf(built, tmp_path / "quiz.pdf")))
    headings = [s.heading.split("（")[0] for s in built.sections]
    for page in reader.pages[:-1]:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("第") or "页" not in line]
        assert not any(body[-1].replace(" ", "").startswith(h) for h in headings), body[-1]


def test_a_pdf_without_an_embeddable_font_is_a_clear_error(paper, tmp_path, monkeypatch):
    from kb.quiz import export_pdf

    export_pdf.cjk_font.cache_clear()
    monkeypatch.setenv("LAWKB_PDF_FONT", str(tmp_path / "missing.ttf"))
    with pytest.raises(export_pdf.FontMissingError, match="missing.ttf is not a file"):
        write_pdf(paper[0], tmp_path / "x.pdf")
    otf = tmp_path / "cff.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 64)
    monkeypatch.setenv("LAWKB_PDF_FONT", str(otf))
    with pytest.raises(export_pdf.FontMissingError, match="not a TrueType font"):
        write_pdf(paper[0], tmp_path / "x.pdf")
    export_pdf.cjk_font.cache_clear()
