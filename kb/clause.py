"""The records that flow from parser to store to index to page.

``Document`` describes one version of one law; ``Clause`` is one article (or one piece of
non-article text such as an 附件) of that version; ``Hit`` is a clause found by a search, with its
score. ``Hit.to_record()`` is the JSON hit record shared by the CLI, the API and every feature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from kb.numerals import CN_NUMBER_CHARS, article_label, int_to_cn

LEVELS = ("宪法", "法律", "行政法规", "部门规章", "地方性法规", "司法解释", "规范性文件")
STATUSES = ("现行有效", "已被修改", "已废止", "尚未生效", "历史版本")
IN_FORCE_STATUSES = ("现行有效", "已被修改")

ITEM_MARK = re.compile(rf"^[（(]([{CN_NUMBER_CHARS}]+)[）)]\s*")  # the （一） that opens a 项
SUBITEM_RE = re.compile(r"^(\d{1,2})[.．、]\s*\S")


@dataclass(frozen=True)
class Document:
    """One version of one law, regulation or other document."""

    title: str
    level: str = "法律"
    status: str = "现行有效"
    issuing_body: str | None = None
    promulgation_date: str | None = None
    effective_date: str | None = None
    version_date: str | None = None
    department: str | None = None
    doc_type: str | None = None
    source: str = ""
    source_sha256: str | None = None
    short_title: str | None = None
    aliases: tuple[str, ...] = ()
    repeal_date: str | None = None
    repeal_basis: str | None = None
    region: str | None = None          # local law: 省 or 省/市 (e.g. 广东省/广州市); None for national texts
    id: int | None = None
    # the date the law itself first took effect, when this version's own effective date is later
    # (an amended version whose earlier text is not stored: the law was in force before it)
    law_effective_date: str | None = None

    @property
    def display_short_title(self) -> str:
        return self.short_title or short_title_of(self.title)


@dataclass(frozen=True)
class Paragraph:
    """One 款 of an article, with its 项 (each possibly with 目 lines folded in)."""

    index: int
    text: str
    items: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        return "\n".join((self.text, *self.items))


@dataclass(frozen=True)
class Clause:
    """One article (kind 'article') or one piece of non-article text (kind 'appendix'/'preamble')."""

    document: Document
    text: str
    article: int | None = None
    article_suffix: int = 0
    label: str | None = None
    path: tuple[str, ...] = ()
    kind: str = "article"
    order: int = 0
    paragraph: int | None = None
    item: int | None = None
    id: int | None = None

    @property
    def law(self) -> str:
        return self.document.title

    @property
    def article_label(self) -> str:
        if self.article is None:
            return self.label or ""
        if self.label and not self.label.startswith("第"):
            return self.label
        return article_label(self.article, self.article_suffix)

    def paragraphs(self) -> list[Paragraph]:
        return split_paragraphs(self.text)

    def focus(self, paragraph: int | None, item: int | None = None) -> "Clause":
        """The same clause pointing at one 款 (and 项)."""
        return replace(self, paragraph=paragraph, item=item)

    @property
    def focus_text(self) -> str:
        """Text of the focused 款/项, or the whole article."""
        if self.paragraph is None:
            return self.text
        paras = self.paragraphs()
        if not 1 <= self.paragraph <= len(paras):
            return self.text
        para = paras[self.paragraph - 1]
        if self.item is None:
            return para.full_text
        if 1 <= self.item <= len(para.items):
            return para.items[self.item - 1]
        return para.full_text

    def citation(self, short: bool = False) -> str:
        """Standard citation: 《中华人民共和国行政处罚法》第三十三条第二款第（一）项."""
        title = self.document.display_short_title if short else self.law
        parts = [f"《{title}》{self.article_label}"]
        if self.paragraph is not None:
            parts.append(f"第{int_to_cn(self.paragraph)}款")
        if self.item is not None:
            parts.append(f"第（{int_to_cn(self.item)}）项")
        return "".join(parts)

    @property
    def anchor(self) -> str:
        """HTML anchor of the article (or 款): 第三十三条 / 第三十三条-第2款."""
        base = self.article_label or f"text-{self.order}"
        return base if self.paragraph is None else f"{base}-第{self.paragraph}款"


@dataclass
class Hit:
    """A clause found by a search, with the score and how it matched."""

    clause: Clause
    score: float
    match: str = "lexical"
    highlights: list[str] = field(default_factory=list)
    binding: bool | None = None  # binds the bureau's region (LAWKB_REGION); None when no region is set
    group: str = "main"  # "main", or "lower": the group of texts below the national laws (kb.search.levels)

    def to_record(self) -> dict[str, Any]:
        clause = self.clause
        doc = clause.document
        return {
            "citation": clause.citation(),
            "law": doc.title,
            "short_title": doc.display_short_title,
            "level": doc.level,
            "region": doc.region,
            "issuing_body": doc.issuing_body,
            "binding": self.binding,
            "article": clause.article,
            "article_label": clause.article_label,
            "paragraph": clause.paragraph,
            "item": clause.item,
            "path": list(clause.path),
            "text": clause.focus_text,
            "article_text": clause.text,
            "status": doc.status,
            "effective_date": doc.effective_date,
            "promulgation_date": doc.promulgation_date,
            "repeal_date": doc.repeal_date,
            "document_id": doc.id,
            "clause_id": clause.id,
            "score": round(float(self.score), 6),
            "match": self.match,
            "group": self.group,
        }


def short_title_of(title: str) -> str:
    """中华人民共和国行政处罚法 -> 行政处罚法; titles without the prefix stay as they are."""
    for prefix in ("中华人民共和国", "中華人民共和國"):
        if title.startswith(prefix) and len(title) > len(prefix) + 1:
            return title[len(prefix):]
    return title


HEADING_LABEL_RE = re.compile(r"^第[一二三四五六七八九十百千零〇两\d]+(分编|编|章|节)")


def heading_label(heading: str) -> str:
    """'第七编 侵权责任' -> '第七编'; a heading without a number ('附则') stays as it is."""
    match = HEADING_LABEL_RE.match(heading)
    return match.group(0) if match else heading


def heading_kind(heading: str) -> str | None:
    """'编', '分编', '章' or '节' for a numbered heading, else None."""
    match = HEADING_LABEL_RE.match(heading)
    return match.group(1) if match else None


def _heading_names(path: tuple[str, ...]) -> list[str]:
    """Every way a reader names the headings of a path: 第七编 侵权责任, 第七编侵权责任, 侵权责任编,
    典型合同分编, and a 分编 under its 编 (合同编通则)."""
    names = []
    part_title = ""
    for heading in path:
        compact = re.sub(r"[\s\u3000]+", "", heading)
        names.append(compact)
        kind = heading_kind(heading)
        title = compact[len(heading_label(compact)):]
        if kind in ("编", "分编") and title:
            names.append(title + kind)
            if kind == "编":
                part_title = title
            elif part_title:
                names.append(f"{part_title}编{title}")
    return names


def path_matches(path: tuple[str, ...], text: str) -> bool:
    """Does a scope named by the user (--chapter) cover this path? Any part of a heading's name
    counts: 侵权责任编, 第七编, 大气污染防治, 第五章, 合同编通则."""
    wanted = re.sub(r"[\s\u3000]+", "", text or "")
    return bool(wanted) and any(wanted in name for name in _heading_names(tuple(path)))


def split_paragraphs(text: str) -> list[Paragraph]:
    """Split article text (款 separated by line breaks) into 款 with their 项.

    A line starting （一） is a 项 of the 款 before it; a line starting ``1.`` is a 目 and stays
    with its 项. Any other line starts a new 款.
    """
    paragraphs: list[Paragraph] = []
    current_text: str | None = None
    items: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if current_text is not None and ITEM_MARK.match(line):
            items.append(line)
        elif current_text is not None and items and SUBITEM_RE.match(line):
            items[-1] = items[-1] + "\n" + line
        else:
            if current_text is not None:
                paragraphs.append(Paragraph(len(paragraphs) + 1, current_text, tuple(items)))
            current_text = line
            items = []
    if current_text is not None:
        paragraphs.append(Paragraph(len(paragraphs) + 1, current_text, tuple(items)))
    return paragraphs
