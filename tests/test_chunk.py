"""Structure-aware chunking: offsets, sizes and heading paths on real and synthetic texts."""

from __future__ import annotations

import statistics
from pathlib import Path

from qa.chunk import WORDS_MAX, chunk
from qa.models import Passage
from qa.text import normalize

STARTER = Path(__file__).resolve().parents[1] / "documents"
QUANG_TRI = STARTER / "bao-cao" / "quang-tri-2021-07-01-so-ket-cong-tac-to-chuc-xay-dung-dang.txt"
HARD_LIMIT = 300


def real_documents() -> list[tuple[str, str, str]]:
    """(name, title, text) of the starter collection: 99 administrative documents and the report."""
    docs = []
    for path in sorted(STARTER.rglob("*.txt")):
        text = normalize(path.read_text("utf-8"))
        docs.append((path.name, text.split("\n")[0], text))
    assert len(docs) == 100
    return docs


def words(passage: Passage) -> int:
    return len(passage.text.split())


def body(tag: str, sentences: int = 9) -> str:
    """Sentences of 16 words, each naming ``tag`` and its number."""
    return " ".join(
        f"Nội dung {tag} thứ {i} được các cấp ủy triển khai nghiêm túc và hiệu quả."
        for i in range(sentences)
    )


def path_of(passages: list[Passage], snippet: str) -> tuple[str, ...]:
    found = [p for p in passages if snippet in p.text]
    assert len(found) == 1, f"{snippet!r} is in {len(found)} passages"
    return found[0].heading_path


def assert_well_formed(text: str, passages: list[Passage]) -> None:
    """Exact offsets, stripped texts, ordinals in order, nothing lost between passages."""
    previous_end = 0
    for ordinal, passage in enumerate(passages):
        assert passage.ordinal == ordinal
        assert text[passage.start : passage.end] == passage.text
        assert passage.text and passage.text == passage.text.strip()
        assert all(label and "\n" not in label for label in passage.heading_path)
        assert passage.start >= previous_end and not text[previous_end : passage.start].strip()
        previous_end = passage.end
    assert not text[previous_end:].strip()


def test_offsets_and_coverage_on_every_real_document() -> None:
    for name, title, text in real_documents():
        passages = chunk(text, title)
        assert passages, name
        assert_well_formed(text, passages)


def test_word_counts_on_real_documents() -> None:
    counts = [words(p) for _, title, text in real_documents() for p in chunk(text, title)]
    assert max(counts) <= HARD_LIMIT
    assert 120 <= statistics.median(counts) <= 220
    assert sum(c < 100 for c in counts) / len(counts) < 0.25  # short Điều of decrees stay alone
    assert sum(c < 40 for c in counts) / len(counts) < 0.01


def test_quang_tri_report_sections() -> None:
    text = normalize(QUANG_TRI.read_text("utf-8"))
    passages = chunk(
        text, "Bí thư Tỉnh ủy Lê Quang Tùng: Xây dựng Đảng là nhiệm vụ hết sức quan trọng"
    )
    assert "Nhiệm vụ thời gian tới" in path_of(passages, "Phát biểu chỉ đạo hội nghị")
    assert "Kết quả đạt được 6 tháng đầu năm" in path_of(passages, "Báo cáo tại hội nghị nêu rõ")
    assert passages[0].text.startswith("Bí thư Tỉnh ủy Lê Quang Tùng: Xây dựng Đảng")
    assert passages[0].heading_path == ()
    assert all(not label.startswith("Bí thư") for p in passages for label in p.heading_path)


