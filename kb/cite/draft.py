"""The text of a draft decision as the citation check sees it.

Reading DOCX/PDF/TXT files into a ``DraftText`` is parsing, so it lives in ``ingest.draft``;
pasted text becomes a draft here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DraftText:
    """The extracted text of a draft and where it came from (kind: docx|pdf|text)."""

    text: str
    name: str
    kind: str

    def to_record(self) -> dict:
        return {"name": self.name, "kind": self.kind, "chars": len(self.text)}


def draft_from_text(text: str, name: str = "<text>") -> DraftText:
    """Pasted text is used as given, so spans index into exactly what the user pasted."""
    return DraftText(text, name, "text")
