"""Chinese messages for the quiz pages: every library error a user can meet, said in Chinese.

The library's errors carry their Chinese message (``exc.zh``; webapp.errors.user_message); nothing of
the English CLI messages reaches a quiz page, and no message mentions command-line options.
"""

from __future__ import annotations

from webapp.errors import user_message


def chinese(exc: Exception) -> str:
    return user_message(exc)
