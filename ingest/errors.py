"""Typed errors raised by parsers. Each names the file (and line or page where known) and says what to do."""

from __future__ import annotations

from kb.errors import LawKBError
from kb.limits import limit_zh


def display_path(path) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8
    (kept by Python as surrogates) become U+FFFD instead of raising UnicodeEncodeError later."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class IngestError(LawKBError):
    """A source file cannot be ingested. ``str()`` is the one-line message for the command line;
    ``zh`` says the same for a web page (the file's name, what is wrong and what to do, by kind)."""

    exit_code = 7
    reason = "error"
    skipped = False  # True: the file is not a law text; the batch reports it as skipped, not failed
    detail_zh: str | None = None  # a subclass's own Chinese detail instead of REASONS_ZH[reason]

    def __init__(self, path, message: str, line: int | None = None, hint: str | None = None):
        self.path = display_path(path)
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{self.path}:{line}" if line else self.path
        text = f"{where}: {message}"
        if hint:
            text += f" — {hint}"
        name = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        reason_zh = self.detail_zh or REASONS_ZH[self.reason]
        super().__init__(text, zh=f"{name}{f'（第 {line} 行）' if line else ''}：{reason_zh}")


# The kinds of bad file, by reason (the batch summary counts them).
class UnsupportedFormatError(IngestError): reason = "unsupported format"
class EmptyDocumentError(IngestError): reason = "empty"
class EncodingError(IngestError): reason = "encoding"
class CorruptFileError(IngestError): reason = "corrupt"
class EncryptedPDFError(IngestError): reason = "encrypted"
class NoTextLayerError(IngestError): reason = "no text layer"
class NoArticlesError(IngestError): reason = "no articles"


class NotALawError(NoArticlesError):
    """A file that is not a law text (a site page, a template, a guide): skipped, with the reason."""

    reason = "not a law"
    skipped = True


class NoTextError(NoArticlesError):
    """A law's file holding only its title and dates, no text: skipped, with the reason."""

    reason = "no text"
    skipped = True


class TooLargeError(IngestError):
    """The file exceeds a limit (size, paragraphs, pages, unpacked size, time): refused before or
    while parsing, so one file cannot stall a batch or the server. ``what``/``amount``/``limit``/
    ``setting`` say which limit; ``zh`` says it in Chinese."""

    reason = "too large"

    def __init__(self, path, what: str, amount, limit, setting: str, message: str, hint: str | None = None):
        self.what, self.amount, self.limit, self.setting = what, amount, limit, setting
        self.detail_zh = limit_zh(what, amount, limit)
        super().__init__(path, message, hint=hint or f"split the file, or raise {setting} if it really is one document")


# reason -> what a web page says is wrong and what to do
REASONS_ZH = {
    "error": "无法导入该文件，请检查文件内容",
    "unsupported format": "不支持的文件格式，请上传 PDF、DOCX、MD 或 TXT 文件（旧版 .doc 请先另存为 .docx）",
    "empty": "文件没有内容",
    "encoding": "无法识别文字编码，请另存为 UTF-8 后重试",
    "corrupt": "文件已损坏或无法读取，请重新导出后再试",
    "encrypted": "PDF 有密码保护，请去掉密码后重新上传",
    "no text layer": "PDF 没有文字层（像是扫描件），暂不支持文字识别，请上传带文字的 PDF 或 DOCX",
    "no articles": "没有找到“第X条”形式的条文，请检查文件是否为法规正文",
    "not a law": "不是法规正文（网站页面、模板或其他文档），已跳过",
    "no text": "文件只有标题和日期，没有法规正文，已跳过；请取得该法规全文后再导入",
    "too large": "文件超出处理上限，已拒绝",
}
