"""The QMS activities a text reports as held: the internal audit and the management review.

A report or a plan that says "đã tổ chức đánh giá nội bộ" or gives "kết quả đánh giá nội bộ"
is evidence the audit was held (QĐ 19/2014/QĐ-TTg Art. 4(4)(b) asks for one of each a
year); one that only schedules it ("Đánh giá nội bộ: Quý III") is not.
"""

from __future__ import annotations

import re

from extractors.vietnamese import fold

__all__ = ["ACTIVITIES", "find_held"]

_AUDIT = r"danh gia (?:chat luong )?noi bo"
_REVIEW = r"(?:hop )?xem xet cua lanh dao"
ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("internal_audit", _AUDIT),
    ("management_review", _REVIEW),
)

# One sentence or list item: up to a semicolon, a full stop before a space, or a line end.
_SENTENCE = re.compile(r"[^;\n]+?(?:\.(?=\s)|;|\n|$)")
_DONE = re.compile(r"\b(?:da|vua)\s+(?:\w+\s+){0,4}?")  # "đã tổ chức", "vừa tiến hành"
_NOT_DONE = re.compile(r"\b(?:chua|khong|se|du kien|ke hoach)\b")
_RESULTS = r"(?:ket qua|bien ban|bao cao ket qua)(?: cuoc)? "


def find_held(text: str, *, folded: str | None = None) -> tuple[str, ...]:
    """Which of "internal_audit" and "management_review" the text says were held; `folded`
    is `fold(text)` when the caller has it already."""
    held: list[str] = []
    for sentence in _SENTENCE.finditer(fold(text) if folded is None else folded):
        words = sentence.group(0)
        for activity, pattern in ACTIVITIES:
            if activity not in held and _says_held(words, pattern):
                held.append(activity)
    return tuple(activity for activity, _ in ACTIVITIES if activity in held)


def _says_held(sentence: str, activity: str) -> bool:
    """The sentence reports the activity done ("đã thực hiện đánh giá nội bộ, họp xem xét của
    lãnh đạo") or gives its results, and does not deny or only plan it."""
    results = re.search(_RESULTS + activity, sentence)
    done = _DONE.search(sentence)
    named = re.search(activity, sentence)
    if named is None:
        return False
    if results is not None:
        return True
    before = sentence[: named.start()]
    return done is not None and done.start() < named.start() and not _NOT_DONE.search(before)
