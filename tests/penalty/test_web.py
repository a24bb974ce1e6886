"""Web pages /penalty/ and the JSON API /api/penalty on the penalty test corpus."""

import io
import re

import pytest

from tests.webapp.conftest import TermSearcher
from webapp import create_app
from webapp.admin.users import UserStore

NO_INLINE = re.compile(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=", re.I)


@pytest.fixture
def client(fresh_penalty_corpus, tmp_path):
    searchers = {}

    def factory(corpus, kind="hybrid"):
        return searchers.setdefault(kind, TermSearcher(corpus, kind))

    app = create_app({"TESTING": True, "CORPUS_DIR": str(fresh_penalty_corpus.dir), "SEARCHER_FACTORY": factory,
                      "SECRET_KEY": "test-secret", "REBUILD_INDEXES": False}, instance_path=str(tmp_path / "instance"))
    return app.test_client()


def page(response) -> str:
    assert response.status_code == 200, response.data[:300]
    html = response.data.decode()
    assert not NO_INLINE.search(html), NO_INLINE.search(html).group(0)
    return html


def test_lookup_page(client):
    html = page(client.get("/penalty/?q=未取得排污许可证排放污染物"))
    assert "违法行为 → 处罚依据" in html and 'data-rows="5"' in html
    first = html.index('class="card penalty-row"')
    assert "未依法取得排污许可证排放污染物" in html[first:first + 3000]
    assert "处二十万元以上一百万元以下罚款" in html and "污染物为工业噪声的" in html
    assert "不予处罚、从轻、减轻核对清单" in html and 'type="checkbox"' in html
    assert "/clauses/" in html                 # rows link to their clauses
    assert "处罚依据" in page(client.get("/penalty/"))


def test_lookup_without_a_match(client):
    html = page(client.get("/penalty/?q=明天股市会涨吗"))
    assert 'data-found="false"' in html and "没有找到与“明天股市会涨吗”相符的违法行为" in html


def test_table_page_filter_and_exports(client):
    html = page(client.get("/penalty/table?law=中华人民共和国生态环境法典"))
    assert "违法行为与法律责任对照表" in html and "未依法取得排污许可证排放污染物" in html
    assert "湿地" not in html.split("<tbody>")[1]
    html = page(client.get("/penalty/table?q=擅自拆除 污染防治设施"))
    assert html.count('<tr data-row=') == 1
    csv = client.get("/penalty/table/export.csv?q=排污许可证")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert "attachment" in csv.headers["Content-Disposition"]
    assert "未依法取得排污许可证排放污染物" in csv.data.decode("utf-8-sig")
    docx_file = client.get("/penalty/table/export.docx")
    assert docx_file.status_code == 200 and docx_file.data[:2] == b"PK"
    assert client.get("/penalty/table/export.xls").status_code == 400
    assert client.get("/penalty/table?page=x").status_code == 400


def test_api(client):
    data = client.get("/api/penalty?q=未取得排污许可证排放污染物&k=2").get_json()
    assert data["ok"] and len(data["rows"]) == 2 and data["rows"][0]["article"] == 1102
    assert (data["rows"][0]["fine"]["min"], data["rows"][0]["fine"]["max"]) == (200000, 1000000)
    row = client.get(f"/api/penalty/rows/{data['rows'][0]['id']}").get_json()
    assert row["ok"] and row["conduct"] == "未依法取得排污许可证排放污染物"
    missing = client.get("/api/penalty")
    assert missing.status_code == 400 and missing.get_json() == {
        "ok": False, "error": "parameter q (a description of the conduct) is required", "status": 400}
    assert client.get("/api/penalty/rows/nope").get_json()["status"] == 404
    assert client.get("/api/penalty?q=排污&k=x").status_code == 400
    table = client.get("/api/penalty/table?q=排污许可证").get_json()
    assert table["ok"] and table["total"] == len(table["rows"]) > 0


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_rules_upload_needs_an_admin_and_lists_problems(client, fresh_penalty_corpus):
    html = page(client.get("/penalty/rules"))
    assert "管理员登录" in html and 'type="file"' not in html
    UserStore.for_corpus(fresh_penalty_corpus).add("chen", "correct horse 1", admin=True)
    token = _token(page(client.get("/admin/login")))
    client.post("/admin/login", data={"name": "chen", "password": "correct horse 1", "csrf_token": token})
    html = page(client.get("/penalty/rules"))
    token = _token(html)
    bad = "类型,违法行为,处罚依据\n处罚,无证排污,\n".encode()
    response = client.post("/penalty/rules", data={"csrf_token": token, "file": (io.BytesIO(bad), "基准.csv")},
                           content_type="multipart/form-data")
    html = page(response)
    assert "整个文件未导入" in html and "基准.csv 第2行：“类型”为“处罚”" in html
    response = client.post("/penalty/rules", data={"csrf_token": token, "file": (io.BytesIO(b"x"), "a.xlsx")},
                           content_type="multipart/form-data")
    assert "不支持的文件类型" in page(response)
    good = ("类型,违法行为,处罚依据,情形,裁量档次,罚款比例\n"
            "裁量基准,无证排污,生态环境法典第一千一百零二条,首次被发现,较轻,0%-30%\n").encode()
    response = client.post("/penalty/rules", data={"csrf_token": token, "file": (io.BytesIO(good), "基准.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    html = page(client.get("/penalty/rules"))
    assert "基准.csv：1 条" in html and "第一千一百零二条" in html
    html = page(client.get("/penalty/?q=未取得排污许可证排放污染物"))
    assert "本局裁量基准" in html and "约 200,000–440,000 元" in html


def test_rules_post_without_login_is_refused(client):
    token = _token(page(client.get("/admin/login")))
    response = client.post("/penalty/rules", data={"csrf_token": token, "file": (io.BytesIO(b"x"), "a.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def _admin(client, corpus):
    UserStore.for_corpus(corpus).add("chen", "correct horse 1", admin=True)
    token = _token(page(client.get("/admin/login")))
    client.post("/admin/login", data={"name": "chen", "password": "correct horse 1", "csrf_token": token})


GOOD_RULES = ("类型,违法行为,处罚依据,情形,裁量档次,罚款比例\n"
              "裁量基准,无证排污,生态环境法典第一千一百零二条,首次被发现,较轻,0%-30%\n").encode()


def test_rules_file_removed_after_confirmation(client, fresh_penalty_corpus):
    _admin(client, fresh_penalty_corpus)
    token = _token(page(client.get("/penalty/rules")))
    client.post("/penalty/rules", data={"csrf_token": token, "file": (io.BytesIO(GOOD_RULES), "基准.csv")},
                content_type="multipart/form-data")
    html = page(client.get("/penalty/rules"))
    assert "基准.csv：1 条" in html and "/penalty/rules/remove?name=" in html
    assert "约 200,000–440,000 元" in page(client.get("/penalty/?q=未取得排污许可证排放污染物"))
    confirm = page(client.get("/penalty/rules/remove?name=基准.csv"))
    assert "确定删除“基准.csv”吗？" in confirm and "共 1 条" in confirm and 'name="csrf_token"' in confirm
    assert "基准.csv：1 条" in page(client.get("/penalty/rules"))       # asking removes nothing
    missing_token = client.post("/penalty/rules/remove", data={"name": "基准.csv"})
    assert missing_token.status_code == 400 and "CSRF" in missing_token.data.decode()
    done = client.post("/penalty/rules/remove", data={"name": "基准.csv", "csrf_token": _token(confirm)})
    assert done.status_code == 302 and done.headers["Location"].endswith("/penalty/rules")
    html = page(client.get("/penalty/rules"))
    assert "已删除 基准.csv（1 条规则）" in html and "尚未导入" in html
    assert "约 200,000–440,000 元" not in page(client.get("/penalty/?q=未取得排污许可证排放污染物"))


def test_removing_an_unknown_rules_file_says_so(client, fresh_penalty_corpus):
    _admin(client, fresh_penalty_corpus)
    response = client.get("/penalty/rules/remove?name=不存在.csv")
    assert response.status_code == 404 and "没有名为“不存在.csv”的已导入文件" in response.data.decode()
    token = _token(page(client.get("/penalty/rules")))
    response = client.post("/penalty/rules/remove", data={"name": "不存在.csv", "csrf_token": token})
    assert response.status_code == 404


def test_removing_a_rules_file_needs_an_admin(client, fresh_penalty_corpus):
    from kb.penalty.rules import RuleBook
    from ingest.rule_table import read_rule_table

    RuleBook(fresh_penalty_corpus.dir).import_table(fresh_penalty_corpus, read_rule_table(GOOD_RULES, "基准.csv"))
    html = page(client.get("/penalty/rules"))
    assert "基准.csv：1 条" in html and "/penalty/rules/remove" not in html
    for response in (client.get("/penalty/rules/remove?name=基准.csv"),
                     client.post("/penalty/rules/remove", data={"name": "基准.csv", "csrf_token": _token(
                         page(client.get("/admin/login")))})):
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    assert "基准.csv：1 条" in page(client.get("/penalty/rules"))
