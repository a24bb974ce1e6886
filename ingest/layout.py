"""Level, issuing 部门, 部门法 category and region of a file from the folders it sits in.

Collections such as LawRefBook/Laws sort their files by kind, and the folder says more than a
guess from the title can:

* ``行政法规/``, ``司法解释/``, ``部门规章/<部门>/`` (the 部门 is the issuing body),
  ``地方性法规/`` (also ``DLC/<省>地方法规/地方性法规/<省>/``: the province; the city comes from
  the title, e.g. 广州市…, 深圳经济特区…);
* the national-law category folders (宪法相关法, 民法商法, 行政法, 经济法, 社会法, 刑法,
  诉讼与非诉讼程序法, 民法典): level 法律 and that 部门法 category; ``宪法/``: level 宪法;
* any other folder named like a level (法律, 规范性文件 …): that level.

``folder_facts(folders)`` takes the folder names from the import root down to the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kb.clause import LEVELS
from kb.regions import province_of, region_of_title

LEVEL_FOLDERS = {"行政法规": "行政法规", "司法解释": "司法解释", "部门规章": "部门规章", "地方性法规": "地方性法规",
                 "地方法规": "地方性法规", "宪法": "宪法"}
CATEGORY_FOLDERS = {"宪法相关法", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法"}
CATEGORY_ALIASES = {"民法典": "民法商法"}
PROVINCE_FOLDER_RE = re.compile(r"^(.+?)地方(?:性)?法规$")


@dataclass(frozen=True)
class FolderFacts:
    level: str | None = None
    department: str | None = None      # 部门法 category of a national law (as laws.db has it)
    issuing_body: str | None = None    # the 部门 of a 部门规章
    province: str | None = None

    def region(self, title: str, level: str) -> str | None:
        """The document's region: only local law has one."""
        if level != "地方性法规":
            return None
        return region_of_title(title, self.province)


def folder_facts(folders: list[str] | tuple[str, ...]) -> FolderFacts:
    """Facts from folder names, outermost first (the file's own folder last)."""
    level = department = issuing_body = province = None
    for index, name in enumerate(folders):
        if name in LEVEL_FOLDERS:
            level = LEVEL_FOLDERS[name]
            if name == "部门规章" and index + 1 < len(folders):
                issuing_body = folders[index + 1]
        elif name in CATEGORY_FOLDERS or name in CATEGORY_ALIASES:
            level = level or "法律"
            department = CATEGORY_ALIASES.get(name, name)
        elif name in LEVELS:
            level = name
        found = PROVINCE_FOLDER_RE.match(name)
        if found and province_of(found.group(1)):
            province = province_of(found.group(1))
        elif level == "地方性法规" and province_of(name):
            province = province_of(name)
    return FolderFacts(level, department, issuing_body, province)


def folders_of(path: Path, root: Path | None) -> list[str]:
    """Folder names from the import root (itself included) down to the file's folder.

    A file named on its own: its last three folders.
    """
    path = Path(path)
    if root is not None:
        try:
            relative = path.parent.relative_to(root)
            return [root.name, *relative.parts] if root.name else list(relative.parts)
        except ValueError:
            pass
    return list(path.parent.parts[-3:])
