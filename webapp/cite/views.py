"""Pages: /cite/ (check a draft), /cite/concordance, /cite/diff, /cite/builder."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, current_app, render_template, request
from markupsafe import Markup, escape

from kb.citations import resolve
from kb.cite import concordance as concordance_mod
from kb.cite import exports
from kb.cite.builder import build, parse_selection
from kb.cite.check import VERDICT_LABELS, check_draft
from ingest.draft import read_draft_bytes
from kb.cite.draft import draft_from_text
from kb.cite.extract import extract
from kb.cite.version_diff import diff_law, versions_of
from kb.cite.word_diff import word_ops
from kb.clause import LEVELS
from kb.errors import LawKBError, QueryError
from kb.limits import BudgetExceeded, LimitError
from ingest.errors import TooLargeError
from webapp.cite import bp
from webapp.errors import code_for, user_message
from webapp.render import band_label, marked
from webapp.state import state
from webapp.work import heavy_work

VERDICT_CLASS = {"ok": "ok", "no_such_article": "repealed", "not_in_force": "pending", "not_binding": "pending", "unknown_law": "old",
                 "ambiguous": "old"}
SOURCE_KINDS = {"text": "文本", "docx": "Word 文档", "pdf": "PDF 文件"}
EXAMPLE = ("以上行为违反了《中华人民共和国水污染防治法》第三十九条的规定。依据同法第八十三条第（三）项，"
           "参照《中华人民共和国行政处罚法》第三十三条第一款、第二款的规定，决定罚款。\n某某市生态环境局\n二〇二六年九月三日")


def verdict_badge(verdict: str) -> Markup:
    return Markup('<span class="badge badge-%s">%s</span>') % (VERDICT_CLASS.get(verdict, "old"),
                                                                 VERDICT_LABELS.get(verdict, verdict))


def annotated(text: str, citations: list[dict]) -> Markup:
    """The draft text with each citation marked and numbered."""
    out, last = [], 0
    for number, citation in enumerate(citations, 1):
        start, end = citation["span"]
        if start < last:
            continue
        out.append(escape(text[last:start]))
        out.append(Markup('<a class="cite-mark cite-%s" href="#c%d" title="%s">%s<sup>%d</sup></a>')
                   % (VERDICT_CLASS.get(citation["verdict"], "old"), number, VERDICT_LABELS.get(citation["verdict"], ""),
                      text[start:end], number))
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


@bp.before_app_request
def _draft_size_limit():
    """Drafts posted to the check are capped at LAWKB_CITE_MAX_MB (a 413 before the body is read)."""
    if request.endpoint in ("cite.index", "cite.api_check"):
        request.max_content_length = int(current_app.config["CITE_MAX_MB"] * 1024 * 1024)


def draft_from_request():
    """The draft of a POST: an uploaded file wins over pasted text."""
    upload = request.files.get("file")
    if upload and upload.filename:
        return read_draft_bytes(upload.read(), upload.filename)
    text = request.form.get("text") or ""
    if request.is_json:
        text = (request.get_json(silent=True) or {}).get("text") or ""
    if not isinstance(text, str) or not text.strip():
        raise QueryError("paste the text of the draft or upload a DOCX/PDF file", zh="请粘贴待核查的文本，或上传 DOCX/PDF 文件")
    return draft_from_text(text, "粘贴的文本")


def checked_draft(as_of: str | None, levels=(), regions=()):
    """(draft, report) of the posted draft, read and checked in a work slot under the time budget
    (only the citations of laws of ``levels`` / ``regions`` when given)."""
    with heavy_work("citation check", current_app.config["CITE_TIME_LIMIT"]):
        draft = draft_from_request()
        return draft, check_draft(state().corpus, draft, as_of, levels=levels, regions=regions)


@bp.route("/cite/", methods=["GET", "POST"])
def index():
    record = error = None
    status = 200
    text = request.form.get("text", "") if request.method == "POST" else ""
    as_of = (request.form.get("as_of") or "").strip()
    level, region = (request.form.get("level") or "").strip(), (request.form.get("region") or "").strip()
    if request.method == "POST":
        try:
            draft, report = checked_draft(as_of or None, levels=level, regions=region)
            record = report.to_record()
            text = draft.text if draft.kind == "text" else text
        except LawKBError as exc:
            error = user_message(exc)
            if isinstance(exc, (LimitError, TooLargeError, BudgetExceeded)):
                status = code_for(exc)
                current_app.logger.warning("citation check refused: %s", exc)
        if len(text) > int(current_app.config["CITE_MAX_CHARS"]):
            text = ""  # a refused text is not sent back in the page
    return render_template("cite/check.html", record=record, error=error, text=text, as_of=as_of,
                           level=level, region=region, levels=LEVELS,
                           example=EXAMPLE, badge=verdict_badge, source_kinds=SOURCE_KINDS,
                           annotated=annotated(record["text"], record["citations"]) if record else None), status


def _concordance(name: str):
    corpus = state().corpus
    return corpus, concordance_mod.for_law(corpus, name)


@bp.get("/cite/concordance")
def concordance():
    name = (request.args.get("law") or "").strip()
    corpus = state().corpus
    laws = concordance_mod.load(corpus)
    law = rows = None
    error = None
    if name:
        try:
            law = concordance_mod.for_law(corpus, name)
            rows = state().cached_page(("concordance-rows", law.old_document_id),
                                       lambda: concordance_page_rows(corpus.store, law))
        except LawKBError as exc:
            error = user_message(exc)
    return render_template("cite/concordance.html", laws=laws, law=law, rows=rows, name=name, error=error)


def concordance_page_rows(store, law) -> list[dict]:
    """Each old article with its Code article (clauses, for links) and the word-level changes marked."""
    olds = {(c.article, c.article_suffix): c for c in store.clauses(law.old_document_id, kinds=("article",))}
    rows = []
    for pair in law.pairs:
        old = olds.get((pair.old_article, pair.old_suffix))
        new = store.article(law.new_document_id, pair.new_article, pair.new_suffix) if pair.new_article else None
        old_text = old.text if old else ""
        ops = word_ops(old_text, new.text) if new else [("delete", old_text)]
        rows.append({"pair": pair, "old_clause": old, "new_clause": new, "old": marked(ops, "delete"),
                     "new": marked(ops, "insert") if new else None})
    return rows


@bp.get("/cite/concordance/export.<fmt>")
def concordance_export(fmt: str):
    corpus, law = _concordance((request.args.get("law") or "").strip())
    rows = [[*row[:5], band_label(row[5]), *row[6:]] for row in exports.concordance_rows(corpus.store, law)]
    stem = f"{law.old_title[7:] if law.old_title.startswith('中华人民共和国') else law.old_title}-法典对照表"
    if fmt == "csv":
        body, mime = exports.csv_bytes(rows), "text/csv; charset=utf-8"
    elif fmt == "docx":
        body, mime = exports.docx_bytes(law, rows), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise QueryError("export format must be csv or docx", zh="导出格式只能是 csv 或 docx")
    return Response(body, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename=concordance.{fmt}; filename*=UTF-8''{quote(stem)}.{fmt}"})


@bp.get("/cite/diff")
def diff():
    name = (request.args.get("law") or "").strip()
    from_day, to_day = request.args.get("from") or None, request.args.get("to") or None
    result = versions = error = None
    rows = []
    if name:
        try:
            _, versions = versions_of(state().corpus, name)
            result, rows = state().cached_page(("version-diff", name, from_day, to_day),
                                               lambda: diff_rows(name, from_day, to_day))
        except LawKBError as exc:
            error = user_message(exc)
    return render_template("cite/diff.html", name=name, result=result, rows=rows, versions=versions,
                           from_day=from_day or "", to_day=to_day or "", error=error)


def diff_rows(name: str, from_day: str | None, to_day: str | None):
    """The diff of two versions and its changed articles with the words marked (cached per page:
    aligning every article pair of 宪法 takes about 0.15 s)."""
    result = diff_law(state().corpus, name, from_day, to_day)
    rows = []
    for change in result.changes:
        if change.kind == "unchanged":
            continue
        ops = word_ops(change.old.text if change.old else "", change.new.text if change.new else "")
        rows.append({"change": change, "old": marked(ops, "delete") if change.old else None,
                     "new": marked(ops, "insert") if change.new else None})
    return result, rows


def selections_from(values: list[str], refs_text: str):
    """Selections from clause ids (sel=ID[:P[:I]]) and from citations typed in a box."""
    selections = [parse_selection(v) for v in values if v.strip()]
    if refs_text.strip():
        corpus = state().corpus
        for extracted in extract(corpus, refs_text):
            resolution = resolve(corpus, extracted.ref)
            if resolution.verdict not in ("ok", "not_in_force") or not resolution.clauses:
                raise QueryError(f"{resolution.message_en}", zh=f"{extracted.text}：{resolution.message}")
            for clause in resolution.clauses:
                selections.append(parse_selection([clause.id, clause.paragraph, clause.item]))
    return selections


@bp.route("/cite/builder", methods=["GET", "POST"])
def builder():
    source = request.form if request.method == "POST" else request.args
    refs_text = source.get("refs", "")
    values = source.getlist("sel")
    built = error = None
    if values or refs_text.strip():
        try:
            built = build(state().corpus.store, selections_from(values, refs_text), short=bool(source.get("short")))
        except LawKBError as exc:
            error = user_message(exc)
    return render_template("cite/builder.html", built=built, refs=refs_text, sel=values, error=error,
                           short=bool(source.get("short")))
