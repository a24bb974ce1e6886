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
    reason_zh = "无法导入该文件，请检查文件内容"

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
        super().__init__(text, zh=f"{name}{f'（第 {line} 行）' if line else ''}：{self.reason_zh}")


class UnsupportedFormatError(IngestError):
    reason = "unsupported format"
    reason_zh = "不支持的文件格式，请上传 PDF、DOCX、MD 或 TXT 文件（旧版 .doc 请先另存为 .docx）"


class EmptyDocumentError(IngestError):
    reason = "empty"
    reason_zh = "文件没有内容"


class EncodingError(IngestError):
    reason = "encoding"
    reason_zh = "无法识别文字编码，请另存为 UTF-8 后重试"


class CorruptFileError(IngestError):
    reason = "corrupt"
    reason_zh = "文件已损坏或无法读取，请重新导出后再试"


class EncryptedPDFError(IngestError):
    reason = "encrypted"
    reason_zh = "PDF 有密码保护，请去掉密码后重新上传"


class NoTextLayerError(IngestError):
    reason = "no text layer"
    reason_zh = "PDF 没有文字层（像是扫描件），暂不支持文字识别，请上传带文字的 PDF 或 DOCX"


class NoArticlesError(IngestError):
    reason = "no articles"
    reason_zh = "没有找到“第X条”形式的条文，请检查文件是否为法规正文"


class TooLargeError(IngestError):
    """The file exceeds a limit (size, paragraphs, pages, unpacked size, time): refused before or
    while parsing, so one file cannot stall a batch or the server. ``what``/``amount``/``limit``/
    ``setting`` say which limit; ``zh`` says it in Chinese."""

    reason = "too large"
    reason_zh = "文件超出处理上限，已拒绝"

    def __init__(self, path, what: str, amount, limit, setting: str, message: str, hint: str | None = None):
        self.what, self.amount, self.limit, self.setting = what, amount, limit, setting
        self.reason_zh = limit_zh(what, amount, limit)
        super().__init__(path, message, hint=hint or f"split the file, or raise {setting} if it really is one document")
