"""Level, issuing 部门, 部门法 category and region of a file from the folders it sits in.

Collections such as LawRefBook/Laws sort their files by kind, and the folder says more than a
guess from the title can:

* ``行政法规/``, ``司法解释/``, ``部门规章/<部门>/`` (the 部门 is the issuing body),
  ``地方性法规/`` (also ``DLC/<省>地方法规/地方性法规/<省>/``: the province; the city comes from
  the title, e.g. 广州市…, 深圳经济特区…);
* the national-law category folders (宪法相关法, 民法商法, 行政法, 经济法, 社会法, 刑法,
  诉讼与非诉讼程序法, 民法典): level 法律 and that 部门法 category; ``宪法/``: level 宪法;
* any other folder named like a level (法律, 规范性文件 …): that level.

``folder_facts(folders)`` takes the folder names from the import root down to the file;
``guess_level(title, header, folder)`` is the level when the folders say nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kb.clause import LEVELS
from kb.regions import province_of, region_of_title

PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
             "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
LOCAL_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:省|市|自治区|自治州|自治县|县|盟)(?!容|场|政|民|区域|县)")
NOT_PLACES = ("城市", "城乡", "全国", "中华", "超市")
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


def guess_level(title: str, header: str = "", folder: str = "") -> str:
    """The level of a document from its folder name, title and header lines."""
    if folder in LEVELS:
        return folder
    if title.startswith("中华人民共和国宪法"):
        return "宪法"
    if (title.startswith("中华人民共和国") and re.search(r"法(典)?$", title)) or "全国人民代表大会" in header:
        return "法律"
    courts = ("最高人民法院", "最高人民检察院")
    if (any(c in title for c in courts) or re.search(r"(最高人民法院|最高人民检察院)\S{0,12}(审判委员会|检察委员会|公告)", header)) \
            and re.search(r"(解释|规定|批复|决定|意见)(（.*）)?$", title):
        return "司法解释"
    if title.startswith(PROVINCES) or (LOCAL_RE.match(title) and not title.startswith(NOT_PLACES)):
        return "地方性法规"
    if re.search(r"[部局委署行会]令|部令", header) and "国务院令" not in header and "国务院批准" not in header:
        return "部门规章"
    if "国务院" in header or (re.search(r"(条例|办法|规定|细则)$", title) and "国务院" in title):
        return "行政法规"
    if re.search(r"条例(（.*）)?$", title):
        return "行政法规"
    return "规范性文件"
