"""测验记录: sessions, participants and scores by law and topic — for hosts (their own sessions) and admins."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, render_template

from kb.quiz.learners import hosts_any
from kb.quiz.records import QuizRecords
from webapp.quiz import bp
from webapp.quiz.identity import current_learner, is_admin, records


def allowed_scope() -> int | None:
    """None for an admin (everything), the learner id of a host (their sessions); 403 for anyone else."""
    if is_admin():
        return None
    learner = current_learner()
    if learner and hosts_any(records(), learner["id"]):
        return learner["id"]
    abort(403, description="测验记录只对测验主持人（本人主持的测验）和管理员开放。")


@bp.route("/records")
def records_page():
    hosted_by = allowed_scope()
    return render_template("quiz/records.html", summary=records().summary(hosted_by), everything=hosted_by is None)


@bp.route("/records.csv")
def records_csv():
    hosted_by = allowed_scope()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(QuizRecords.CSV_HEADER)
    writer.writerows(records().csv_rows(hosted_by))
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=quiz-records.csv"})
