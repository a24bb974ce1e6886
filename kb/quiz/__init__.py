"""Law quizzes for study sessions: generation, validation, paper export, sessions and records."""

from kb.quiz.generator import QuizResult, generate
from kb.quiz.scope import Scope

__all__ = ["QuizResult", "Scope", "generate"]
