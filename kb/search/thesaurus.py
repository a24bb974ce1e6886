"""Hand-made colloquial / bureau-jargon -> statute wording thesaurus for lexical query expansion.

Staff and citizens say 环评, 未批先建, 偷排, 多久; the statutes say 环境影响评价, 未依法报批…擅自开工建设,
逃避监管的方式排放, 期限. When a query contains a left-hand phrase, the right-hand words are added
to the BM25 query with weight ``THESAURUS_WEIGHT`` (the query's own tokens weigh 1.0). Written
from the statutes' wording, not learned from any question set. Bureau jargon also damps the
expansion learned from lay (mostly civil-law) questions, which otherwise pulls staff queries such
as 危废转移需要什么手续 towards the Civil Code.
"""

from __future__ import annotations

THESAURUS_WEIGHT = 1.0
LEARNED_DAMPING = 0.25

# Bureau jargon: when one of these fires, the query is a staff query, and the expansion table
# learned from lay questions (kb.search.expansion) is damped by LEARNED_DAMPING.
BUREAU: dict[str, tuple[str, ...]] = {
    "环评": ("环境影响评价", "环境影响报告书", "环境影响报告表"),
    "未批先建": ("未依法报批", "环境影响评价", "擅自开工建设"),
    "批建不符": ("建设项目", "重大变动", "重新报批"),
    "三同时": ("同时设计", "同时施工", "同时投产使用", "防治污染的设施"),
    "环保": ("环境保护", "生态环境"),
    "环保局": ("生态环境主管部门",),
    "环保部门": ("生态环境主管部门",),
    "偷排": ("逃避监管", "暗管", "渗井", "渗坑", "排放污染物"),
    "偷排漏排": ("逃避监管", "排放污染物"),
    "超标": ("超过", "排放标准"),
    "超标排放": ("超过", "污染物排放标准", "排放"),
    "按日计罚": ("按日连续处罚",),
    "按日罚款": ("按日连续处罚",),
    "停产整治": ("限制生产", "责令停业"),
    "关停": ("责令关闭", "停业"),
    "查扣": ("查封", "扣押"),
    "查封扣押": ("查封", "扣押"),
    "环保检查": ("现场检查", "监督检查"),
    "拒绝检查": ("拒绝", "阻挠", "现场检查"),
    "危废": ("危险废物",),
    "固废": ("固体废物",),
    "排污证": ("排污许可证",),
    "排污费": ("环境保护税",),
    "黑臭水体": ("水体", "污染"),
    "噪音": ("噪声",),
    "扰民": ("噪声", "干扰他人正常生活"),
}

# Everyday wording of any query.
GENERIC: dict[str, tuple[str, ...]] = {
    "多久": ("期限", "日内", "期间"),
    "多长时间": ("期限", "日内", "期间"),
    "几天": ("期限", "日内"),
    "时效": ("期限", "追究"),
    "罚多少": ("罚款", "以上", "以下"),
    "罚多少钱": ("罚款", "以上", "以下"),
    "怎么罚": ("罚款", "处罚", "法律责任"),
    "怎么处罚": ("罚款", "法律责任"),
}


def expansions(text: str) -> list[tuple[str, float]]:
    """(word, weight) statute words for the phrases found in an (already simplified) text."""
    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    for table in (BUREAU, GENERIC):
        for phrase, words in table.items():
            if phrase in text:
                for word in words:
                    if word not in seen and word not in text:
                        seen.add(word)
                        out.append((word, THESAURUS_WEIGHT))
    return out


def is_bureau_query(text: str) -> bool:
    """Does an (already simplified) text use bureau jargon (环评, 未批先建, 危废 …)?"""
    return any(phrase in text for phrase in BUREAU)
