"""Pages: /cite/ (check a draft), /cite/concordance, /cite/diff, /cite/builder."""

from __future__ import annotations

from flask import Response, render_template, request
from markupsafe import Markup, escape

from kb.cite import concordance as concordance_mod
from kb.cite import exports
from kb.cite.builder import build, parse_selection
from kb.cite.check import VERDICT_LABELS, check_draft
from ingest.draft import read_draft_bytes
from kb.cite.draft import draft_from_text
from kb.cite.extract import extract
from kb.cite.version_diff import char_ops, diff_law, versions_of
from kb.clause import LEVELS
from kb.errors import LawKBError, QueryError
from webapp.cite import bp
from webapp.errors import user_message
from webapp.state import state

VERDICT_CLASS = {"ok": "ok", "no_such_article": "repealed", "not_in_force": "pending", "not_binding": "pending", "unknown_law": "old",
                 "ambiguous": "old"}
MAX_TEXT = 200_000
EXAMPLE = ("以上行为违反了《中华人民共和国水污染防治法》第三十九条的规定。依据同法第八十三条第（三）项，"
           "参照《中华人民共和国行政处罚法》第三十三条第一款、第二款的规定，决定罚款。\n某某市生态环境局\n二〇二六年九月三日")


def verdict_badge(verdict: str) -> Markup:
    return Markup('<span class="badge badge-%s">%s</span>') % (VERDICT_CLASS.get(verdict, "old"),
                                                                 VERDICT_LABELS.get(verdict, verdict))


def marked(ops, keep: str) -> Markup:
    """Text of one side of a diff with the other side's changes marked (keep: 'delete' or 'insert')."""
    out = []
    for op, text in ops:
        if op == "equal":
            out.append(escape(text))
        elif op == keep:
            tag = "del" if op == "delete" else "ins"
            out.append(Markup(f"<{tag}>%s</{tag}>") % text)
    return Markup("").join(out)


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


def draft_from_request():
    """The draft of a POST: an uploaded file wins over pasted text."""
    upload = request.files.get("file")
    if upload and upload.filename:
        return read_draft_bytes(upload.read(), upload.filename)
    text = request.form.get("text") or ""
    if request.is_json:
        text = (request.get_json(silent=True) or {}).get("text") or ""
    if not text.strip():
        raise QueryError("paste the text of the draft or upload a DOCX/PDF file", zh="请粘贴待核查的文本，或上传 DOCX/PDF 文件")
    if len(text) > MAX_TEXT:
        raise QueryError(f"the text is longer than {MAX_TEXT} characters", zh=f"文本超过 {MAX_TEXT} 字，请分段核查")
    return draft_from_text(text, "粘贴的文本")


@bp.route("/cite/", methods=["GET", "POST"])
def index():
    record = error = None
    text = request.form.get("text", "") if request.method == "POST" else ""
    as_of = (request.form.get("as_of") or "").strip()
    level, region = (request.form.get("level") or "").strip(), (request.form.get("region") or "").strip()
    if request.method == "POST":
        try:
            draft = draft_from_request()
            record = check_draft(state().corpus, draft, as_of or None, levels=level, regions=region).to_record()
            text = draft.text if draft.kind == "text" else text
        except LawKBError as exc:
            error = user_message(exc)
    return render_template("cite/check.html", record=record, error=error, text=text, as_of=as_of,
                           level=level, region=region, levels=LEVELS,
                           example=EXAMPLE, badge=verdict_badge,
                           annotated=annotated(record["text"], record["citations"]) if record else None)


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
            rows = []
            for row, pair in zip(exports.concordance_rows(corpus.store, law), law.pairs):
                ops = char_ops(row[1], row[3]) if row[3] else [("delete", row[1])]
                rows.append({"pair": pair, "old": marked(ops, "delete"), "new": marked(ops, "insert") if row[3] else None})
        except LawKBError as exc:
            error = user_message(exc)
    return render_template("cite/concordance.html", laws=laws, law=law, rows=rows, name=name, error=error)


@bp.get("/cite/concordance/export.<fmt>")
def concordance_export(fmt: str):
    corpus, law = _concordance((request.args.get("law") or "").strip())
    rows = exports.concordance_rows(corpus.store, law)
    stem = f"{law.old_title[7:] if law.old_title.startswith('中华人民共和国') else law.old_title}-法典对照表"
    if fmt == "csv":
        body, mime = exports.csv_bytes(rows), "text/csv; charset=utf-8"
    elif fmt == "docx":
        body, mime = exports.docx_bytes(law, rows), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise QueryError("export format must be csv or docx", zh="导出格式只能是 csv 或 docx")
    from urllib.parse import quote

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
            result = diff_law(state().corpus, name, from_day, to_day)
            for change in result.changes:
                if change.kind == "unchanged":
                    continue
                rows.append({"change": change, "old": marked(change.ops, "delete") if change.old else None,
                             "new": marked(change.ops, "insert") if change.new else None})
        except LawKBError as exc:
            error = user_message(exc)
    return render_template("cite/diff.html", name=name, result=result, rows=rows, versions=versions,
                           from_day=from_day or "", to_day=to_day or "", error=error)


def selections_from(values: list[str], refs_text: str):
    """Selections from clause ids (sel=ID[:P[:I]]) and from citations typed in a box."""
    selections = [parse_selection(v) for v in values if v.strip()]
    if refs_text.strip():
        from kb.citations import resolve

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
