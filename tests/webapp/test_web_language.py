"""One language: every page a bureau user reads is Chinese, bad input included (library errors
show their Chinese message on pages, webapp.errors.user_message)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from tests.webapp.test_web_admin import admin_user, login  # noqa: F401  (fixture and helper)
from webapp.render import import_warning

# what a Chinese page may still spell in Latin letters
ALLOWED = {"LawKB", "PDF", "DOCX", "TXT", "MD", "CSV", "MB", "Markdown", "Word", "YYYY", "MM", "DD", "OCR", "UTF",
           "hjbhf"}   # the law list's pinyin example
# what the user typed or named, echoed back: “quoted input”, file names
ECHOED = re.compile(r"“[^”]*”|[^\s：，、]+\.(?:txt|pdf|docx|md)\b")


class VisibleText(HTMLParser):
    """Text a reader sees or hears: text outside <script>/<style>/<code>, plus placeholder, title,
    aria-label and alt attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code", "textarea"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "textarea"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def english(page: str) -> list[str]:
    parser = VisibleText()
    parser.feed(page)
    words = re.findall(r"[A-Za-z]{2,}", ECHOED.sub(" ", " ".join(parser.parts)))
    return [w for w in words if w not in ALLOWED]


def get(client, path, **kwargs):
    return client.get(path, **kwargs).get_data(as_text=True)


def test_every_page_is_chinese_including_errors(client, ids):
    penalty = ids["docs"][("行政处罚法", "2021-01-22")]
    pages = {
        "/": get(client, "/"),
        "search": get(client, "/", query_string={"q": "听证"}),
        "search, symbols only": get(client, "/", query_string={"q": "???"}),
        "search, bad date": get(client, "/", query_string={"q": "听证", "as_of": "2026-13-40"}),
        "search, unknown law filter": get(client, "/", query_string={"q": "听证", "law": "不存在法"}),
        "search, unknown cited law": get(client, "/", query_string={"q": "《不存在法》第三条"}),
        "search, unknown article": get(client, "/", query_string={"q": "行政处罚法第九十九条"}),
        "law list": get(client, "/laws/"),
        "law list, nothing found": get(client, "/laws/", query_string={"q": "没有这部法"}),
        "law page": get(client, f"/laws/{penalty}"),
        "repealed law page": get(client, f"/laws/{ids['docs'][('环境保护法', '2014-04-24')]}"),
        "clause page": get(client, f"/clauses/{ids['clauses'][('行政处罚法', '2021-01-22', 3)]}"),
        "repealed clause page": get(client, f"/clauses/{ids['clauses'][('环境保护法', '2014-04-24', 2)]}"),
        "code clause page": get(client, f"/clauses/{ids['clauses'][('生态环境法典', '2026-03-12', 2)]}"),
        "unknown law": get(client, "/law/不存在法"),
        "unknown id": get(client, "/laws/99999"),
        "no such page": get(client, "/no/such/page"),
        "answer, unknown law": get(client, "/answer", query_string={"q": "听证期限", "law": "不存在法"}),
        "cite": get(client, "/cite/"),
        "concordance": get(client, "/cite/concordance", query_string={"law": "环境保护法"}),
        "concordance, not replaced": get(client, "/cite/concordance", query_string={"law": "行政处罚法"}),
        "diff": get(client, "/cite/diff", query_string={"law": "行政处罚法"}),
        "diff, one version": get(client, "/cite/diff", query_string={"law": "环境保护法"}),
        "diff, unknown law": get(client, "/cite/diff", query_string={"law": "不存在法"}),
        "diff, too early": get(client, "/cite/diff", query_string={"law": "行政处罚法", "from": "1990-01-01"}),
        "builder": get(client, "/cite/builder"),
        "admin login": get(client, "/admin/login"),
    }
    client.application.config["CSRF_DISABLED"] = True
    for name, data in {"cite, empty": {"text": " "},
                       "cite, unknown law and date": {"text": "依据《不存在法》第三条、水法第五条。", "as_of": "bad"},
                       "cite, result": {"text": "依据《中华人民共和国环境保护法》第二条、行政处罚法第九十九条的规定。\n二〇二六年九月三日"},
                       "builder, bad ref": {"refs": "行政处罚法第九千条"}}.items():
        path = "/cite/builder" if "builder" in name else "/cite/"
        pages[name] = client.post(path, data=data).get_data(as_text=True)
    bad = {name: english(page) for name, page in pages.items() if english(page)}
    assert bad == {}, bad
    assert "置信度" in pages["concordance"] and "“行政处罚法”不是被法典取代的法律" in pages["concordance, not replaced"]
    assert "法规库中没有“不存在法”" in pages["diff, unknown law"]


def test_the_checker_finds_english(client):
    assert english("<p>《x》 is not in the store</p>") == ["is", "not", "in", "the", "store"]
    assert english('<input placeholder="type here"><code>lawkb index</code><p>PDF 文件</p>') == ["type", "here"]


def test_admin_import_results_are_chinese(client, admin_user):
    login(client)
    token = re.search(r'name="csrf_token" value="([^"]+)"', get(client, "/admin/")).group(1)
    response = client.post("/admin/import", data={"csrf_token": token, "files": [
        (io.BytesIO("没有条文的一段文字。".encode()), "说明.txt"),
        (io.BytesIO(b"%PDF-1.4 broken"), "坏文件.pdf")]}, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "说明.txt：文件只有标题和日期，没有法规正文，已跳过" in page and "坏文件.pdf：文件已损坏或无法读取" in page
    assert english(page) == ["chen"]      # the signed-in user's name


def test_import_warnings_are_chinese():
    assert import_warning("条例.md: 某市条例: articles out of order: 第二条 after 第三条; 第五条 after 第九条") == \
        "条例.md：《某市条例》条文顺序异常：第三条之后是第二条；第九条之后是第五条"
    assert import_warning("something the page has no words for") == "导入时发现条文编号异常，可运行 lawkb doctor 查看详情。"
    assert import_warning("已是中文的提示") == "已是中文的提示"
