"""Template helpers: query-term highlighting (escape, then mark), status badges, word-level diff
marks, concordance confidence labels."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from kb.cite.word_diff import word_ops
from kb.numerals import CN_NUMBER_CHARS, int_to_cn
from kb.search.tokenize import STOPWORDS

STATUS_CLASS = {"现行有效": "ok", "已被修改": "ok", "已废止": "repealed", "尚未生效": "pending",
                "历史版本": "old", "unknown": "old"}
# not marked: the stopwords, and words nearly every article has
UNMARKED = STOPWORDS | {"规定", "要求", "情况", "问题"}
CITATION_NOISE = re.compile(rf"第[{CN_NUMBER_CHARS}\d]+[条款项]|[《》〈〉（）()]")


@lru_cache(maxsize=512)
def query_terms(query: str) -> tuple[str, ...]:
    """Words of a query worth highlighting, longest first."""
    query = CITATION_NOISE.sub(" ", query or "").strip()
    if not query:
        return ()
    try:
        import jieba

        jieba.setLogLevel(60)  # jieba logs its dictionary loading at DEBUG to stderr otherwise
        words = list(jieba.cut_for_search(query))
    except ImportError:  # pragma: no cover - jieba is a dependency
        words = re.split(r"\s+", query)
    terms = {w.strip() for w in words if w.strip() and w.strip() not in UNMARKED}
    terms = {t for t in terms if len(t) >= 2 or (t.isascii() and t.isalnum() and len(t) >= 2)}
    if not terms and len(query) <= 4:
        terms = {query}
    return tuple(sorted(terms, key=len, reverse=True)[:24])


def highlight(text: str | None, terms) -> Markup:
    """Escape ``text``, then wrap each occurrence of a term in <mark>. Terms never inject markup:
    matching runs on the raw text and every piece is escaped on its own."""
    text = text or ""
    terms = [t for t in (terms or ()) if t]
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    spans: list[list[int]] = []
    for match in pattern.finditer(text):
        if spans and match.start() <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], match.end())  # adjacent terms: one mark
        else:
            spans.append([match.start(), match.end()])
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def status_badge(status: str | None) -> Markup:
    status = status or "unknown"
    label = "效力不明" if status == "unknown" else status
    return Markup('<span class="badge badge-%s">%s</span>') % (STATUS_CLASS.get(status, "old"), label)


# the concordance's confidence bands (kb.cite.concordance) as readers see them
BAND_LABELS = {"high": "置信度高", "medium": "置信度中", "low": "置信度低", "none": "无对应条文"}


def band_label(band: str | None, confidence: float | None = None) -> str:
    label = BAND_LABELS.get(band or "")
    if label is None:  # a band this page does not know yet: say the figure, in Chinese
        return f"置信度 {confidence:.2f}" if confidence is not None else "置信度未知"
    return label


def marked(ops, keep: str = "both") -> Markup:
    """Text of a diff with its changes marked: ``keep='delete'`` the old side (deleted words in
    <del>), ``'insert'`` the new side (<ins>), ``'both'`` one text with both marked."""
    out = []
    for op, text in ops:
        if op == "equal":
            out.append(escape(text))
        elif keep in (op, "both"):
            tag = "del" if op == "delete" else "ins"
            out.append(Markup(f"<{tag}>%s</{tag}>") % text)
    return Markup("").join(out)


def word_diff(old: str | None, new: str | None, keep: str = "both") -> Markup:
    """``marked`` over the word-level differences of two texts (kb.cite.word_diff)."""
    return marked(word_ops(old or "", new or ""), keep)


OUT_OF_ORDER = re.compile(r"^(?P<file>.+?): (?P<law>.+?): articles out of order: (?P<pairs>.+)$")


def import_warning(text: str) -> str:
    """An import warning (kb.doctor's finding, in English for the command line) as the admin page says it."""
    match = OUT_OF_ORDER.match(text or "")
    if match is None:
        return text if not re.search(r"[A-Za-z]{3,}", text or "") else "导入时发现条文编号异常，可运行 lawkb doctor 查看详情。"
    pairs = re.findall(r"(第\S+?条) after (第\S+?条)", match["pairs"])
    return f"{match['file']}：《{match['law']}》条文顺序异常：" + "；".join(f"{before}之后是{after}" for after, before in pairs)


def paragraph_label(index: int) -> str:
    return f"第{int_to_cn(index)}款"


def init_app(app) -> None:
    app.jinja_env.filters.update(highlight=highlight, status_badge=status_badge, paragraph_label=paragraph_label,
                                 band_label=band_label, import_warning=import_warning)
    app.jinja_env.globals.update(word_diff=word_diff)
    app.jinja_env.globals.update(query_terms=query_terms)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