PARTY_DIRECTIVE = "\n".join(
    [
        "Chỉ thị về tăng cường công tác xây dựng Đảng",
        body("mở đầu"),
        "I. Tình hình và nguyên nhân",
        body("alpha"),
        "1/7/2021, Ban Thường vụ Tỉnh ủy đã sơ kết việc thực hiện và rút ra nhiều kinh nghiệm.",
        "1/7/2021 Hội nghị sơ kết công tác xây dựng Đảng",
        "2.305 Nhà văn hóa được xây dựng mới trong năm qua",
        body("zeta"),
        "II. Nhiệm vụ và giải pháp",
        "1. Nâng cao chất lượng sinh hoạt chi bộ",
        body("beta"),
        "a) Đổi mới nội dung sinh hoạt",
        body("gamma"),
        "b) Tăng cường kiểm tra, giám sát",
        body("delta"),
        (
            "2. Các cấp ủy quán triệt nghiêm túc Chỉ thị này đến từng cán bộ, đảng viên, xây dựng"
            " kế hoạch thực hiện cụ thể, sát với tình hình thực tế của địa phương, đơn vị mình."
        ),
        body("epsilon"),
        "III. Tổ chức thực hiện",
        body("omega"),
    ]
)


def test_party_directive_heading_paths() -> None:
    title = "Chỉ thị về tăng cường công tác xây dựng Đảng"
    passages = chunk(PARTY_DIRECTIVE, title)
    assert_well_formed(PARTY_DIRECTIVE, passages)
    assert passages[0].text.startswith(title) and passages[0].heading_path == ()
    assert path_of(passages, "alpha thứ 0") == ("I. Tình hình và nguyên nhân",)
    assert path_of(passages, "zeta thứ 8") == ("I. Tình hình và nguyên nhân",)  # no "1/", "2.305"
    assert path_of(passages, "beta thứ 8") == (
        "II. Nhiệm vụ và giải pháp",
        "1. Nâng cao chất lượng sinh hoạt chi bộ",
    )
    assert path_of(passages, "gamma thứ 8") == (
        "II. Nhiệm vụ và giải pháp",
        "1. Nâng cao chất lượng sinh hoạt chi bộ",
        "a) Đổi mới nội dung sinh hoạt",
    )
    assert path_of(passages, "delta thứ 8")[-1] == "b) Tăng cường kiểm tra, giám sát"
    # The full-sentence item "2. ..." is body text, yet it closes "1. ..." and "b) ...".
    assert path_of(passages, "epsilon thứ 8") == ("II. Nhiệm vụ và giải pháp",)
    assert path_of(passages, "omega thứ 8") == ("III. Tổ chức thực hiện",)
    labels = {label for p in passages for label in p.heading_path}
    assert not any(label.startswith(("2.", "1/", "2.3")) for label in labels)


DECREE = "\n".join(
    [
        "Nghị định quy định chi tiết một số điều của Luật Cán bộ, công chức",
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        body("căn cứ", 4),
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        body("phạm vi"),
        "Điều 2. Đối tượng áp dụng",
        "1. Cán bộ, công chức ở trung ương, cấp tỉnh, cấp huyện và cấp xã theo quy định.",
        body("đối tượng"),
        "Chương II",
        "TỔ CHỨC THỰC HIỆN",
        "Điều 3: Trách nhiệm thi hành",
        body("thi hành"),
        "Điều 4",
        "Hiệu lực thi hành",
        body("hiệu lực"),
    ]
)


def test_decree_heading_paths() -> None:
    passages = chunk(DECREE, "Nghị định quy định chi tiết một số điều của Luật Cán bộ, công chức")
    assert_well_formed(DECREE, passages)
    chapter_one = "Chương I. QUY ĐỊNH CHUNG"
    assert path_of(passages, "phạm vi thứ 8") == (chapter_one, "Điều 1. Phạm vi điều chỉnh")
    assert path_of(passages, "đối tượng thứ 8") == (chapter_one, "Điều 2. Đối tượng áp dụng")
    assert path_of(passages, "thi hành thứ 8") == (
        "Chương II. TỔ CHỨC THỰC HIỆN",
        "Điều 3. Trách nhiệm thi hành",
    )
    assert path_of(passages, "hiệu lực thứ 8")[-1] == "Điều 4. Hiệu lực thi hành"


