"""Tokenizer for statute text and staff queries: jieba with a legal user dictionary.

The dictionary is built from the corpus (law titles, short titles and aliases, defined terms such
as 本法所称排污许可证，是指…, and chapter/section heading words), saved next to the index so a
query is cut exactly as the indexed text was. Traditional Chinese is converted to simplified
(OpenCC t2s) and full-width forms are folded before cutting. Function words are dropped.

Each text yields jieba's search-mode words (long words and the shorter words inside them) and,
optionally, overlapping character bigrams of every CJK run, which catch wordings jieba cuts
differently in question and statute (e.g. 扣押 vs 查封扣押).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import Iterable

import jieba

from kb.chinese import to_simplified
from kb.numerals import CN_NUMBER_CHARS

DEFINED_TERM_RE = re.compile(
    r"(?:本法|本条例|本规定|本办法|本细则|本编|本章|本节|本条|前款)?所称([^，。；：、“”\n（(]{2,16}?)，?(?:是指|包括|指)")
HEADING_PREFIX_RE = re.compile(rf"^第[{CN_NUMBER_CHARS}\d]+[编分章节条]\s*")
CJK_RUN_RE = re.compile(r"[\u3400-\u9fff]+")
TOKEN_OK_RE = re.compile(r"[\w\u3400-\u9fff]")

# The stopword list: function words and question fillers that carry no legal meaning (after t2s
# conversion). Dropped from lexical tokens, from the embedded model's features and the expansion
# look-ups (content_tokens), and not highlighted on the web.
STOPWORDS = frozenset("""
的 了 和 与 或 及 或者 以及 并 并且 而 而且 但 但是 是 在 对 对于 于 由 从 向 把 被 将 为 为了 因 因为 所以
之 其 该 此 这 这个 那 那个 这些 那些 有 有的 没有 无 不 也 都 就 还 又 再 可 能 会 要 吗 呢 吧 啊 呀 么 嘛
什么 怎么 怎样 怎么办 如何 哪些 哪个 多少 是否 是不是 能否 可否 可不可以 能不能 会不会 请问 一下 我 我们 你 你们
他 她 它 他们 自己 别人 如果 假如 若 则 即 等 等等 个 些 一个 一些 这种 那种 时 时候 后 之后 以后 前 之前 以前
中 上 下 内 外 里 啊 哦 嗯 吗 么 啥 咋 想 想要 需要 应该 已经 正在 还是 就是 只是 可能 如 以 所 得 地 着 过 给 让
请 问 可以 应当
""".split())
PUNCTUATION_RE = re.compile(r"^[\s\W_]+$", re.UNICODE)


def normalize(text: str) -> str:
    """NFKC fold (full-width letters/digits), traditional -> simplified, lower case."""
    text = unicodedata.normalize("NFKC", text)
    if any(ord(ch) > 0x3400 for ch in text):
        text = to_simplified(text)
    return text.lower()


def precise_tokens(text: str) -> list[str]:
    """jieba precise-mode tokens (default dictionary), punctuation and whitespace dropped (stopwords kept)."""
    jieba.setLogLevel(60)
    return [t for t in jieba.lcut(text) if not PUNCTUATION_RE.match(t)]


def content_tokens(text: str) -> list[str]:
    """Precise tokens without stopwords: what the embedded model and the expansion table are keyed by."""
    return [t for t in precise_tokens(text) if t not in STOPWORDS]


def heading_words(heading: str) -> list[str]:
    """第六章 法律责任 -> ['法律责任']; 第二章 大气污染防治标准和限期达标规划 -> [whole, parts]."""
    rest = HEADING_PREFIX_RE.sub("", heading.strip()).strip()
    if not 2 <= len(rest) <= 16:
        return []
    words = [rest] if len(rest) <= 8 else []
    words += [part for part in re.split(r"[和与及、的]", rest) if 2 <= len(part) <= 8 and part != rest]
    return words


def defined_terms(texts: Iterable[str]) -> set[str]:
    terms = set()
    for text in texts:
        for match in DEFINED_TERM_RE.finditer(text):
            term = match.group(1).strip()
            if term.startswith("的"):
                term = term[1:]
            if 2 <= len(term) <= 12 and CJK_RUN_RE.fullmatch(term):
                terms.add(term)
    return terms


def corpus_user_words(corpus, clauses=None) -> list[str]:
    """The legal user dictionary of a corpus: law names, defined terms, heading words."""
    words: set[str] = set(corpus.law_names.user_words())
    for document in corpus.store.documents():
        words.add(document.display_short_title)
        words.update(a for a in document.aliases if len(a) >= 2)
    clauses = clauses if clauses is not None else corpus.store.iter_clauses()
    headings: set[str] = set()
    texts = []
    for clause in clauses:
        headings.update(clause.path)
        texts.append(clause.text)
    words.update(defined_terms(texts))
    for heading in headings:
        words.update(heading_words(heading))
    words.update(("排污许可证", "生态环境影响报告书", "环境影响报告书", "环境影响评价", "按日连续处罚",
                  "责令改正", "责令停产停业", "行政处罚", "行政强制", "行政复议", "行政诉讼", "听证"))
    return sorted(w for w in words if 2 <= len(w) <= 30 and "\n" not in w and " " not in w)


_BASE_JIEBA = None
_BASE_LOCK = threading.Lock()


def base_jieba():
    """jieba's default dictionary, loaded once per process (``FREQ``, ``total``: general-language
    word counts); never changed — tokenizers get copies (``_fresh_jieba``)."""
    global _BASE_JIEBA
    with _BASE_LOCK:
        if _BASE_JIEBA is None:
            jieba.setLogLevel(logging.WARNING)
            base = jieba.Tokenizer()
            base.initialize()
            _BASE_JIEBA = base
    return _BASE_JIEBA


def _fresh_jieba():
    """A new jieba.Tokenizer with the default dictionary, copied from one loaded per process."""
    base = base_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(base.FREQ)
    tokenizer.total = base.total
    tokenizer.initialized = True
    return tokenizer


class LegalTokenizer:
    """jieba (own Tokenizer instance) + legal user words + stopwords [+ character bigrams]."""

    def __init__(self, user_words: Iterable[str] = (), bigrams: bool = False, search_mode: bool = True):
        self.user_words = sorted(set(user_words))
        self.bigrams = bigrams
        self.search_mode = search_mode
        self._jieba = _fresh_jieba()
        for word in self.user_words:
            self._jieba.add_word(word.lower(), freq=20000)

    @property
    def params(self) -> dict:
        return {"bigrams": self.bigrams, "search_mode": self.search_mode, "user_words": len(self.user_words)}

    def words(self, text: str, normalized: bool = False) -> list[str]:
        """jieba words of a text (stopwords and punctuation dropped)."""
        text = text if normalized else normalize(text)
        cut = self._jieba.cut_for_search(text) if self.search_mode else self._jieba.cut(text)
        return [w for w in cut if w not in STOPWORDS and not w.isspace() and TOKEN_OK_RE.search(w)]

    def tokens(self, text: str) -> list[str]:
        """Index/query tokens: words, plus '~'-prefixed character bigrams when enabled."""
        text = normalize(text)
        tokens = self.words(text, normalized=True)
        if self.bigrams:
            for run in CJK_RUN_RE.findall(text):
                tokens.extend("~" + run[i:i + 2] for i in range(len(run) - 1)
                              if run[i:i + 2] not in STOPWORDS)
        return tokens

    def __call__(self, text: str) -> list[str]:
        return self.tokens(text)
