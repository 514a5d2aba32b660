"""Answers over the starter collection: cited, quoted verbatim, refused when not answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import QUANG_TRI, SMALL, assert_verbatim, make_settings, small_collection, write
from qa import messages
from qa.service import QAService


@pytest.mark.parametrize(
    "question",
    [
        "Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng ngày 1/7/2021?",
        "ai chu tri hoi nghi so ket cong tac to chuc xay dung dang 6 thang dau nam 2021",
    ],
)
def test_who_chaired_the_conference(starter_service: QAService, question: str) -> None:
    answer = starter_service.ask(question)
    assert answer.answered
    first = answer.citations[0]
    assert first.hit.passage.document_path == QUANG_TRI
    assert "Phan Văn Phụng" in answer.text
    assert "[1] Báo cáo" in answer.text and "01/07/2021" in answer.text
    assert_verbatim(starter_service, answer)


@pytest.mark.parametrize(
    "question",
    ["Chỉ thị 05-CT/TU của tỉnh Quảng Trị về nội dung gì?", "ct 05 cua tinh uy noi ve gi"],
)
def test_what_directive_05_is_about(starter_service: QAService, question: str) -> None:
    answer = starter_service.ask(question)
    assert answer.answered
    assert answer.citations[0].hit.passage.document_path == QUANG_TRI
    assert "Chỉ thị số 05-CT/TU về đẩy mạnh công tác phát triển đảng viên" in answer.text
    assert_verbatim(starter_service, answer)


PHU_THO_TRADE = (
    "van-ban-hanh-chinh/nghi-quyet-ve-quy-hoach-phat-trien-thuong-mai-tinh-phu-tho-den-nam-2020.txt"
)


@pytest.mark.parametrize(
    ("question", "held"),
    [
        ("Nghị quyết quy hoạch phát triển thương mại Phú Thọ đến 2020 có mấy phần chính?", True),
        ("nq quy hoach thuong mai phu tho den 2020 noi gi", True),
        ("Chỉ thị về phòng chống dịch COVID-19 của tỉnh ủy quy định những gì?", False),
        ("thong tu ve dang kiem o to noi gi", False),
    ],
)
def test_a_document_named_by_its_topic_is_outlined_only_when_held(
    starter_service: QAService, question: str, held: bool
) -> None:
    """ "What does the document on X say" is answered with the outline of the document whose
    title and opening lines name X, whatever its sentences share with the question; with no
    such document, it is refused, not answered with the outline of another."""
    answer = starter_service.ask(question)
    assert answer.answered is held, answer.text
    if held:
        assert answer.citations[0].hit.passage.document_path == PHU_THO_TRADE
        assert messages.OUTLINE_INTRO in answer.text
        assert_verbatim(starter_service, answer)
    else:
        assert answer.citations == ()


@pytest.mark.parametrize(
    "question",
    [
        # tempting: the collection holds other figures on the topic
        "Đảng viên đang hưởng lương phải đóng đảng phí bao nhiêu phần trăm?",
        "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ tại Hà Nội năm 2010 là bao nhiêu?",
        "Đảng viên bị khiển trách thì sau bao lâu được xóa kỷ luật?",
    ],
)
def test_unanswerable_questions_are_refused(starter_service: QAService, question: str) -> None:
    answer = starter_service.ask(question)
    assert not answer.answered
    assert answer.text == messages.NOT_ANSWERED
    assert answer.citations == ()


def test_a_detail_of_a_document_the_collection_only_mentions_is_refused(
    starter_service: QAService,
) -> None:
    """The collection cites Chỉ thị 05-CT/TU but does not hold it: the member is told so, and
    reads what the report says of it, as such, not as the date asked for."""
    answer = starter_service.ask("Chỉ thị 05-CT/TU của Tỉnh ủy Quảng Trị được ký ngày nào?")
    assert answer.kind == "refusal" and not answer.answered
    lines = answer.text.splitlines()
    assert lines[:2] == [
        messages.NOT_HELD.format(document="Chỉ thị 05-CT/TU"),
        messages.NOT_HELD_MENTIONS,
    ]
    assert "Chỉ thị số 05-CT/TU về đẩy mạnh công tác phát triển đảng viên" in lines[2]
    assert_verbatim(starter_service, answer)


def test_an_amount_of_money_is_quoted(starter_service: QAService) -> None:
    answer = starter_service.ask(
        "Trưởng ban công tác mặt trận thôn ở Tuyên Quang được hỗ trợ bao nhiêu tiền một tháng?"
    )
    assert answer.answered
    assert "70.000 đồng / người / tháng" in answer.text
    assert_verbatim(starter_service, answer)


def test_answer_from_a_replaced_document_names_its_replacement(
    collection: Path, tmp_path: Path, embedder
) -> None:
    small_collection(collection)
    sidecar = collection / SMALL[2].replace(".txt", ".meta.toml")
    sidecar.write_text(
        'number = "12/2009/NQ-HĐND"\nreplaced_by = "Nghị quyết 20/2012/NQ-HĐND"\n', "utf-8"
    )
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()

    answer = service.ask("Trưởng Ban công tác Mặt trận ở thôn được hỗ trợ bao nhiêu một tháng?")

    assert answer.answered
    assert "70.000 đồng" in answer.text
    assert "Nghị quyết 12/2009/NQ-HĐND" in answer.text
    assert messages.REPLACED_BY.format(replaced_by="Nghị quyết 20/2012/NQ-HĐND") in answer.text


_SITUATION = (
    "I. TÌNH HÌNH\n"
    "Thời gian qua, công tác phát triển đảng viên được các cấp ủy quan tâm lãnh đạo, chỉ đạo. "
    "Chất lượng đảng viên mới từng bước được nâng lên, cơ cấu đảng viên có chuyển biến. "
    "Tuy nhiên, số lượng đảng viên kết nạp ở nhiều nơi còn thấp, nhất là ở thôn, bản, "
    "doanh nghiệp ngoài khu vực nhà nước; việc tạo nguồn chưa được chú trọng đúng mức. "
    "Một số cấp ủy chưa thật sự quan tâm bồi dưỡng quần chúng ưu tú, chưa phân công đảng "
    "viên chính thức giúp đỡ người vào Đảng; công tác tuyên truyền về Đảng trong thanh niên "
    "còn hình thức, thiếu sức thuyết phục. Nguyên nhân chủ yếu là nhận thức của một bộ phận "
    "cán bộ, đảng viên về ý nghĩa của công tác phát triển đảng viên chưa đầy đủ.\n"
    "Ở nhiều địa phương, thanh niên đi làm ăn xa, nguồn kết nạp ngày càng ít; một số chi bộ "
    "nhiều năm liền không kết nạp được đảng viên. Việc thẩm định lý lịch người vào Đảng còn "
    "kéo dài, thủ tục chưa được cải tiến; sự phối hợp giữa cấp ủy với Mặt trận và các đoàn "
    "thể trong giới thiệu quần chúng ưu tú chưa chặt chẽ. Một bộ phận đảng viên trẻ chưa "
    "phát huy vai trò tiên phong, gương mẫu, chưa thu hút được quần chúng ở nơi cư trú; chế "
    "độ sinh hoạt ở một số chi bộ còn đơn điệu, chưa hấp dẫn người trẻ tham gia.\n\n"
    "II. NHIỆM VỤ\n"
    "Mỗi chi bộ thôn, bản phấn đấu mỗi năm kết nạp ít nhất 2 đảng viên mới. "
    "Các cấp ủy rà soát nguồn quần chúng ưu tú và giao chỉ tiêu cho từng chi bộ.\n"
)


def test_a_question_naming_the_issuer_finds_a_passage_that_does_not(
    collection: Path, tmp_path: Path, embedder
) -> None:
    """The issuer is indexed with every passage: "Quảng Trị" in a question finds the Quảng Trị
    directive's tasks, which never name the province, before the same text from Nghệ An (which
    comes first in the index, and would win a tie)."""
    for name, province, code in (
        ("nghe-an.txt", "NGHỆ AN", "07"),
        ("quang-tri.txt", "QUẢNG TRỊ", "05"),
    ):
        header = (
            f"TỈNH ỦY {province}\nSố {code}-CT/TU\nCHỈ THỊ\nvề công tác phát triển đảng viên\n\n"
        )
        write(collection, name, header + _SITUATION)
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()

    hits = service.search("Tỉnh ủy Quảng Trị giao mỗi chi bộ thôn kết nạp mấy đảng viên một năm?")

    tasks = {h.passage.document_path: h for h in hits if "ít nhất 2 đảng viên" in h.passage.text}
    assert "QUẢNG TRỊ" not in tasks["quang-tri.txt"].passage.text
    assert hits[0] is tasks["quang-tri.txt"]
    assert tasks["quang-tri.txt"].lexical_rank < tasks["nghe-an.txt"].lexical_rank


def test_a_document_cited_by_number_and_issuer_is_found_mentioned(
    collection: Path, tmp_path: Path, embedder
) -> None:
    """«Quyết định 25/TTg» cites the decision a member names as "QĐ 25/TTg": the collection
    does not hold it but mentions it, and what it says of it is quoted, as such."""
    write(
        collection,
        "van-hoa.txt",
        "Chính sách kinh tế trong văn hoá thời kỳ đổi mới\n"
        "Thực hiện Quyết định 25/TTg (19-1-1993) của Thủ tướng Chính phủ, chính phủ đầu tư 100% "
        "kinh phí cho việc xây dựng tiết mục của các đoàn tuồng, chèo.\n"
        "Các đoàn nghệ thuật truyền thống được hỗ trợ trang thiết bị biểu diễn.\n",
    )
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()

    answer = service.ask("Theo QĐ 25/TTg, nhà nước lo bao nhiêu % kinh phí dựng tiết mục?")
    notice, intro, first_quote = answer.text.splitlines()[:3]
    assert notice == messages.NOT_HELD.format(document="Quyết định 25/QĐ-TTg")
    assert intro == messages.NOT_HELD_MENTIONS
    assert "đầu tư 100% kinh phí" in first_quote
    assert_verbatim(service, answer)


def test_a_question_naming_a_document_quotes_the_sentence_citing_it(
    collection: Path, tmp_path: Path, embedder
) -> None:
    write(
        collection,
        "tuyen-giao.txt",
        "Đảng bộ tỉnh tổ chức tổng kết các chỉ thị của Trung ương và của Tỉnh ủy:\n"
        "- 15 năm thực hiện Chỉ thị 17 của Ban Bí thư về công tác tuyên truyền miệng;\n"
        "- 25 năm thực hiện Chỉ thị 05 về xây dựng gia đình văn hoá, hạnh phúc gia đình.\n",
    )
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()

    for question in ("Chỉ thị 05 nói về gì?", "chi thi 05 noi gi"):
        answer = service.ask(question)
        assert answer.answered
        notice, intro, first_quote = answer.text.splitlines()[:3]
        assert notice == messages.NOT_HELD.format(document="Chỉ thị số 05")
        assert intro == messages.NOT_HELD_MENTIONS
        assert "Chỉ thị 05 về xây dựng gia đình văn hoá" in first_quote
        assert "Chỉ thị 17" not in first_quote
        assert_verbatim(service, answer)


def test_a_document_carrying_out_the_one_asked_about_says_what_it_provides(
    collection: Path, tmp_path: Path, embedder
) -> None:
    """A circular guiding a decree the collection does not hold cites it by number once, then
    as "Nghị định 54": its sentences say what the decree provides and are quoted as such; a
    plan made "outside" another plan says nothing of that plan."""
    write(
        collection,
        "thong-tu-54.txt",
        "Thông tư hướng dẫn một số điều của Nghị định số 54/2009/NĐ-CP ngày 05/6/2009 của "
        "Chính phủ quy định xử phạt vi phạm hành chính trong lĩnh vực đo lường\n"
        "Thông tư này hướng dẫn áp dụng một số điều của Nghị định số 54/2009/NĐ-CP (sau đây "
        "gọi tắt là Nghị định 54).\n"
        "Mức phạt tiền tối đa đối với hành vi vi phạm quy định trong Nghị định 54 là 30.000.000 "
        "đồng (ba mươi triệu).\n",
    )
    write(
        collection,
        "ke-hoach.txt",
        "Kế hoạch hỗ trợ hộ nghèo sửa chữa nhà ở phát sinh ngoài Kế hoạch 77/KH-LT\n"
        "Thành phố hỗ trợ 20 triệu đồng / hộ cho các hộ nghèo phát sinh năm 2010.\n",
    )
    service = QAService(make_settings(collection, tmp_path / "index"), embedder)
    service.reindex()

    answer = service.ask("nghị định 54/2009 phạt tiền tối đa bao nhiêu")
    notice, intro = answer.text.splitlines()[:2]
    assert notice == messages.NOT_HELD.format(document="Nghị định số 54/2009")
    assert intro == messages.NOT_HELD_MENTIONS
    assert "là 30.000.000 đồng" in " ".join(c.quote for c in answer.citations), answer.text
    assert_verbatim(service, answer)
    other = service.ask("kế hoạch 77/KH-LT hỗ trợ mỗi hộ nghèo bao nhiêu")
    assert "20 triệu đồng" not in " ".join(c.quote for c in other.citations), other.text


def _allowances(province: str, sentence: str) -> str:
    """A provincial resolution on allowances in villages, laid out as the starter ones are."""
    return (
        f"Nghị quyết về phụ cấp đối với những người hoạt động không chuyên trách ở thôn, tổ dân "
        f"phố trên địa bàn tỉnh {province.lower()}\n"
        f"Hội đồng nhân dân tỉnh {province.lower()}\n"
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26 tháng 11 năm 2003;\n"
        "Quyết nghị:\n"
        f"Điều 1. Phụ cấp hằng tháng đối với những người hoạt động không chuyên trách ở thôn, "
        f"tổ dân phố trên địa bàn tỉnh {province}:\n"
        f"1. {sentence}\n"
        "2. Phó Bí thư chi bộ, Trưởng thôn được hưởng theo mức do Ủy ban nhân dân tỉnh quy định.\n"
        "Điều 2. Giao Ủy ban nhân dân tỉnh hướng dẫn thi hành Nghị quyết này.\n"
    )


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory: pytest.TempPathFactory, embedder) -> QAService:
    """The same allowance in two provinces' resolutions, beside three other documents: Cao
    Bằng's in the question's own words, Hải Dương's in slightly other ones."""
    folder = tmp_path_factory.mktemp("two-provinces")
    documents = folder / "documents"
    small_collection(documents)
    write(
        documents,
        "cao-bang.txt",
        _allowances("Cao Bằng", "Bí thư chi bộ thôn được phụ cấp 500.000 đồng một tháng."),
    )
    write(
        documents,
        "hai-duong.txt",
        _allowances(
            "Hải Dương",
            "Bí thư chi bộ ở thôn, khu dân cư được hưởng phụ cấp 700.000 đồng/người/tháng.",
        ),
    )
    service = QAService(make_settings(documents, folder / "index"), embedder)
    service.reindex()
    return service


