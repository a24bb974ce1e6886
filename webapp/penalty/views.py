"""Pages /penalty/ (处罚依据), /penalty/table (对照表 + export), /penalty/rules (本局裁量基准);
JSON /api/penalty, /api/penalty/table, /api/penalty/rows/<id>."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, current_app, flash, jsonify, redirect, render_template, request, session, url_for

from ingest.errors import (CorruptFileError, EmptyDocumentError, EncodingError, IngestError,
                           UnsupportedFormatError)
from ingest.rule_table import read_rule_table
from kb.errors import LawKBError, NotFoundError, QueryError
from kb.penalty import exports, lookup, present
from kb.penalty.rules import RuleBook, link, rules_for
from kb.penalty.table import load
from webapp.errors import user_message
from webapp.penalty import bp
from webapp.state import state

PAGE_SIZE = 100
EXAMPLES = ("未取得排污许可证排放污染物", "通过暗管偷排废水", "未批先建", "工地夜间施工噪声超标", "露天焚烧秸秆")
FILE_PROBLEMS = {UnsupportedFormatError: "不支持的文件类型，请上传 .csv 或 .docx 文件",
                 EmptyDocumentError: "文件为空，或第一行没有“类型”“违法行为”等列名",
                 EncodingError: "无法识别文件的文字编码，请在 Excel 中另存为“CSV UTF-8”后重新上传",
                 CorruptFileError: "文件已损坏或不是有效的 CSV/DOCX 文件，请重新保存后上传"}


def _laws(corpus, names) -> tuple[str, ...]:
    return tuple(corpus.law_names.titles_for([n for n in names if n])) if any(names) else ()


def _helpers() -> dict:
    return {"fine_label": present.fine_label, "base_fine_label": present.base_fine_label,
            "conditional_lines": present.conditional_lines, "obligation_label": present.obligation_label,
            "reference_note": present.reference_note,
            "per_day_label": present.per_day_label, "measures_label": present.measures_label}


@bp.get("/penalty/")
def index():
    query = (request.args.get("q") or "").strip()
    law = (request.args.get("law") or "").strip()
    record = error = None
    if query:
        try:
            corpus = state().corpus
            record = lookup(corpus, query, top_k=5, laws=_laws(corpus, [law]), searcher=state().searcher())
        except LawKBError as exc:
            error = user_message(exc)
    return render_template("penalty/index.html", query=query, law=law, record=record, error=error,
                           examples=EXAMPLES, **_helpers())


def _table_rows():
    corpus = state().corpus
    table = load(corpus)
    law = (request.args.get("law") or "").strip()
    words = (request.args.get("q") or "").strip()
    titles = list(_laws(corpus, [law])) if law else None
    if titles and len(titles) == 1:
        law = titles[0]         # 生态环境法典 → its full title, as the law menu lists it
    return corpus, table, table.filter(titles, words), law, words


@bp.get("/penalty/table")
def table_page():
    corpus, table, rows, law, words = _table_rows()
    try:
        page = max(1, int(request.args.get("page") or 1))
    except ValueError:
        raise QueryError("page must be a number", zh="页码应为数字") from None
    pages = max(1, (len(rows) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(page, pages)
    shown = rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    bureau = {row["id"]: rules_for(corpus, table, row["id"]) for row in shown}
    return render_template("penalty/table.html", rows=shown, total=len(rows), law=law, words=words, page=page,
                           pages=pages, start=(page - 1) * PAGE_SIZE, laws=table.laws(), bureau=bureau, **_helpers())


@bp.get("/penalty/table/export.<fmt>")
def table_export(fmt: str):
    corpus, table, rows, law, _ = _table_rows()
    bureau = {row["id"]: rules_for(corpus, table, row["id"]) for row in rows}
    cells = exports.table_rows(rows, bureau)
    title = f"{law + ' ' if law else ''}违法行为与法律责任对照表"
    if fmt == "csv":
        body, mime = exports.csv_bytes(cells), "text/csv"
    elif fmt == "docx":
        body, mime = exports.docx_bytes(cells, title), \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise QueryError("export format must be csv or docx", zh="导出格式只能是 csv 或 docx")
    return Response(body, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename=penalty-table.{fmt}; filename*=UTF-8''{quote(title)}.{fmt}"})


def _admin_only(what: str):
    """None for an admin; else a redirect to the login page (or back to the rules page) with a message."""
    if session.get("admin"):
        return None
    flash(f"{what}仅限管理员，请先登录。", "error")
    return redirect(url_for("admin.login", next=url_for("penalty.rules_page"))
                    if "admin.login" in _endpoints() else url_for("penalty.rules_page"))


@bp.route("/penalty/rules", methods=["GET", "POST"])
def rules_page():
    corpus = state().corpus
    book = RuleBook(corpus.dir)
    problems: list[str] = []
    if request.method == "POST":
        refused = _admin_only("导入本局裁量基准")
        if refused:
            return refused
        problems = _import_upload(corpus, book)
        if not problems:
            corpus.forget("penalty_rule_links")
            return redirect(url_for("penalty.rules_page"))
    table = load(corpus)
    rules = book.rules()
    linked = {id(rule): (row_id, score, how) for row_id, found in link(corpus, table, rules).items()
              for rule, score, how in found}
    items = []
    for rule in rules:
        row_id, score, how = linked.get(id(rule), (None, None, None))
        items.append({"rule": rule, "row": table.by_id.get(row_id) if row_id else None, "score": score, "how": how})
    return render_template("penalty/rules.html", sources=book.sources(), items=items, problems=problems,
                           columns=("类型", "违法行为", "处罚依据", "情形", "裁量档次", "罚款比例", "备注"))


@bp.route("/penalty/rules/remove", methods=["GET", "POST"])
def rules_remove():
    """GET: ask to confirm removing one imported file (its name in ?name=); POST: remove it."""
    refused = _admin_only("删除已导入的文件")
    if refused:
        return refused
    corpus = state().corpus
    book = RuleBook(corpus.dir)
    name = (request.values.get("name") or "").strip()
    source = next((s for s in book.sources() if s["name"] == name), None)
    if source is None:
        raise NotFoundError(f"no imported rule file named {name!r}",
                            zh=f"没有名为“{name}”的已导入文件，可能已被删除" if name else "请指定要删除的文件")
    if request.method == "GET":
        return render_template("penalty/rules_remove.html", source=source)
    count = book.remove(name)
    corpus.forget("penalty_rule_links")
    flash(f"已删除 {name}（{count} 条规则）。如需恢复，请重新导入该文件。", "ok")
    return redirect(url_for("penalty.rules_page"))


def _endpoints():
    return current_app.view_functions


def _import_upload(corpus, book) -> list[str]:
    upload = request.files.get("file")
    if not upload or not upload.filename:
        return ["请选择要导入的 CSV 或 DOCX 文件"]
    try:
        outcome, count = book.import_table(corpus, read_rule_table(upload.read(), upload.filename),
                                           replace=bool(request.form.get("replace")))
    except IngestError as exc:
        return [f"{upload.filename}：{FILE_PROBLEMS.get(type(exc), '无法读取该文件')}"]
    except LawKBError as exc:
        return [user_message(exc)] + list(getattr(exc, "problems_zh", []))
    words = {"added": "已导入", "replaced": "已更新", "unchanged": "内容未变化"}[outcome]
    flash(f"{upload.filename}：{words}，共 {count} 条。", "ok")
    return []


# -- JSON ---------------------------------------------------------------------------------------
@bp.get("/api/penalty")
def api_lookup():
    query = (request.args.get("q") or "").strip()
    if not query:
        raise QueryError("parameter q (a description of the conduct) is required")
    try:
        top_k = int(request.args.get("k") or 5)
    except ValueError:
        raise QueryError("k must be a number") from None
    corpus = state().corpus
    record = lookup(corpus, query, top_k=min(max(top_k, 1), 50), laws=_laws(corpus, request.args.getlist("law")),
                    searcher=state().searcher())
    return jsonify({"ok": True, **record})


@bp.get("/api/penalty/table")
def api_table():
    _, _, rows, _, _ = _table_rows()
    return jsonify({"ok": True, "total": len(rows), "rows": rows})


@bp.get("/api/penalty/rows/<row_id>")
def api_row(row_id: str):
    corpus = state().corpus
    table = load(corpus)
    row = table.row(row_id)
    return jsonify({"ok": True, **row, "bureau_rules": rules_for(corpus, table, row_id)})
