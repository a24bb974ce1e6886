"""README stays true: its two commands exist and every setting is documented."""

import re
from pathlib import Path

from lawkb.settings_command import markdown_table

ROOT = Path(__file__).resolve().parent.parent


def test_readme_documents_every_setting_exactly():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "run `lawkb settings --markdown` and paste the table into README"


def test_two_commands_exist_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
