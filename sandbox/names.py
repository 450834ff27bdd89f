"""Vietnamese names for a generated province: its departments, branches, old districts, communes."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sandbox.legacy_text import without_diacritics

_MANAGEMENT = ("Kiểm soát thông tin dạng văn bản", "Đánh giá nội bộ")


@dataclass(frozen=True, kw_only=True)
class Body:
    """The name data of one agency, before a scenario is given to it."""

    code: str
    name: str
    level: str
    slug: str
    doc_code: str
    head_title: str
    sectors: tuple[str, ...]
    procedures: tuple[str, ...]
    parent: str | None = "UBND-TINH"


def _dept(
    code: str, name: str, slug: str, sectors: tuple[str, ...], procedures: tuple[str, ...]
) -> Body:
    doc_code = "S" + code.removeprefix("SO-") if code.startswith("SO-") else code.split("-")[0]
    return Body(
        code=code,
        name=name,
        level="department",
        slug=slug,
        doc_code=doc_code,
        head_title="GIÁM ĐỐC",
        sectors=sectors,
        procedures=_MANAGEMENT + procedures,
    )


# fmt: off
DEPARTMENTS = (
    _dept("SO-KHCN", "Sở Khoa học và Công nghệ", "so-khcn",
          ("Hoạt động khoa học và công nghệ", "Tiêu chuẩn đo lường chất lượng"),
          ("Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",)),
    _dept("SO-TP", "Sở Tư pháp", "so-tuphap", ("Lý lịch tư pháp", "Công chứng"),
          ("Cấp Phiếu lý lịch tư pháp", "Đăng ký hành nghề công chứng")),
    _dept("SO-YT", "Sở Y tế", "so-yte", ("Khám bệnh, chữa bệnh", "Dược phẩm"),
          ("Cấp chứng chỉ hành nghề dược",)),
    _dept("SO-NV", "Sở Nội vụ", "so-noivu", ("Công chức, viên chức", "Thi đua, khen thưởng"),
          ("Thẩm định đề nghị khen thưởng", "Tuyển dụng viên chức")),
    _dept("SO-NNMT", "Sở Nông nghiệp và Môi trường", "so-nnmt", ("Đất đai", "Môi trường"),
          ("Cấp giấy phép môi trường", "Đăng ký biến động đất đai")),
    _dept("SO-XD", "Sở Xây dựng", "so-xaydung", ("Hoạt động xây dựng", "Giao thông vận tải"),
          ("Cấp giấy phép xây dựng", "Cấp giấy phép lái xe")),
    _dept("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "so-vhttdl", ("Văn hóa", "Du lịch"),
          ("Cấp giấy phép tổ chức biểu diễn nghệ thuật",)),
    _dept("SO-GDDT", "Sở Giáo dục và Đào tạo", "so-gddt", ("Giáo dục và đào tạo",),
          ("Cấp bản sao văn bằng",)),
    _dept("SO-CT", "Sở Công Thương", "so-congthuong", ("Công nghiệp", "Thương mại"),
          ("Cấp giấy phép kinh doanh bán lẻ sản phẩm rượu",)),
    _dept("SO-TC", "Sở Tài chính", "so-taichinh", ("Ngân sách", "Đầu tư"),
          ("Đăng ký thành lập doanh nghiệp",)),
    _dept("TTR-TINH", "Thanh tra tỉnh", "thanhtra", ("Tiếp công dân", "Khiếu nại, tố cáo"),
          ("Tiếp công dân",)),
    _dept("VP-UBND", "Văn phòng Ủy ban nhân dân tỉnh", "vpubnd", ("Hành chính, tổng hợp",),
          ("Tiếp nhận và xử lý văn bản đến",)),
    _dept("SO-DTTG", "Sở Dân tộc và Tôn giáo", "so-dttg", ("Dân tộc", "Tín ngưỡng, tôn giáo"),
          ("Đăng ký sinh hoạt tôn giáo tập trung",)),
    _dept("SO-NGV", "Sở Ngoại vụ", "so-ngoaivu", ("Lãnh sự", "Hợp tác quốc tế"),
          ("Cho phép tổ chức hội nghị, hội thảo quốc tế",)),
)

_BRANCHES = (
    ("CC-THUYLOI", "Chi cục Thủy lợi", "SO-NNMT", ("Thủy lợi", "Phòng, chống thiên tai")),
    ("CC-KIEMLAM", "Chi cục Kiểm lâm", "SO-NNMT", ("Lâm nghiệp",)),
    ("CC-TDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "SO-KHCN", ("Đo lường", "Chất lượng")),
    ("CC-ATVSTP", "Chi cục An toàn vệ sinh thực phẩm", "SO-YT", ("An toàn thực phẩm",)),
    ("CC-CNTY", "Chi cục Chăn nuôi và Thú y", "SO-NNMT", ("Chăn nuôi", "Thú y")),
    ("CC-TTBVTV", "Chi cục Trồng trọt và Bảo vệ thực vật", "SO-NNMT", ("Trồng trọt",)),
    ("CC-DANSO", "Chi cục Dân số", "SO-YT", ("Dân số",)),
    ("CC-VTLT", "Chi cục Văn thư - Lưu trữ", "SO-NV", ("Văn thư, lưu trữ",)),
    ("CC-QLDD", "Chi cục Quản lý đất đai", "SO-NNMT", ("Đất đai",)),
    ("CC-PTNT", "Chi cục Phát triển nông thôn", "SO-NNMT", ("Kinh tế hợp tác",)),
    ("CC-THUYSAN", "Chi cục Thủy sản", "SO-NNMT", ("Thủy sản",)),
    ("CC-BVMT", "Chi cục Bảo vệ môi trường", "SO-NNMT", ("Môi trường",)),
    ("CC-QLCLNLS", "Chi cục Quản lý chất lượng nông lâm sản và thủy sản", "SO-NNMT",
     ("Chất lượng nông lâm thủy sản",)),
    ("CC-GDXD", "Chi cục Giám định xây dựng", "SO-XD", ("Giám định xây dựng",)),
)
# fmt: on

FIRST_SYLLABLES = (
    "An", "Bình", "Cẩm", "Đại", "Đông", "Gia", "Hòa", "Hưng", "Hương", "Kim", "Lạc", "Long",
    "Minh", "Mỹ", "Nam", "Ngọc", "Nghĩa", "Phú", "Phúc", "Phước", "Quang", "Quảng", "Sơn",
    "Tân", "Thạch", "Thanh", "Thành", "Thiện", "Thuận", "Tiên", "Trung", "Trường", "Vĩnh",
    "Xuân", "Yên", "Hải", "Đức", "Lộc", "Hồng", "Bắc",
)  # fmt: skip
SECOND_SYLLABLES = (
    "An", "Bình", "Châu", "Điền", "Đông", "Giang", "Hà", "Hải", "Hiệp", "Hòa", "Hưng", "Khánh",
    "Lâm", "Lập", "Lộc", "Lợi", "Long", "Mỹ", "Nam", "Nghĩa", "Phong", "Phú", "Phước",
    "Sơn", "Tân", "Tây", "Thạnh", "Thịnh", "Thọ", "Thuận", "Tiến", "Trung", "Văn", "Vinh",
    "Xuân", "Yên", "Thành", "Định", "Quý", "Cường",
)  # fmt: skip

DIRECTIONS = ("Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung")


def slug_of(text: str) -> str:
    """'xã An Phú' -> 'xa-an-phu'."""
    words = "".join(c if c.isalnum() else " " for c in without_diacritics(text).lower()).split()
    return "-".join(words)


def branches() -> tuple[Body, ...]:
    """The branches (chi cục, ban) of the province, in a fixed order."""
    return tuple(
        Body(
            code=code,
            name=name,
            level="branch",
            slug=code.lower(),
            doc_code=code.replace("-", ""),
            head_title="CHI CỤC TRƯỞNG",
            sectors=sectors,
            procedures=(*_MANAGEMENT, f"Giải quyết hồ sơ lĩnh vực {sectors[0].lower()}"),
            parent=parent,
        )
        for code, name, parent, sectors in _BRANCHES
    )


def _local_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        first, second = rng.choice(FIRST_SYLLABLES), rng.choice(SECOND_SYLLABLES)
        place = f"{first} {second}"
        if rng.random() < 0.3:
            place += f" {rng.choice(DIRECTIONS)}"  # "An Phú Đông", as split communes are named
        key = slug_of(place)
        if key not in taken and slug_of(first) != slug_of(second):
            taken.add(key)
            names.append(place)
    return names


def _local_body(kind: str, place: str, level: str) -> Body:
    name = f"Ủy ban nhân dân {kind} {place}"
    slug = slug_of(f"{kind} {place}")
    prefix = {"xã": "XA", "phường": "PH", "huyện": "HUYEN"}[kind]
    sectors = ("Hộ tịch", "Chứng thực", "Đất đai")
    return Body(
        code=f"{prefix}-{slug.split('-', 1)[1].replace('-', '').upper()}",
        name=name,
        level=level,
        slug=slug,
        doc_code="UBND",
        head_title="CHỦ TỊCH",
        sectors=sectors,
        procedures=(*_MANAGEMENT, "Đăng ký khai sinh", "Chứng thực bản sao từ bản chính"),
    )


def communes(rng: random.Random, count: int, taken: set[str]) -> list[Body]:
    """`count` communes and wards (xã, phường), their name slugs not in `taken` (which grows)."""
    places = _local_names(rng, count, taken)
    return [
        _local_body("phường" if rng.random() < 0.25 else "xã", place, "commune") for place in places
    ]


def districts(rng: random.Random, count: int, taken: set[str]) -> list[Body]:
    """Old districts (huyện), abolished in July 2025, whose sites are still online."""
    return [_local_body("huyện", place, "district") for place in _local_names(rng, count, taken)]
