"""The quiz blueprint with Flask's test client: practice, group session, wrong-answer book, records,
paper building, and the security items of issue 12 that concern the quiz."""

import io
import re
from pathlib import Path

import pytest

from tests.corpus_builders import build_corpus
from tests.quiz.conftest import QUIZ_LAWS
from webapp import create_app

TEMPLATES = Path(__file__).resolve().parents[2] / "webapp" / "templates" / "quiz"


@pytest.fixture
def app(tmp_path):
    corpus = build_corpus(tmp_path / "corpus", QUIZ_LAWS)
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "test", "CSRF_DISABLED": True,
                       "REBUILD_INDEXES": False, "HOME": str(tmp_path / "home")},
                      instance_path=str(tmp_path / "instance"))


def code_of(location: str) -> str:
    return re.search(r"/quiz/(?:s|host)/([A-Z0-9]+)", location).group(1)


def host_session(app, **form):
    host = app.test_client()
    data = {"law": "行政处罚法", "count": "4", "types": ["single", "judge"], "seed": "2", "minutes": "10",
            "title": "执法人员培训测验", **form}
    return host, code_of(host.post("/quiz/host", data=data).headers["Location"])


def test_index_lists_the_quiz_in_the_nav(app):
    page = app.test_client().get("/quiz/").get_data(as_text=True)
    assert "学法测验" in page and "开始练习" in page and "创建集体测验" in page and "生成试卷" in page


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
    assert 'class="button quiz-next"' in page and "下一题" in page     # 下一题 is a brand-coloured button
    assert "data-confirm=\"确定交卷吗？还有 2 题未作答" in page
    client.post(location, data={"answer": "B"})   # a second submit changes nothing
    assert client.post(f"/quiz/s/{code}/done").status_code == 302
    page = client.get(f"/quiz/s/{code}/done").get_data(as_text=True)
    assert "张三：得分" in page and "/ 100（答对" in page and "/ 3 题" in page


