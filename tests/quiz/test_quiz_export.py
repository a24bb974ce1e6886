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
