"""One language: every page a bureau user reads is Chinese, bad input included (the library's
English messages are shown in Chinese; webapp.messages)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest

from tests.webapp.test_web_admin import admin_user, login  # noqa: F401  (fixture and helper)
from webapp.messages import for_page, ingest_problem

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
    assert "置信度" in pages["concordance"] and "《行政处罚法》不是被法典废止的法律" in pages["concordance, not replaced"]
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
    assert "没有找到“第X条”形式的条文" in page and "文件已损坏或不是有效的 PDF/DOCX" in page
    assert english(page) == ["chen"]      # the signed-in user's name


@pytest.mark.parametrize("message,expected", [
    ("《大气法》 is not in the store (import it with `lawkb ingest FILE`); closest: 中华人民共和国大气污染防治法",
     "法规库中没有《大气法》（可由管理员在“管理”页导入）；名称相近的法规：中华人民共和国大气污染防治法"),
    ("水法 may mean 中华人民共和国水法、中华人民共和国水污染防治法", "“水法”可能指：中华人民共和国水法、中华人民共和国水污染防治法，请写全称"),
    ("no law called '宪章' in the store; did you mean 中华人民共和国宪法?", "法规库中没有“宪章”；名称相近的法规：中华人民共和国宪法"),
    ("not a date: '2026-13-01' (use YYYY-MM-DD)", "日期“2026-13-01”无效：请写成 YYYY-MM-DD（如 2026-08-15）"),
    ("行政处罚法第九千条：《中华人民共和国行政处罚法》 has no stored version", "行政处罚法第九千条：《中华人民共和国行政处罚法》没有可用的版本"),
    ("a.md: 某条例: articles out of order: 第三条 after 第五条", "a.md：《某条例》条文顺序异常：第五条之后是第三条"),
    ("已是中文的说明（见 /tmp/a.pdf，运行 `lawkb index`）", "已是中文的说明（见 /tmp/a.pdf，运行 `lawkb index`）"),
    ("an error nobody translated", "请求有误，请检查输入后重试。"),
])
def test_library_messages_read_in_chinese(message, expected):
    assert for_page(message) == expected


def test_parser_problems_by_reason():
    assert ingest_problem("encoding", "旧.txt:12: the text is neither UTF-8 nor GB18030") == \
        "第 12 行：无法识别文字编码：请另存为 UTF-8 编码的文本后重试"
    assert "扫描件" in ingest_problem("no text layer", "scan.pdf: needs a text layer")
    assert ingest_problem("something new", "x.pdf: strange failure") == "无法读取这个文件，请确认文件完好后重试。"
