"""Typed errors raised by parsers. Each names the file (and line or page where known) and says what to do."""

from __future__ import annotations

from kb.errors import LawKBError


class IngestError(LawKBError):
    """A source file cannot be ingested. ``str()`` is the one-line message for the user."""

    exit_code = 7
    reason = "error"
    skipped = False  # True: the file is not a law text; the batch reports it as skipped, not failed

    def __init__(self, path, message: str, line: int | None = None, hint: str | None = None):
        self.path = str(path)
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


class NotALawError(NoArticlesError):
    """A file that is not a law text (a site page, a template, a guide): skipped, with the reason."""

    reason = "not a law"
    skipped = True


class NoTextError(NoArticlesError):
    """A law's file holding only its title and dates, no text: skipped, with the reason."""

    reason = "no text"
    skipped = True