@pytest.mark.parametrize(
    "question",
    [
        "Ở Hải Dương, bí thư chi bộ thôn được phụ cấp bao nhiêu một tháng?",
        "o hai duong bi thu chi bo thon duoc phu cap bao nhieu 1 thang",
    ],
)
def test_the_answer_quotes_the_document_of_the_place_asked(
    two_provinces: QAService, question: str
) -> None:
    answer = two_provinces.ask(question)
    assert answer.answered
    assert "700.000 đồng" in answer.text
    assert "500.000" not in answer.text  # Cao Bằng's figure, in sentences nearer the question
    assert_verbatim(two_provinces, answer)


@pytest.mark.parametrize(
    "question",
    [
        "Ở Bạc Liêu, bí thư chi bộ thôn được phụ cấp bao nhiêu một tháng?",
        "o bac lieu bi thu chi bo thon duoc phu cap bao nhieu 1 thang",
    ],
)
def test_a_place_no_document_mentions_is_not_answered_from_another(
    two_provinces: QAService, question: str
) -> None:
    answer = two_provinces.ask(question)
    assert not answer.answered
    assert answer.text == messages.NOT_ANSWERED


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("Ở Hải Dương, bí thư chi bộ thôn được phụ cấp bao nhiêu một tháng?", 0.0),
        ("Năm 2015 ở Hải Dương, bí thư chi bộ thôn được phụ cấp bao nhiêu?", 1.0),
        ("Nghị quyết HĐND Hải Dương khóa XIII cho bí thư chi bộ thôn phụ cấp bao nhiêu?", 1.0),
        # one Roman letter is a term only after "khóa" or "hội"
        ("Nghị quyết HĐND Hải Dương khóa V cho bí thư chi bộ thôn phụ cấp bao nhiêu?", 1.0),
        ("Ở Hải Dương, bí thư chi bộ thôn loại I được phụ cấp bao nhiêu?", 0.0),
    ],
)
def test_a_year_or_term_the_document_never_mentions_is_evidence_against(
    two_provinces: QAService, question: str, missing: float
) -> None:
    assessment = two_provinces.assess(question)
    assert assessment.evidence.values["periods_missing"] == missing
