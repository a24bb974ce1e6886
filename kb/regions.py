"""Regions of local law: province-level names, ``省/市`` region strings, and which region binds whom.

A document's region is None (national: laws, 行政法规, 部门规章, 司法解释), a province-level name
(``上海市``, ``广东省``, ``新疆维吾尔自治区``) or ``省/市`` (``广东省/广州市``); a city whose province is
unknown is stored as the city alone. The bureau's own region is the setting ``LAWKB_REGION``
(e.g. ``新疆维吾尔自治区/吐鲁番市``): local law of that province (its own city's, or the
province's) binds the bureau; local law of other provinces or of other cities does not.
"""

from __future__ import annotations

import re

PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区")
SHORT_NAMES = {re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", p): p for p in PROVINCES}
CITY_RE = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:自治州|自治县|地区|盟|市|县))(?![场政民容区域长])")
SPECIAL_ZONE_RE = re.compile(r"^([\u4e00-\u9fff]{2,3})经济特区")
NOT_CITIES = ("城市", "城乡", "全市", "本市", "各市", "设区的市", "省辖市", "地级市")


def province_of(name: str | None) -> str | None:
    """上海 / 上海市 / 广东 / 新疆 -> the full province-level name, or None."""
    if not name:
        return None
    name = name.strip()
    if name in PROVINCES:
        return name
    return SHORT_NAMES.get(name)


def _leading_province(title: str) -> tuple[str | None, str]:
    """(province named at the start of a title, rest of the title)."""
    for full in sorted(PROVINCES, key=len, reverse=True):
        if title.startswith(full):
            return full, title[len(full):]
    for short, full in sorted(SHORT_NAMES.items(), key=lambda kv: len(kv[0]), reverse=True):
        if title.startswith(short) and len(short) >= 2:
            return full, title[len(short):]
    return None, title


def city_of_title(title: str) -> str | None:
    """The city (市/自治州/县…) a local regulation's title starts with, if any: 广州市…, 深圳经济特区… -> 深圳市."""
    zone = SPECIAL_ZONE_RE.match(title)
    if zone:
        return zone.group(1) + "市"
    match = CITY_RE.match(title)
    if not match or match.group(1).startswith(NOT_CITIES + ("某",)) or province_of(match.group(1)):
        return None
    return match.group(1)


def region_of_title(title: str, province: str | None = None) -> str | None:
    """Region of a local regulation from its title (and the province its folder names, if any)."""
    named, rest = _leading_province(title)
    province = province or named
    if named and named != province:  # the title names another province than the folder: trust the title
        province = named
    city = city_of_title(rest if named else title)
    if province and city and city != province:
        return f"{province}/{city}"
    return province or city


def normalize_region(text: str | None) -> str | None:
    """A user's region ('新疆/吐鲁番市', '上海', '广东省/广州市') in the stored form, or None if empty."""
    if text is None or not str(text).strip():
        return None
    parts = [p.strip() for p in re.split(r"[/／,，\s]+", str(text).strip()) if p.strip()]
    if not parts:
        return None
    province = province_of(parts[0])
    if province:
        return "/".join([province, *parts[1:2]])
    return parts[0] if len(parts) == 1 else "/".join(parts[:2])


def split_region(region: str | None) -> tuple[str | None, str | None]:
    """(province, city) of a stored region; a city stored alone has province None."""
    if not region:
        return None, None
    first, _, second = region.partition("/")
    if province_of(first):
        return province_of(first), second or None
    return None, first


NATIONAL = ("全国", "national")
ALL_REGIONS = ("全部", "all")


def region_matches(document_region: str | None, wanted: str) -> bool:
    """Is a document in the wanted region? A province includes its cities; a city includes its
    province's own regulations (what applies there); 全国 means national texts (no region)."""
    if str(wanted).strip() in NATIONAL:
        return document_region is None
    if not document_region:
        return False
    province, city = split_region(document_region)
    want_province, want_city = split_region(normalize_region(wanted))
    if want_province and province and want_province != province:
        return False
    if want_city and city and want_city != city:
        return False
    if want_province is None and province is not None and city is None:
        return False  # a bare city asked for: only that city's texts are known to be in it
    return True


def binds(document_region: str | None, bureau_region: str | None) -> bool:
    """Is a document binding for a bureau in ``bureau_region``? National texts always are.

    Local law binds inside its area only: the province's own regulations bind every city of it,
    a city's regulations bind that city. Without a bureau region every text counts as binding.
    """
    if not document_region or not bureau_region:
        return True
    province, city = split_region(document_region)
    own_province, own_city = split_region(normalize_region(bureau_region))
    if province and own_province and province != own_province:
        return False
    if city and own_city:
        return city == own_city
    if city and not own_city:
        return False
    return province is None or own_province is None or province == own_province
