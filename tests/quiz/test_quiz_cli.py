"""`lawkb quiz`: JSON shape, files, clear errors, shortfall note, records CSV."""

import json

import pytest

from lawkb import main
from tests.corpus_builders import build_corpus
from tests.quiz.conftest import QUIZ_LAWS


@pytest.fixture
def home(tmp_path):
    build_corpus(tmp_path / "home" / "corpora" / "default", QUIZ_LAWS)
    return str(tmp_path / "home")


def test_json_questions_carry_type_stem_options_answer_explanation_source(home, capsys):
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--count", "6", "--seed", "3", "--json",
                 "--types", "single,multiple,judge,fill,source"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["generated"] == len(data["questions"]) > 0
    for q in data["questions"]:
        assert {"type", "stem", "options", "answer", "explanation", "source"} <= set(q)
        assert q["source"]["law"] == "中华人民共和国行政处罚法" and q["source"]["match"] == "quiz"


def test_unknown_law_and_empty_chapter_are_clear_errors(home, capsys):
    assert main(["--home", home, "quiz", "--law", "不存在法", "--count", "3"]) == 5
    assert "no law called" in capsys.readouterr().err
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--chapter", "第九十九章"]) == 5
    assert "no articles in scope" in capsys.readouterr().err


def test_more_than_the_scope_supports_says_so_on_stderr(home, capsys):
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--articles", "7", "--count", "30", "--json"]) == 0
    captured = capsys.readouterr()
    assert "sound questions of the 30 asked for" in captured.err
    assert json.loads(captured.out)["generated"] < 30


def test_docx_and_pdf_files(home, tmp_path, capsys):
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--count", "5", "--docx", str(tmp_path / "a.docx")]) == 0
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--count", "5", "--pdf", str(tmp_path / "a.pdf")]) == 0
    assert (tmp_path / "a.docx").stat().st_size > 0 and (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")


def test_records_csv(home, tmp_path, capsys):
    assert main(["--home", home, "quiz", "records", "--csv", str(tmp_path / "r.csv")]) == 0
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("session_code,")
    assert main(["--home", home, "quiz", "records"]) == 0
    assert "sessions held: 0" in capsys.readouterr().out


def test_a_huge_count_is_capped_and_said(home, capsys, monkeypatch):
    monkeypatch.setenv("LAWKB_QUIZ_MAX_COUNT", "12")
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--count", "1000000", "--json"]) == 0
    captured = capsys.readouterr()
    assert "--count 1000000 is more than the limit of 12" in captured.err
    assert json.loads(captured.out)["requested"] <= 12


def test_bad_points_and_minutes_are_clear_errors(home, tmp_path, capsys):
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--points", "single=lots", "--pdf", str(tmp_path / "a.pdf")]) == 2
    assert "points 'single=lots' are not understood" in capsys.readouterr().err
    assert main(["--home", home, "quiz", "--law", "行政处罚法", "--minutes", "0", "--pdf", str(tmp_path / "a.pdf")]) == 2
    assert "--minutes must be between 1 and 600" in capsys.readouterr().err
