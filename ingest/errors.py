"""Typed errors raised by parsers. Each names the file (and line or page where known) and says what to do."""

from __future__ import annotations

from kb.errors import LawKBError


def display_path(path) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8
    (kept by Python as surrogates) become U+FFFD instead of raising UnicodeEncodeError later."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class IngestError(LawKBError):
    """A source file cannot be ingested. ``str()`` is the one-line message for the user."""

    exit_code = 7
    reason = "error"

    def __init__(self, path, message: str, line: int | None = None, hint: str | None = None):
        self.path = display_path(path)
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{self.path}:{line}" if line else self.path
        text = f"{where}: {message}"
        if hint:
            text += f" — {hint}"
        super().__init__(text)


class UnsupportedFormatError(IngestError):
    reason = "unsupported format"


class EmptyDocumentError(IngestError):
    reason = "empty"


class EncodingError(IngestError):
    reason = "encoding"


class CorruptFileError(IngestError):
    reason = "corrupt"


class EncryptedPDFError(IngestError):
    reason = "encrypted"


class NoTextLayerError(IngestError):
    reason = "no text layer"


class NoArticlesError(IngestError):
    reason = "no articles"


class TooLargeError(IngestError):
    """The file exceeds a limit (size, paragraphs, pages, unpacked size, time): refused before or
    while parsing, so one file cannot stall a batch or the server. ``what``/``amount``/``limit``/
    ``setting`` let the web app say the same in Chinese."""

    reason = "too large"

    def __init__(self, path, what: str, amount, limit, setting: str, message: str, hint: str | None = None):
        self.what, self.amount, self.limit, self.setting = what, amount, limit, setting
        super().__init__(path, message, hint=hint or f"split the file, or raise {setting} if it really is one document")
