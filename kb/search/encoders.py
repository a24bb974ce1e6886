"""Text encoders for dense retrieval: a local sentence-transformers model, or LawKB's embedded one.

``load_encoder(setting_value, index_dir=None)``:

* ``setting_value`` = a directory (``LAWKB_MODEL``): a SentenceTransformer loaded from it with
  ``local_files_only`` and ``HF_HUB_OFFLINE=1`` — nothing is ever downloaded. A directory that is
  missing or is not a sentence-transformers / transformers model raises ``ModelError``.
* ``setting_value`` unset: the embedded default (``kb.search.embedded_model``), which is trained
  per corpus at index time, so it is loaded from ``index_dir`` (``EmbeddedModelMissing`` -> the
  caller raises IndexMissingError when it is not there).

Every encoder has ``.name`` (what ``manifest["dense"]["model"]`` records), ``.dim``,
``.encode(texts) -> float32 array, rows L2-normalised`` for articles and ``.encode_queries(texts)``
for queries (the embedded model expands query words; transformer models encode as is).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from kb.errors import ModelError
from kb.search.embedded_model import EmbeddedModel, MODEL_FILE, NAME

MARKER_FILES = ("modules.json", "config_sentence_transformers.json", "config.json")


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        ...


def model_name(setting_value: str | os.PathLike | None) -> str:
    """The name an index records for a MODEL setting: the embedded name, or the resolved directory."""
    if setting_value in (None, ""):
        return NAME
    return str(Path(setting_value).expanduser().resolve())


def _normalise(vectors) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


class SentenceTransformerEncoder:
    """A sentence-transformers model from a local directory (never downloads)."""

    batch_size = 32

    def __init__(self, directory: str | os.PathLike):
        path = Path(directory).expanduser()
        if not path.is_dir():
            raise ModelError(f"LAWKB_MODEL={directory}: no such directory; point it at a local "
                             "sentence-transformers model folder, or unset it to use the embedded default")
        if not any((path / marker).is_file() for marker in MARKER_FILES):
            raise ModelError(f"LAWKB_MODEL={directory} is not a sentence-transformers model (no modules.json "
                             "or config.json in it); point it at a model folder such as bge-small-zh-v1.5, "
                             "or unset it to use the embedded default")
        os.environ["HF_HUB_OFFLINE"] = "1"        # never reach for a hub, whatever the caller set
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from transformers.utils import logging as hf_logging  # on use: torch, only with LAWKB_MODEL

            hf_logging.disable_progress_bar()  # no weight-loading bar on every `lawkb search`
            from sentence_transformers import SentenceTransformer

            self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            dim = int(self.model.encode(["测试"], convert_to_numpy=True).shape[1])  # any version's API
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - any loading failure is a model problem
            raise ModelError(f"LAWKB_MODEL={directory} could not be loaded as a sentence-transformers model "
                             f"({type(exc).__name__}: {str(exc)[:200]})") from None
        self.name = model_name(path)
        self.dim = int(dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
        return _normalise(vectors)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode(texts)


class EmbeddedEncoder:
    """The embedded default model (kb.search.embedded_model) as an Encoder."""

    def __init__(self, model):
        self.model = model
        self.name = model.name
        self.dim = model.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(list(texts))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(list(texts), queries=True)


class EmbeddedModelMissing(ModelError):
    """The embedded model files are not in the index directory."""


def load_encoder(setting_value: str | os.PathLike | None, index_dir: str | os.PathLike | None = None) -> Encoder:
    """The encoder for a MODEL setting value (see module docstring)."""
    if setting_value not in (None, ""):
        return SentenceTransformerEncoder(setting_value)
    if index_dir is None or not (Path(index_dir) / MODEL_FILE).is_file():
        raise EmbeddedModelMissing(f"the embedded model is not in {index_dir}; it is trained by `lawkb index`")
    try:
        return EmbeddedEncoder(EmbeddedModel.load(index_dir))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:  # e.g. a truncated .npz
        raise EmbeddedModelMissing(f"the embedded model in {index_dir} is unreadable "
                                   f"({type(exc).__name__}: {exc})") from None
