"""GET /search (and /): the search page. A citation query redirects to its clause page."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from markupsafe import Markup

from kb.clause import LEVELS
from kb.errors import IndexMissingError, NotFoundError, QueryError
from kb.search.levels import GROUP_TITLE
from webapp.errors import user_message
from webapp.notfound import citation_not_found
from webapp.search import bp
from webapp.search.query import STATUS_CHOICES, SearchForm, run_form
from webapp.state import state

EXAMPLES = ["企业超标排放污染物按日连续处罚", "行政处罚听证的条件", "生态环境法典第1060条",
            "建设项目未批先建如何处罚", "《中华人民共和国生态环境法典》第一千一百零二条"]


def title_options() -> Markup:
    """<option>s of every title for the law filter's datalist (cached until the next import)."""
    return state().cached_page(("title-options",), lambda: Markup("").join(
        Markup('<option value="%s">') % title for title in state().corpus.store.titles()))


def region_names() -> list[str]:
    """全国, 全部, then the provinces and 省/市 of the local law in the store."""
    regions = {d.region for d in state().corpus.store.documents() if d.region}
    provinces = {r.split("/")[0] for r in regions}
    return ["全国", "全部", *sorted(provinces), *sorted(regions - provinces)]


@bp.get("/")
@bp.get("/search")
def index():
    corpus = state().corpus  # a missing store is a 503 before anything else
    form = SearchForm.from_args(request.args)
    error = None
    outcome = None
    try:
        filters = form.filters()
    except (QueryError, NotFoundError) as exc:  # a bad filter: said above the form
        filters, error = None, user_message(exc)
    try:
        outcome = run_form(form, filters) if filters is not None else None
    except NotFoundError as exc:
        raise citation_not_found(form.q, form.as_of or None, user_message(exc)) from None
    except QueryError as exc:
        error = user_message(exc)
    except IndexMissingError as exc:
        rebuild = current_app.extensions.get("lawkb.rebuild")
        error = ("导入了新文件，检索索引正在重建，请几分钟后再搜索；法规浏览不受影响。"
                 if rebuild is not None and rebuild.running else f"搜索暂不可用：{user_message(exc)}")
    if outcome is not None and outcome.kind == "citation" and outcome.hits:
        first = outcome.hits[0].clause
        args = {"clause_id": first.id, "_anchor": first.anchor}
        if first.paragraph:
            args["p"] = first.paragraph
        if form.as_of:
            args["as_of"] = form.as_of
        return redirect(url_for("laws.clause", **args))
    return render_template(
        "search/index.html", form=form, outcome=outcome, error=error, levels=LEVELS,
        statuses=STATUS_CHOICES, title_options=title_options(), examples=EXAMPLES,
        status_of=state().status, region_names=region_names(), bureau_region=corpus.setting("REGION"),
        neural=state().neural_progress(), group_title=GROUP_TITLE)