def test_scope_errors_are_in_chinese_and_never_mention_command_line_options(app):
    client = app.test_client()
    page = client.post("/quiz/practice", data={"law": "不存在法", "learner": "李四"}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "法规库中没有“不存在法”" in text and "no law called" not in text
    page = client.post("/quiz/practice", data={"law": "环境保护法", "learner": "李四"}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "不是现行有效的法规" in text and "--include-repealed" not in text and "include" not in text
    page = client.post("/quiz/practice", data={"law": "行政处罚法", "chapter": "第九十九章", "learner": "李四"},
                       follow_redirects=True).get_data(as_text=True)
    assert "所选范围内没有条文" in page
    page = app.test_client().post("/quiz/practice", data={"law": "行政处罚法", "learner": ""}, follow_redirects=True)
    assert "请填写姓名" in page.get_data(as_text=True)


def test_group_session_three_participants_in_chinese(app):
    host, code = host_session(app)
    page = host.get(f"/quiz/host/{code}").get_data(as_text=True)
    assert code in page and "data-qr" in page and "满分 100 分" in page
    people = {}
    for name in ("甲", "乙", "丙"):
        client = app.test_client()
        assert client.post("/quiz/join", data={"code": code.lower(), "name": name}).status_code == 302
        people[name] = client
    taken = app.test_client().post("/quiz/join", data={"code": code, "name": "甲"})
    text = taken.get_data(as_text=True)
    assert taken.status_code == 400 and "“甲”已加入测验" in text and "already" not in text
    missing = app.test_client().post("/quiz/join", data={"code": "ZZZZZ", "name": "丁"})
    assert missing.status_code == 404 and "没有测验码为“ZZZZZ”的测验" in missing.get_data(as_text=True)
    assert "data-paper" in people["甲"].get(f"/quiz/s/{code}").get_data(as_text=True)
    for name, client in people.items():
        assert client.post(f"/quiz/s/{code}/answer", json={"index": 0, "answer": "A"}).get_json()["ok"]
        assert client.post(f"/quiz/s/{code}/answer", json={"index": 0, "answer": "B"}).get_json()["duplicate"]
    board = host.get(f"/quiz/s/{code}/scoreboard.json").get_json()
    assert board["open"] and len(board["board"]) == 3 and all(r["answered"] == 1 for r in board["board"])
    assert people["甲"].get(f"/quiz/s/{code}/scoreboard.json").status_code == 403
    assert host.post(f"/quiz/host/{code}/close").status_code == 302
    late = app.test_client().post("/quiz/join", data={"code": code, "name": "丁"})
    assert late.status_code == 400 and "该测验已结束" in late.get_data(as_text=True)
    closed = people["乙"].post(f"/quiz/s/{code}/answer", json={"index": 1, "answer": "A"})
    assert closed.status_code == 409 and closed.get_json()["error"] == "测验已结束，答案未保存。"
    results = host.get(f"/quiz/host/{code}").get_data(as_text=True)
    assert "逐题正确率" in results and "已结束" in results
    assert people["丙"].get(f"/quiz/host/{code}").status_code == 403


def test_join_by_the_qr_code_link(app):
    import segno

    host, code = host_session(app)
    svg = host.get(f"/quiz/s/{code}/qr.svg")
    assert svg.mimetype == "image/svg+xml"
    url = f"http://localhost/quiz/join?code={code}"
    expected = io.BytesIO()
    segno.make(url, error="m").save(expected, kind="svg", scale=6, border=2, xmldecl=False)
    assert svg.get_data() == expected.getvalue()      # the QR code encodes the join link
    guest = app.test_client()
    form = guest.get(f"/quiz/join?code={code}").get_data(as_text=True)
    assert f'value="{code}"' in form
    assert guest.post("/quiz/join", data={"code": code, "name": "扫码者"}).status_code == 302


# -- issue 12 (a): records for hosts and admins, private 错题本 ---------------------------------------------
def test_records_are_for_hosts_and_admins_only(app):
    host, code = host_session(app)
    guest = app.test_client()
    guest.post("/quiz/join", data={"code": code, "name": "冯二"})
    guest.post(f"/quiz/s/{code}/answer", json={"index": 0, "answer": "A"})
    other_host, other_code = host_session(app, title="另一场")
    for path in ("/quiz/records", "/quiz/records.csv"):
        assert app.test_client().get(path).status_code == 403
        assert guest.get(path).status_code == 403            # a participant is not a host
    page = host.get("/quiz/records").get_data(as_text=True)
    assert code in page and other_code not in page and "只列出您主持的测验" in page
    assert "冯二" in host.get("/quiz/records.csv").get_data(as_text=True)
    assert "冯二" not in other_host.get("/quiz/records.csv").get_data(as_text=True)
    admin = app.test_client()
    with admin.session_transaction() as cookie:
        cookie["user"], cookie["admin"] = "chen", True
    page = admin.get("/quiz/records").get_data(as_text=True)
    assert code in page and other_code in page


def test_nobody_reads_a_wrong_answer_book_by_typing_a_name(app):
    owner = app.test_client()
    location = owner.post("/quiz/practice", data={"law": "行政处罚法", "count": "2", "types": ["judge"],
                                                  "learner": "王五", "seed": "1"}).headers["Location"]
    owner.post(location, data={"answer": "maybe"})      # unreadable answer counts as wrong
    page = owner.get("/quiz/review").get_data(as_text=True)
    assert "王五 的错题本" in page and "全部错题（1）" in page
    private = re.search(r"data-private-link>http://localhost(/quiz/me/[^<]+)<", page).group(1)
    stranger = app.test_client()
    stranger.post("/quiz/practice", data={"law": "行政处罚法", "count": "1", "types": ["single"], "learner": "王五"})
    assert "全部错题（0）" in stranger.get("/quiz/review").get_data(as_text=True)
    assert app.test_client().get("/quiz/review").status_code == 302          # no learner: back to the start
    assert app.test_client().get("/quiz/me/not-a-token").status_code == 404
    phone = app.test_client()
    assert phone.get(private).status_code == 302
    assert "全部错题（1）" in phone.get("/quiz/review").get_data(as_text=True)


# -- issue 12 (c): the cookie does not grow with practice quizzes ---------------------------------------------
def test_the_session_cookie_stays_small_over_many_practice_quizzes(app):
    client = app.test_client()
    sizes = []
    for number in range(120):
        client.post("/quiz/practice", data={"law": "行政处罚法", "count": "1", "types": ["judge"], "learner": "周九",
                                            "seed": str(number + 1)})
        sizes.append(len(client.get_cookie("session").value))
    assert sizes[-1] == sizes[5] and sizes[-1] < 400


# -- issue 12 (d): malformed autosave JSON is a clear 400 ----------------------------------------------------
@pytest.mark.parametrize("body, message", [
    ("{not json", "不是有效的 JSON 对象"), ("[1, 2]", "不是有效的 JSON 对象"), ('"text"', "不是有效的 JSON 对象"),
    ('{"index": "x", "answer": "A"}', "题号无效"), ('{"index": 99, "answer": "A"}', "题号无效"),
    ('{"index": true, "answer": "A"}', "题号无效"), ('{"index": 0, "answer": {"a": 1}}', "答案格式无效"),
    ('{"index": 0, "answer": ["A", 3]}', "答案格式无效"), ('{"index": 0}', "答案格式无效"),
])
def test_malformed_autosave_json_is_a_clear_400(app, body, message):
    host, code = host_session(app)
    guest = app.test_client()
    guest.post("/quiz/join", data={"code": code, "name": "钱七"})
    response = guest.post(f"/quiz/s/{code}/answer", data=body, content_type="application/json")
    assert response.status_code == 400
    data = response.get_json()
    assert data["ok"] is False and data["status"] == 400 and message in data["error"]


def test_autosave_before_joining_is_refused_in_chinese(app):
    _, code = host_session(app)
    response = app.test_client().post(f"/quiz/s/{code}/answer", json={"index": 0, "answer": "A"})
    assert response.status_code == 403 and response.get_json()["error"] == "请先加入测验。"


# -- issue 12 (e): no inline scripts or inline event handlers on the quiz pages --------------------------------
def test_quiz_templates_have_no_inline_scripts_or_handlers():
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template.name
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        assert "style=" not in text, template.name


def test_records_count_practice_answers_and_finished_practice_is_closed(app):
    host, code = host_session(app)
    client = app.test_client()
    location = client.post("/quiz/practice", data={"law": "行政处罚法", "count": "2", "types": ["judge"],
                                                   "learner": "陈三", "seed": "3"}).headers["Location"]
    practice_code = code_of(location)
    client.post(location, data={"answer": "true"})
    client.post(f"/quiz/s/{practice_code}/done")
    guest = app.test_client()
    guest.post("/quiz/join", data={"code": code, "name": "冯二"})
    guest.post(f"/quiz/s/{code}/answer", json={"index": 0, "answer": "A"})
    admin = app.test_client()
    with admin.session_transaction() as cookie:
        cookie["user"], cookie["admin"] = "chen", True
    page = admin.get("/quiz/records").get_data(as_text=True)
    assert "共作答 2 题，其中集体测验 1 题、个人练习 1 题" in page
    row = re.search(rf"<tr><td>{practice_code}</td>.*?</tr>", page).group(0)
    assert "个人练习" in row and "已结束" in row


def test_paper_builder_replace_delete_warn_and_export(app):
    client = app.test_client()
    response = client.post("/quiz/papers", data={"law": "行政处罚法,生态环境法典", "count": "10", "seed": "5",
                                                  "types": ["single", "multiple", "judge"], "title": "学法测试卷"})
    assert response.status_code == 302
    edit = response.headers["Location"]
    page = client.get(edit).get_data(as_text=True)
    assert "满分 100 分" in page and page.count("替换本题") == 10 and page.count("删除本题") == 10
    first_stem = re.search(r'data-item="0">\s*<p class="quiz-stem"><strong>1\.</strong> (.*?)</p>', page, re.S).group(1)
    client.post(f"{edit}/0/replace")
    page = client.get(edit).get_data(as_text=True)
    assert "已替换第1题" in page or "没有可替换的同类题目" in page
    assert first_stem not in page or "没有可替换的同类题目" in page
    client.post(f"{edit}/9/delete")
    page = client.get(edit).get_data(as_text=True)
    assert page.count("删除本题") == 9
    total = re.search(r"满分 ([\d.]+) 分", page).group(1)    # re-spread over 9 questions, or a warning says so
    assert total == "100" or "data-total-warning" in page
    docx = client.post(f"{edit}/export", data={"format": "docx", "title": "学法测试卷", "minutes": "40"})
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    pdf = client.post(f"{edit}/export", data={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get("/quiz/papers/not-a-draft").status_code == 404
