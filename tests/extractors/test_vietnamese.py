import unicodedata

from extractors.vietnamese import fold, normalize, repair_glyphs


def test_fold_removes_diacritics_and_d_stroke() -> None:
    assert fold("Quyết định") == "quyet dinh"
    assert fold("ĐỒNG THÁP đã") == "dong thap da"
    assert fold("Hệ thống quản lý chất lượng") == "he thong quan ly chat luong"


def test_fold_keeps_offsets() -> None:
    text = "Số: 12/QĐ-SKHCN ngày 05 tháng 3 năm 2024"
    assert len(fold(text)) == len(text)
    start = fold(text).index("ngay")
    assert text[start : start + 4] == "ngày"


def test_normalize_composes_nfd_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Quyết định công bố")
    assert decomposed != "Quyết định công bố"
    assert normalize(decomposed) == "Quyết định công bố"


def test_normalize_puts_tone_marks_in_one_place() -> None:
    assert normalize("CỘNG HOÀ XÃ HỘI") == "CỘNG HÒA XÃ HỘI"
    assert normalize("thuỷ lợi, khoẻ, hoà") == "thủy lợi, khỏe, hòa"
    # with a final consonant or after "qu" both conventions agree: unchanged
    assert normalize("hoàng, quý, quỳnh, thuyền") == "hoàng, quý, quỳnh, thuyền"


def test_normalize_removes_invisible_characters() -> None:
    assert normalize("Số:\u00a012/QĐ\u200b-UBND\ufeff") == "Số: 12/QĐ-UBND"


def test_repair_glyphs_of_pdf_text_layers() -> None:
    assert repair_glyphs("CHẤT LƢỢNG, chất lƣợng") == ("CHẤT LƯỢNG, chất lượng", "pdf-glyph-oi")
    assert repair_glyphs("chất lượng") == ("chất lượng", None)


def test_normalize_collapses_runs_of_spaces_of_justified_text() -> None:
    assert (
        normalize("Căn  cứ   Quyết\u00a0 định\tsố\n\nĐiều  1.")
        == "Căn cứ Quyết định\tsố\n\nĐiều 1."
    )
