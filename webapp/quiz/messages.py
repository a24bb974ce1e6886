"""Chinese messages for the quiz pages: every library error a user can meet, said in Chinese.

The library's own messages are English (they serve the CLI); nothing of them reaches a web page, and no
message mentions command-line options.
"""

from __future__ import annotations

from kb.errors import LawKBError, QueryError
from kb.quiz.records import (DuplicateNameError, NameMissingError, SessionClosedError, SessionNotFoundError)
from kb.quiz.scope import EmptyScopeError, NoSubjectError, NotInForceError, UnknownLawError


def chinese(exc: LawKBError) -> str:
    if isinstance(exc, DuplicateNameError):
        return f"“{exc.name}”已加入测验 {exc.code}。如是同名的另一位同事，请在姓名后加上单位或姓氏首字母。"
    if isinstance(exc, SessionClosedError):
        return "该测验已结束，不能再加入或作答。"
    if isinstance(exc, SessionNotFoundError):
        return f"没有测验码为“{exc.code}”的测验，请核对测验码。" if exc.code else "请输入测验码。"
    if isinstance(exc, NameMissingError):
        return "请填写姓名。"
    if isinstance(exc, UnknownLawError):
        hint = f"您是否要找：{'、'.join(exc.suggestions)}？" if exc.suggestions else "请从下拉列表中选择法规名称。"
        return f"法规库中没有“{exc.name}”。{hint}"
    if isinstance(exc, NotInForceError):
        return f"{'、'.join(exc.titles)}目前不是现行有效的法律，测验只从现行有效的法律出题。"
    if isinstance(exc, EmptyScopeError):
        return "该范围内没有条文，请检查编、章、节名称或条文范围。"
    if isinstance(exc, NoSubjectError):
        return "请填写法规名称或主题。"
    if isinstance(exc, QueryError):
        return "出题范围填写有误，请检查条文范围（如 30-40）、题量和题型。"
    return "暂时无法完成，请稍后重试或联系管理员。"
