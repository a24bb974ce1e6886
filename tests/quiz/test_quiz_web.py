"""The quiz blueprint with Flask's test client: practice, group session, wrong-answer book, records."""

import re

import pytest

from tests.corpus_builders import build_corpus
from tests.quiz.conftest import QUIZ_LAWS
from webapp import create_app


@pytest.fixture
def app(tmp_path):
    corpus = build_corpus(tmp_path / "corpus", QUIZ_LAWS)
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "test", "CSRF_DISABLED": True,
                       "REBUILD_INDEXES": False, "HOME": str(tmp_path / "home")},
                      instance_path=str(tmp_path / "instance"))


def code_of(location: str) -> str:
    return re.search(r"/quiz/(?:s|host)/([A-Z0-9]+)", location).group(1)


def test_index_lists_the_quiz_in_the_nav(app):
    page = app.test_client().get("/quiz/").get_data(as_text=True)
    assert "学法测验" in page and "开始练习" in page and "创建集体测验" in page


def test_practice_with_feedback_per_question(app):
    client = app.test_client()
    response = client.post("/quiz/practice", data={"law": "行政处罚法", "count": "3", "types": ["single"],
                                                   "learner": "张三", "seed": "4", "feedback": "each"})
    assert response.status_code == 302
    location = response.headers["Location"]
    code = code_of(location)
    page = client.get(location).get_data(as_text=True)
    assert "（　　）" in page and "提交" in page
    client.post(location, data={"answer": "A"})
    page = client.get(location).get_data(as_text=True)
    assert "正确答案" in page and "/clauses/" in page
    client.post(location, data={"answer": "B"})   # a second submit changes nothing
    done = client.post(f"/quiz/s/{code}/done")
    assert done.status_code == 302
    page = client.get(f"/quiz/s/{code}/done").get_data(as_text=True)
    assert "张三：得分" in page and "/ 3 题" in page


def test_practice_with_an_unknown_law_flashes_a_message(app):
    client = app.test_client()
    response = client.post("/quiz/practice", data={"law": "不存在法", "learner": "李四"}, follow_redirects=True)
    assert "法规库中没有“不存在法”" in response.get_data(as_text=True)


def test_group_session_three_participants(app):
    host = app.test_client()
    response = host.post("/quiz/host", data={"law": "行政处罚法", "count": "4", "types": ["single", "judge"],
                                             "seed": "2", "minutes": "10", "title": "执法人员培训测验"})
    code = code_of(response.headers["Location"])
    assert code in host.get(f"/quiz/host/{code}").get_data(as_text=True)
    people = {}
    for name in ("甲", "乙", "丙"):
        client = app.test_client()
        assert client.post("/quiz/join", data={"code": code.lower(), "name": name}).status_code == 302
        people[name] = client
    taken = app.test_client().post("/quiz/join", data={"code": code, "name": "甲"})
    assert taken.status_code == 400 and "已加入测验" in taken.get_data(as_text=True)
    paper = people["甲"].get(f"/quiz/s/{code}").get_data(as_text=True)
    assert "data-paper" in paper
    for name, client in people.items():
        saved = client.post(f"/quiz/s/{code}/answer", json={"index": 0, "answer": "A"})
        assert saved.get_json()["ok"]
        again = client.post(f"/quiz/s/{code}/answer", json={"index": 0, "answer": "B"})
        assert again.get_json()["duplicate"]
    board = host.get(f"/quiz/s/{code}/scoreboard.json").get_json()
    assert board["open"] and len(board["board"]) == 3 and all(r["answered"] == 1 for r in board["board"])
    assert host.post(f"/quiz/host/{code}/close").status_code == 302
    late = app.test_client().post("/quiz/join", data={"code": code, "name": "丁"})
    assert late.status_code == 400 and "已结束" in late.get_data(as_text=True)
    closed = people["乙"].post(f"/quiz/s/{code}/answer", json={"index": 1, "answer": "A"})
    assert closed.status_code == 409
    results = host.get(f"/quiz/host/{code}").get_data(as_text=True)
    assert "逐题正确率" in results and "已结束" in results
    assert people["丙"].get(f"/quiz/host/{code}").status_code == 403


def test_review_and_records(app):
    client = app.test_client()
    response = client.post("/quiz/practice", data={"law": "行政处罚法", "count": "2", "types": ["judge"],
                                                   "learner": "王五", "seed": "1"})
    location = response.headers["Location"]
    client.post(location, data={"answer": "maybe"})     # unreadable answer counts as wrong
    page = client.get("/quiz/review").get_data(as_text=True)
    assert "王五 的错题本" in page and "全部错题（1）" in page
    records_page = client.get("/quiz/records").get_data(as_text=True)
    assert "测验记录" in records_page and "行政处罚法" in records_page
    csv_response = client.get("/quiz/records.csv")
    assert csv_response.mimetype == "text/csv"
    body = csv_response.get_data(as_text=True)
    assert body.lstrip("\ufeff").startswith("session_code,") and "王五" in body
