"""Messages on pages are Chinese: library and parser messages as bureau staff read them.

The library and the command line speak English in places (``kb.citations``, ``kb.cite``, the
parsers of ``ingest``). Pages never show that text: ``for_page(message)`` rewrites each known
English message to its Chinese form, keeping the specifics (law, article, date, file), and turns
any other message that still holds English words into a general Chinese one (the original is
logged). ``ingest_problem(reason, ...)`` says in Chinese why a file could not be read, by the
parser error's typed ``reason``. A message already in Chinese passes through unchanged.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

Q = r"['\"]?"          # repr() quotes around a name
PATTERNS: list[tuple[re.Pattern, object]] = [(re.compile(p), r) for p, r in [
    # kb.citations.resolve
    (r"^《(.+?)》 is not in the store \(import it with `lawkb ingest FILE`\); closest: (.+)$",
     r"法规库中没有《\1》（可由管理员在“管理”页导入）；名称相近的法规：\2"),
    (r"^《(.+?)》 is not in the store \(import it with `lawkb ingest FILE`\)$",
     r"法规库中没有《\1》（可由管理员在“管理”页导入）"),
    (r"^(.+?) may mean (.+?)(?:; give the full title)?$", r"“\1”可能指：\2，请写全称"),
    (r"^《(.+?)》 has no stored version$", r"《\1》没有可用的版本"),
    (r"^(.+?): range (\d+)–(\d+) is not usable$", r"“\1”：条文范围（第\2至\3条）过大或有误"),
    (r"^(.+?): no law is named$", r"“\1”没有写明所引法律的名称"),
    # kb.law_names, kb.cite.version_diff, webapp.answer
    (rf"^no law called {Q}(.+?){Q} in the store; (?:closest: |did you mean )(.+?)\??$",
     r"法规库中没有“\1”；名称相近的法规：\2"),
    (rf"^no law called {Q}(.+?){Q} in the store$", r"法规库中没有“\1”"),
    (r"^《(.+?)》 has only one stored version; nothing to compare$", r"《\1》只有一个版本，没有可比较的版本"),
    (r"^《(.+?)》 has no version on or before (.+?) \(versions: (.+)\)$",
     r"《\1》在 \2 及以前没有版本（现有版本：\3）"),
    (r"^--from and --to give the same version of 《(.+?)》 \((.+)\)$",
     r"两个日期对应《\1》的同一个版本（\2），请选择不同的版本"),
    # kb.cite.concordance
    (rf"^{Q}(.+?){Q} is not a statute replaced by a Code \(replaced: (.+)\)$",
     r"《\1》不是被法典废止的法律（被法典废止的有：\2）"),
    # kb.cite.check, kb.cite.builder
    (rf"^not a date: {Q}(.*?){Q} \(use YYYY-MM-DD\)$", r"日期“\1”无效：请写成 YYYY-MM-DD（如 2026-08-15）"),
    (rf"^not a clause selection: {Q}(.*?){Q} .*$", r"无法识别所选条款“\1”"),
    (r"^clause (\d+) is not an article .*$", r"所选内容（编号 \1）不是条文"),
    (r"^give the 款 \(paragraph\) of an 项 \(item\)$", r"引用项时请写明所在的款"),
    (r"^select at least one clause$", r"请至少输入一条要引用的条款"),
    # kb.doctor findings, as the ingest pipeline words its warnings (FILE: LAW: message)
    (r"^(.+?): (.+?): articles out of order: (.+)$",
     lambda m: f"{m[1]}：《{m[2]}》条文顺序异常：" + "；".join(
         f"{before}之后是{after}" for after, before in re.findall(r"(第\S+?条) after (第\S+?条)", m[3]))),
    # kb.search
    (r"^the query must be text.*$", r"请输入要查找的文字"),
    (r"^the query is empty.*$", r"请输入要查找的文字，如：按日连续处罚，或《生态环境法典》第一千零六十条"),
    (r"^the query .* has only punctuation or symbols.*$", r"查询只有标点或符号，请输入文字"),
]]
# what may stand in a Chinese message: file types, units, date formats, the product's name
ALLOWED_ASCII = {"lawkb", "docx", "pdf", "txt", "md", "csv", "mb", "kb", "yyyy", "mm", "dd", "ocr", "utf"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")

INGEST_REASONS = {
    "unsupported format": "不支持这种文件格式：请使用 PDF、DOCX、TXT 或 Markdown（旧版 .doc 请先另存为 .docx）",
    "empty": "文件是空的，或没有可读的文字",
    "encoding": "无法识别文字编码：请另存为 UTF-8 编码的文本后重试",
    "corrupt": "文件已损坏或不是有效的 PDF/DOCX：请重新导出后再试",
    "encrypted": "PDF 有密码保护：请去除密码后再上传",
    "no text layer": "这个 PDF 没有文字层（像是扫描件）：请上传带文字的 PDF 或 DOCX（暂不支持文字识别）",
    "no articles": "文件中没有找到“第X条”形式的条文：请确认这是法规全文",
}
LINE = re.compile(r":(\d+): ")


# not words of the message: `commands`, paths and file names, and what stands in 《》“”‘’ (names, quoted input)
QUOTED = re.compile(r"`[^`]*`|\S*/\S*|[\w.-]+\.[A-Za-z0-9]{2,5}\b|《[^》]*》|“[^”]*”|‘[^’]*’")


def english_words(text: str) -> list[str]:
    """English words of a message, other than commands, paths, file names, quoted names and the
    few abbreviations a Chinese message uses (PDF, DOCX, MB …)."""
    plain = QUOTED.sub(" ", text or "")
    return [w for w in ENGLISH_WORD.findall(plain) if w.lower() not in ALLOWED_ASCII]


def for_page(message: str | None, fallback: str = "请求有误，请检查输入后重试。") -> str:
    """The Chinese form of a message for a page (see the module docstring)."""
    message = (message or "").strip()
    if not english_words(message):
        return message
    for pattern, replacement in PATTERNS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    head, colon, tail = message.partition("：")      # “行政处罚法第九千条：<library message>”
    if colon and not english_words(head):
        translated = for_page(tail, "")
        if translated:
            return f"{head}：{translated}"
    log.warning("message with no Chinese form shown as %r: %s", fallback, message)
    return fallback


def ingest_problem(reason: str | None, message: str = "", name: str = "") -> str:
    """Why a file could not be read, in Chinese: by the parser error's typed reason, with the
    line number when the parser gave one."""
    text = INGEST_REASONS.get(reason or "", "")
    if not text:
        return for_page(message, "无法读取这个文件，请确认文件完好后重试。")
    line = LINE.search(message or "")
    where = f"第 {line.group(1)} 行：" if line else ""
    return f"{name + '：' if name else ''}{where}{text}"
