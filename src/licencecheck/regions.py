"""Province-level divisions of mainland China (GB/T 2260), the units a licence's coverage names.

This is a national code table, like the holiday calendar: no licence fact lives here. A licence
covers 全国 (the whole country) or a list of these divisions; a provincial licence number starts
with the division's one-character abbreviation (渝 for 重庆市).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

NATIONWIDE = "全国"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short: str
    abbreviation: str


REGIONS: tuple[Region, ...] = tuple(
    Region(code, name, short, abbreviation)
    for code, name, short, abbreviation in (
        ("110000", "北京市", "北京", "京"),
        ("120000", "天津市", "天津", "津"),
        ("130000", "河北省", "河北", "冀"),
        ("140000", "山西省", "山西", "晋"),
        ("150000", "内蒙古自治区", "内蒙古", "蒙"),
        ("210000", "辽宁省", "辽宁", "辽"),
        ("220000", "吉林省", "吉林", "吉"),
        ("230000", "黑龙江省", "黑龙江", "黑"),
        ("310000", "上海市", "上海", "沪"),
        ("320000", "江苏省", "江苏", "苏"),
        ("330000", "浙江省", "浙江", "浙"),
        ("340000", "安徽省", "安徽", "皖"),
        ("350000", "福建省", "福建", "闽"),
        ("360000", "江西省", "江西", "赣"),
        ("370000", "山东省", "山东", "鲁"),
        ("410000", "河南省", "河南", "豫"),
        ("420000", "湖北省", "湖北", "鄂"),
        ("430000", "湖南省", "湖南", "湘"),
        ("440000", "广东省", "广东", "粤"),
        ("450000", "广西壮族自治区", "广西", "桂"),
        ("460000", "海南省", "海南", "琼"),
        ("500000", "重庆市", "重庆", "渝"),
        ("510000", "四川省", "四川", "川"),
        ("520000", "贵州省", "贵州", "黔"),
        ("530000", "云南省", "云南", "滇"),
        ("540000", "西藏自治区", "西藏", "藏"),
        ("610000", "陕西省", "陕西", "陕"),
        ("620000", "甘肃省", "甘肃", "甘"),
        ("630000", "青海省", "青海", "青"),
        ("640000", "宁夏回族自治区", "宁夏", "宁"),
        ("650000", "新疆维吾尔自治区", "新疆", "新"),
    )
)

REGION_NAMES: frozenset[str] = frozenset(region.name for region in REGIONS)


def by_abbreviation(abbreviation: str) -> Region | None:
    """The division a provincial licence number's first character names (渝 → 重庆市)."""
    return next((region for region in REGIONS if region.abbreviation == abbreviation), None)


def find_region(term: str) -> Region | None:
    """A division by its full name (四川省), short name (四川), abbreviation (川) or GB/T 2260
    code (510000; 51 also works). Full-width digits and spaces are tolerated."""
    key = unicodedata.normalize("NFKC", term).strip()
    if key.isdigit() and len(key) in (2, 6):
        key = key.ljust(6, "0")
    for region in REGIONS:
        if key in (region.code, region.name, region.short, region.abbreviation):
            return region
    return None


def covers(regions: list[str], region: Region) -> bool:
    """Whether a coverage list (全国, or full names) includes this division."""
    return NATIONWIDE in regions or region.name in regions
