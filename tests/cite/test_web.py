"""The cite blueprint with Flask's test client: pages, exports, JSON API and its error shape, CSRF."""

import io
import re

import pytest

from tests.cite.drafts import DRAFTS, XZCF
from tests.cite.test_reader import docx_bytes, scanned_pdf_bytes
from webapp import create_app


def make_app(corpus, tmp_path, **config):
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "test", "CSRF_DISABLED": True,
                       "REBUILD_INDEXES": False, "HOME": str(tmp_path / "home"), **config},
                      instance_path=str(tmp_path / "instance"))


@pytest.fixture
def client(cite_corpus, tmp_path):
    return make_app(cite_corpus, tmp_path).test_client()


def test_check_page_with_pasted_text(client):
    assert "引用核查" in client.get("/cite/").get_data(as_text=True)
    page = client.post("/cite/", data={"text": DRAFTS[0].text}).get_data(as_text=True)
    assert page.count('data-verdict="not_in_force"') == 2 and page.count('data-verdict="ok"') == 3
    assert "《中华人民共和国生态环境法典》第一千一百零八条" in page and "2026-09-03" in page
    assert 'class="cite-mark' in page


def test_check_page_upload_docx_and_scanned_pdf(client):
    page = client.post("/cite/", data={"file": (io.BytesIO(docx_bytes(DRAFTS[0].text)), "决定书.docx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert page.count("data-verdict=") == 6
    page = client.post("/cite/", data={"file": (io.BytesIO(scanned_pdf_bytes()), "scan.pdf")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "scan.pdf：PDF 没有文字层" in page and "text layer" not in page


def test_api_check_and_errors(client):
    response = client.post("/api/cite/check", json={"text": DRAFTS[0].text})
    record = response.get_json()
    assert response.status_code == 200 and record["ok"] is True
    assert [(c["span"], c["verdict"]) for c in record["citations"]] == [
        (e["span"], e["verdict"]) for e in DRAFTS[0].expected_records()]
    response = client.post("/api/cite/check", json={"text": "  "})
    assert response.status_code == 400 and response.get_json()["ok"] is False and response.get_json()["status"] == 400
    response = client.post("/api/cite/check", data={"file": (io.BytesIO(scanned_pdf_bytes()), "scan.pdf")},
                           content_type="multipart/form-data")
    assert response.get_json()["ok"] is False and "text layer" in response.get_json()["error"]
    response = client.post("/api/cite/check", json={"text": "环保法第五十九条", "as_of": "not a date"})
    assert response.status_code == 400


def test_concordance_page_and_exports(client):
    page = client.get("/cite/concordance?law=环保法").get_data(as_text=True)
    assert 'data-rows="70"' in page and "第一千零六十条" in page and "<ins>" in page
    csv = client.get("/cite/concordance/export.csv?law=环保法")
    assert csv.status_code == 200 and csv.data.decode("utf-8-sig").startswith("原条号")
    docx = client.get("/cite/concordance/export.docx?law=环保法")
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    api = client.get("/api/cite/concordance/环境保护法").get_json()
    assert api["ok"] and len(api["pairs"]) == 70
    missing = client.get("/api/cite/concordance/行政处罚法")
    assert missing.status_code == 404 and missing.get_json()["ok"] is False
    assert len(client.get("/api/cite/concordance").get_json()["laws"]) == 3


def test_diff_pages(client):
    page = client.get("/cite/diff?law=行政处罚法").get_data(as_text=True)
    assert "只收录了一个版本" in page and "stored version" not in page
    response = client.get("/api/cite/diff")
    assert response.status_code == 400 and response.get_json()["error"].startswith("parameter law")


def test_builder(client, cite_corpus):
    store = cite_corpus.store
    doc = store.versions(XZCF)[-1]
    page = client.post("/cite/builder", data={"refs": "行政处罚法第33条第2款\n行政处罚法第三十四条"}).get_data(as_text=True)
    assert "依据《中华人民共和国行政处罚法》第三十三条第二款、第三十四条的规定" in page
    record = client.get(f"/api/cite/build?sel={store.article(doc.id, 33).id}:2&sel={store.article(doc.id, 34).id}&short=1").get_json()
    assert record["citation"] == "《行政处罚法》第三十三条第二款、第三十四条"
    bad = client.post("/api/cite/build", json={"refs": "行政处罚法第九千条"})
    assert bad.status_code == 400 and bad.get_json()["ok"] is False


def test_forms_need_the_csrf_token(cite_corpus, tmp_path):
    client = make_app(cite_corpus, tmp_path, CSRF_DISABLED=False).test_client()
    assert client.post("/cite/", data={"text": "环保法第五十九条"}).status_code == 400
    page = client.get("/cite/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/cite/", data={"text": "环保法第五十九条", "csrf_token": token}).status_code == 200
    response = client.post("/api/cite/check", json={"text": "环保法第五十九条"}, headers={"X-CSRF-Token": token})
    assert response.status_code == 200