def test_a_paragraph_that_fits_is_not_split() -> None:
    text = "\n".join(
        ["Chương I", body("mở", 3), "Điều 1. A", body("một", 10), "Điều 2. B", body("hai", 10)]
    )
    passages = chunk(text)
    first = next(p for p in passages if "một thứ 0" in p.text)
    assert "một thứ 9" in first.text and "hai thứ 0" not in first.text
    assert path_of(passages, "hai thứ 0") == ("Chương I", "Điều 2. B")


def test_markdown_heading_paths_and_title_line() -> None:
    text = "\n".join(
        [
            "# Báo cáo tổng kết",
            "## Kết quả đạt được",
            body("kết quả"),
            "### Công tác cán bộ",
            body("cán bộ"),
            "## Hạn chế",
            body("hạn chế"),
        ]
    )
    passages = chunk(text, "Báo cáo tổng kết")
    assert_well_formed(text, passages)
    assert path_of(passages, "kết quả thứ 8") == ("Kết quả đạt được",)
    assert path_of(passages, "cán bộ thứ 8") == ("Kết quả đạt được", "Công tác cán bộ")
    assert path_of(passages, "hạn chế thứ 8") == ("Hạn chế",)
    assert passages[0].text.startswith("# Báo cáo tổng kết")
    untitled = chunk(text)
    assert path_of(untitled, "hạn chế thứ 8") == ("Báo cáo tổng kết", "Hạn chế")


def test_tiny_section_joins_the_next_one_and_remainders_merge() -> None:
    text = "\n".join(["I. Mở đầu", "Một vài lời ngắn gọn.", "II. Nội dung", body("chính", 16)])
    passages = chunk(text)
    assert_well_formed(text, passages)
    assert "Một vài lời ngắn gọn." in passages[0].text and "chính thứ 0" in passages[0].text
    assert passages[0].heading_path == ()
    assert all(p.heading_path == ("II. Nội dung",) for p in passages[1:])
    # 266 words: not 170 + 96 nor one passage over the limit, but two halves.
    assert len(passages) == 2 and all(100 <= words(p) <= WORDS_MAX for p in passages)


def test_a_sub_heading_starts_a_passage_and_never_ends_one() -> None:
    sub = "\n".join(
        ["## A", body("một", 7), "### B", body("hai", 3), body("ba", 3), body("bốn", 3)]
    )
    passages = chunk(sub)
    assert path_of(passages, "hai thứ 0") == ("A", "B")
    assert path_of(passages, "một thứ 6") == ("A",)
    endless = " ".join(["từ"] * 200)  # a sentence that does not fit after the heading
    text = "\n".join(["I. Mở đầu", body("mở", 5), "1. Kết luận", endless])
    passages = chunk(text)
    assert_well_formed(text, passages)
    assert path_of(passages, "1. Kết luận") == ("I. Mở đầu", "1. Kết luận")
    assert next(p for p in passages if "Kết luận" in p.text).text.endswith("từ")


def test_empty_text_gives_no_passages() -> None:
    assert chunk("") == []
    assert chunk(" \n\n \n") == []


def test_huge_paragraph_without_punctuation_is_split_at_words() -> None:
    text = "Tiêu đề\n" + " ".join(f"từ{i}" for i in range(1000))
    passages = chunk(text, "Tiêu đề")
    assert_well_formed(text, passages)
    assert len(passages) >= 5
    assert all(words(p) <= WORDS_MAX for p in passages)


def test_an_article_typed_without_its_space_is_an_article() -> None:
    text = f"Quyết định về đơn giá\nĐiều1.\n{body('giá')}\nĐiều 2. Thi hành\n{body('thi hành')}\n"
    passages = chunk(text, "Quyết định về đơn giá")
    assert_well_formed(text, passages)
    assert path_of(passages, "giá thứ 8") == ("Điều1",)
    assert path_of(passages, "thi hành thứ 8") == ("Điều 2. Thi hành",)
