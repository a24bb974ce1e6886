"""Typed exceptions raised by the library; the CLI and web app turn them into messages.

Each error has one message per surface: ``str(exc)`` is the English message the command line and
the JSON API show; ``exc.zh`` is the Chinese message a web page shows (None when the library has
none: the web app then says what kind of problem it is, in Chinese, see ``webapp.errors``). An
error raised with only ``zh=`` (by the web app itself) uses it as its message too.
"""


class LawKBError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code = 1

    def __init__(self, message: str | None = None, *, zh: str | None = None):
        super().__init__(message if message is not None else (zh or ""))
        self.zh = zh


# The kinds of error, with the command's exit code of each (web pages: webapp.errors.code_for).
class SettingsError(LawKBError): exit_code = 2      # a setting has an invalid value
class StoreError(LawKBError): exit_code = 3         # the clause store is missing, corrupt or of another schema
class IndexMissingError(LawKBError): exit_code = 4  # a search index is missing, corrupt, or built for another model or corpus
class QueryError(LawKBError): exit_code = 2         # a query or filter the user gave cannot be used (empty, bad date…)
class NotFoundError(LawKBError): exit_code = 5      # a law, article or other record asked for by name does not exist
class ModelError(LawKBError): exit_code = 6         # a configured embedding model cannot be loaded


class RejectedInputError(LawKBError):
    """A file the user imports has errors; nothing of it was stored. ``problems`` lists them."""

    exit_code = 8

    def __init__(self, message: str, problems: list[str] | None = None, *, zh: str | None = None,
                 problems_zh: list[str] | None = None):
        self.problems = list(problems or [])
        self.problems_zh = list(problems_zh or [])
        super().__init__(message + "".join(f"\n  {p}" for p in self.problems), zh=zh)


class BusyError(LawKBError):
    """Another process holds the job asked for (e.g. an encoder is already running for the corpus)."""

    exit_code = 9
