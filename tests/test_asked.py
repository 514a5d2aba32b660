"""What a question asks for, and whether a sentence supplies it (qa.answer.asked)."""

from __future__ import annotations

import pytest

from qa.answer.asked import asked, asked_parts, labelled, supplies
from qa.answer.quotes import asked_list
from qa.answer.terms import focus_terms


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # a percentage, not any number
        ("Đảng viên đóng đảng phí bao nhiêu phần trăm?", "đóng 1% tiền lương hằng tháng", True),
        ("Đảng viên đóng đảng phí bao nhiêu phần trăm?", "số tiền 13.646 triệu đồng", False),
        ("o tien giang bao nhieu % dang vien di hoc", "có trên 99% đảng viên dự", True),
        # an age
        ("Tuổi kết nạp đảng viên là bao nhiêu?", "người từ đủ 18 tuổi trở lên", True),
        ("Tuổi kết nạp đảng viên là bao nhiêu?", "kết nạp 1.014 người", False),
        # "tuoi lua" is the "tưới lúa" (irrigating rice) of an unaccented question, not an age
        ("thuy loi phi tuoi lua lay nang suat chuan la bao nhieu?", "là 3,5 tấn / ha-vụ", True),
        # "bao nhiêu giai đoạn 2011-2015": a figure for the period, not a count of periods
        (
            "Ngành thương mại đặt mục tiêu tăng trưởng bao nhiêu giai đoạn 2011-2015?",
            "tăng trưởng đạt 16,5% / năm giai đoạn 2011 - 2015",
            True,
        ),
        # another document's number, however the question goes on ("…, năm nào?")
        (
            "muc dong gop bi bai bo truoc day quy dinh o qd so may, nam nao",
            "tại Điều 1 - Quyết định số 1057/QĐ-UB ngày 27 tháng 3 năm 2004",
            True,
        ),
        (
            "muc dong gop bi bai bo truoc day quy dinh o qd so may, nam nao",
            "Thời gian thực hiện từ ngày 01 tháng 01 năm 2010.",
            False,
        ),
        # the document another replaces, or rests on
        (
            "Bảng giá đo vẽ, làm sổ đỏ thay cho quyết định nào?",
            "và thay thế Quyết định số 04/2007/QĐ-UBND ngày 02/01/2007 của UBND tỉnh",
            True,
        ),
        (
            "Bảng giá đo vẽ, làm sổ đỏ thay cho quyết định nào?",
            "Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.",
            False,
        ),
        (
            "gia nhan cong lay theo van ban nao",
            "Căn cứ Thông tư Liên tịch số 715/2000/TTLT-TCĐC-BTC ngày 10/5/2000",
            True,
        ),
        # a count in millions, not money
        ("vn co bao nhieu trieu cong nhan", "nước ta có 10,2 triệu công nhân", True),
        ("vn co bao nhieu trieu cong nhan", "năm 2012 đạt 1.700 USD", False),
        # the year asked about ("năm 2009"), not another; a document's number is no year
        (
            "Thuế quý III năm 2009 được lùi đến ngày nào?",
            "quý III năm 2010 lùi đến 31/01/2011",
            False,
        ),
        (
            "Thuế quý III năm 2009 được lùi đến ngày nào?",
            "quý III năm 2009 lùi đến 31/01/2010",
            True,
        ),
        (
            "Họp triển khai QĐ 1956 ngày nào?",
            "Ngày 03/02/2010 họp về Quyết định số 1956/QĐ-TTg",
            True,
        ),
        # a document's number, not a coefficient ("hệ số mấy")
        ("Thi tuyển cấp phó theo quyết định số mấy?", "theo Quyết định số 1234/QĐ-UBND", True),
        ("Thi tuyển cấp phó theo quyết định số mấy?", "ngày 1/7/2021 có 25 người dự", False),
        ("Quyết định số mấy của quận?", "Quyết định số 12/2009/QĐ-UBND của quận", True),
        ("Thú y xã được trả theo hệ số mấy?", "hưởng hệ số 1,0 mức lương tối thiểu", True),
        # "Tiền Giang" is a place, not money
        ("Dân số Tiền Giang là bao nhiêu?", "dân số toàn tỉnh là 1.703.400 người", True),
        # "tỉnh nào?" is answered by a province named alone, not by the question's own region
        ("Tỉnh nào ở đồng bằng Bắc Bộ kết nạp nhiều giáo dân nhất?", "Nam Định dẫn đầu.", True),
        (
            "Tỉnh nào ở đồng bằng Bắc Bộ kết nạp nhiều giáo dân nhất?",
            "Ở đồng bằng Bắc Bộ, …",
            False,
        ),
        # "ở đâu?" may be told by a kind of place
        (
            "Khái niệm đảng cầm quyền được dùng đầu tiên ở đâu?",
            "Khái niệm này vốn được sử dụng đầu tiên ở các nước phương Tây có chế độ đa đảng.",
            True,
        ),
        (
            "Khái niệm đảng cầm quyền được dùng đầu tiên ở đâu?",
            "Khái niệm này có hai nghĩa.",
            False,
        ),
        # a name whose capitals carry diacritics
        (
            "Năm 1924 ai khen Nguyễn Ái Quốc có uy tín nhờ học thức?",
            "năm 1924, hoạ sĩ Thuỵ Điển Êrích Giôhanxơn đã nhận xét về Người",
            True,
        ),
        # "lương thực" (food) is not "lương" (pay): a weight, the number nearest its unit
        ("Lương thực bình quân năm 2000 được bao nhiêu kg?", "năm 1986 là 202 USD", False),
        ("Lương thực bình quân năm 2000 được bao nhiêu kg?", "năm 2000 là 444 kg / người", True),
        # a count asked with a money word counts, unless what it counts is money
        ("Hà Nội hỗ trợ bao nhiêu hộ nghèo?", "đã hỗ trợ 1.200 hộ nghèo sửa nhà", True),
        ("Hà Nội hỗ trợ bao nhiêu hộ nghèo?", "mức hỗ trợ 15 triệu đồng / hộ", False),
        ("Được hỗ trợ mỗi tháng bao nhiêu năm 2010?", "mức hỗ trợ là 70.000 đồng / tháng", True),
        # an area, in square metres, hectares or square kilometres ("cây số vuông")
        ("Chiến dịch giải phóng được bao nhiêu cây số vuông?", "giải phóng hơn 4.000 km2", True),
        ("giai phong duoc bao nhieu km vuong", "giải phóng hơn 4.000 km2, 10 vạn dân", True),
        ("Chiến dịch giải phóng được bao nhiêu cây số vuông?", "loại 1/5 quân địch, 300 xã", False),
        # a duration, in figures or in words
        ("Sau bao lâu được xóa kỷ luật?", "sau 12 tháng kể từ ngày quyết định", True),
        ("Chi bộ bao lâu họp một lần?", "Chi bộ sinh hoạt mỗi tháng một lần.", True),
        ("Mấy tháng báo cáo tiến độ 1 lần?", "báo cáo tiến độ định kỳ hàng quý", True),
        ("mấy tháng một lần phải báo cáo?", "báo cáo Sở Kế hoạch và Đầu tư", False),
        ("Sau bao lâu được xóa kỷ luật?", "theo Quy định số 102 ngày 15/11/2017", False),
        ("hoc he tap trung mat may thang", "trong thời gian 8 tháng", True),
        ("Mấy năm thì sơ khảo một lần?", "cứ ba năm tiến hành một lần sơ khảo", True),
        ("Mấy năm thì sơ khảo một lần?", "năm tháng qua đã có nhiều đổi mới", False),
        # money, asked with a money word (only told apart by its diacritics) or "bao nhiêu tiền"
        ("Lệ phí cấp giấy phép là bao nhiêu?", "mức thu 50.000 đồng / giấy phép", True),
        ("Lệ phí cấp giấy phép là bao nhiêu?", "có hiệu lực sau 15 ngày kể từ ngày ký", False),
        ("phu cap bao nhieu tien 1 thang", "hưởng phụ cấp 540.000 đồng / người / tháng", True),
        ("phu cap bao nhieu tien 1 thang", "Quyết định có hiệu lực sau 10 ngày", False),
        ("Nhân viên thú y được phụ cấp bao nhiêu?", "hưởng hệ số là 0,93 mức lương", True),
        # …typed without diacritics, by a money word pair ("phu cap"), not any number
        ("phu cap thu y xa bao nhieu", "hưởng hệ số là 0,93 mức lương", True),
        ("phu cap thu y xa bao nhieu", "Tuyển dụng nhân viên thú y xa từ 50 - 120 người;", False),
        ("Tiền ăn mỗi tháng bao nhiêu?", "tiền ăn 450.000 đ / người / tháng", True),
        # the amount spelled out between the figure and the currency
        ("Lệ phí mỗi hồ sơ bao nhiêu?", "100.000 (một trăm nghìn) đồng / hồ sơ", True),
        ("Được bổ sung bao nhiêu kinh phí?", "số tiền 250 (hai trăm năm mươi) triệu đồng", True),
        ("Lệ phí mỗi hồ sơ bao nhiêu?", "gồm 3 (ba) bộ hồ sơ", False),
        # "triệu" without a currency counts something else
        ("Đề án có tổng kinh phí bao nhiêu?", "đào tạo nghề cho khoảng 1 triệu lao động", False),
        ("Đề án có tổng kinh phí bao nhiêu?", "tổng kinh phí 25.980 tỷ đồng", True),
        # a number the question itself gives does not answer it
        ("Năm 2020 có bao nhiêu đảng viên?", "Năm 2020 là năm đại hội.", False),
        ("Năm 2020 có bao nhiêu đảng viên?", "có 157.105 đảng viên", True),
        # a person other than those the question names
        ("Ai chủ trì hội nghị?", "Trưởng Ban Tổ chức Tỉnh ủy Phan Văn Phụng chủ trì.", True),
        ("Ai chủ trì hội nghị?", "Hội nghị đã thành công tốt đẹp.", False),
        # a date
        ("Nghị quyết có hiệu lực từ khi nào?", "có hiệu lực từ ngày 01/01/2010", True),
        ("Đại hội diễn ra vào thời gian nào?", "Đại hội đã đề ra đường lối cán bộ", False),
        ("Đại hội diễn ra vào thời gian nào?", "Đại hội họp từ ngày 19/1/2021", True),
        # …but not the date of another document the sentence cites, unless the question names it
        (
            "Nghị quyết của HĐND Nghệ An có hiệu lực từ ngày nào?",
            "Căn cứ Nghị quyết số 233/2008/NQ-HĐND ngày 23/7/2008 của HĐND tỉnh Nghệ An",
            False,
        ),
        ("Chỉ thị 05 được ký ngày nào?", "Chỉ thị số 05-CT/TU ngày 15/4/2021 của Tỉnh ủy", True),
        (
            "Quyết định có hiệu lực khi nào?",
            "theo quyết định số 42/2004/qđ-ubbt ngày 26/5/2004",
            False,
        ),
        # an office or a body answers who, a relative time answers when
        ("Ai phê duyệt chương trình đào tạo?", "Hiệu trưởng phê duyệt chương trình.", True),
        ("Ai ban hành chỉ thị?", "do Ban Thường vụ Tỉnh ủy ban hành", True),
        ("Hiệu trưởng do ai bổ nhiệm?", "Hiệu trưởng có nhiệm kỳ năm năm.", False),
        ("Ai chủ trì hội nghị?", "Quyết định ban hành kèm theo quy chế.", False),  # not "Ban"
        # a place or a body named in capitals is no one
        ("Ai ký nghị quyết thành lập thị xã?", "Tỉnh Hải Dương có 12 đơn vị hành chính", False),
        ("Ai chủ trì hội nghị?", "Trưởng Ban Tổ chức Tỉnh ủy Phan Văn Phụng chủ trì", True),
        ("Thời khóa biểu được thông báo khi nào?", "thông báo trước mỗi học kỳ", True),
        ("Khi nào được xét tốt nghiệp?", "sau khi hoàn thành chương trình", True),
        ("Khi nào được xét tốt nghiệp?", "Việc xét tốt nghiệp do Hội đồng thực hiện.", False),
        # a date written out in words is one date: all of it dates the document it follows
        (
            "Quyết định thành lập trường ký ngày nào?",
            "theo Quyết định số 153/2003/QĐ-TTg ngày 30 tháng 7 năm 2003",
            False,
        ),
        ("Quyết định có hiệu lực từ ngày nào?", "có hiệu lực từ ngày 15 tháng 8 năm 2009", True),
        # a year alone gives no day: "ngày nào?" is not answered by «kế hoạch năm 2010»
        ("hoi nghi hop ngay nao", "triển khai nhiệm vụ kế hoạch năm 2010 của Bộ GTVT", False),
        ("hoi nghi hop ngay nao", "Ngày 11/01/2010 tại Hà Nội, Bộ đã tổ chức Hội nghị", True),
        ("Hội nghị họp năm nào?", "triển khai nhiệm vụ kế hoạch năm 2010 của Bộ GTVT", True),
        # a count of what is asked, not of something else
        ("Ban Thường vụ có bao nhiêu ủy viên?", "Ban Thường vụ gồm 15 ủy viên.", True),
        (
            "Ban Thường vụ có bao nhiêu ủy viên?",
            "quy hoạch nhiệm kỳ 2020 - 2025, 3 phó bí thư",
            False,
        ),
        ("tp vinh long co may chi bo", "Đảng bộ có 58 chi bộ khóm, ấp", True),
        ("Bố trí theo mấy cấp, đó là những cấp nào?", "Bố trí quy hoạch theo ba cấp:", True),
        (
            "Đại hội có bao nhiêu đại biểu dự?",
            "Từ ngày 8 đến 14-11-2012, Đại hội lần thứ XVIII",
            False,
        ),
        ("Có bao nhiêu người được kết nạp?", "kết nạp 1.014 quần chúng", True),  # any count
        ("Thị xã có bao nhiêu dân?", "có 164.837 nhân khẩu", True),  # people, in any word
        # an abbreviation counts what it stands for
        ("Giám sát phát hiện bao nhiêu ĐV vi phạm?", "phát hiện 8.852 đảng viên vi phạm", True),
        ("Giám sát phát hiện bao nhiêu ĐV vi phạm?", "phát hiện 4.443 tổ chức đảng", False),
        # …and a counted phrase may be written as its acronym; "hợp" is not the "họp" of
        # "hội nghị"
        ("Có bao nhiêu hợp tác xã?", "dự kiến khoảng 85 HTX", True),
        ("Có bao nhiêu hợp tác xã?", "tổ chức 3 hội nghị chuyên đề", False),
        # a unit glued to the figure; a small count spelled out before the question's words
        ("Đoạn quốc lộ dài bao nhiêu km?", "dài 17,2Km (thuộc địa phận thị xã Sơn Tây)", True),
        ("Mỗi phường chọn bao nhiêu khu phố?", "Mỗi phường chọn một khu phố không hút thuốc", True),
        ("Đại hội có bao nhiêu đại biểu dự?", "tư tưởng quan trọng ba đại diện", False),
        # capital, in its currency
        ("Dự án cần bao nhiêu vốn?", "tổng nhu cầu vốn là 28.132,31 tỷ đồng", True),
        ("Vốn điều lệ bao nhiêu tỷ đồng?", "Nhà nước nắm giữ 100% vốn điều lệ", False),
        # a place, named after the word for its kind; "ở đâu" may be told by a body
        ("Tỉnh nào được chọn thí điểm?", "thí điểm tại tỉnh Hà Nam", True),
        ("Tỉnh nào được chọn thí điểm?", "phối hợp với Bộ Tài chính chuẩn bị", False),
        ("Sinh viên nộp đơn ở đâu?", "nộp tại Phòng Đào tạo", True),
        ("Sinh viên nộp đơn ở đâu?", "nộp trong 5 ngày làm việc", False),
        # a number spelled out, then given in digits: "ba (03) ngày"
        ("Cấp C/O mất bao nhiêu ngày?", "trong thời hạn không quá ba (03) ngày làm việc", True),
        ("Cột tín hiệu cao bao nhiêu mét?", "chiều cao tối thiểu mười (10) mét", True),
        # digits, then the number spelled out
        (
            "Một tháng được quy ra bao nhiêu ngày?",
            "01 (một) tháng được quy đổi thành 30 (ba mươi) ngày",
            True,
        ),
        # which article: its number
        ("Bài dẫn điều mấy Hiến pháp về quyền sở hữu?", "Điều 32, Hiến pháp 2013 quy định", True),
        (
            "Bài dẫn điều mấy Hiến pháp về quyền sở hữu?",
            "Hiến pháp 2013 quy định quyền sở hữu",
            False,
        ),
        # a share of what is counted
        ("Phải có bao nhiêu nghị sỹ đề nghị?", "khi có trên 15% số nghị sỹ của đảng đề nghị", True),
        # when a document takes effect answers that and what it replaces, nothing else; a
        # deadline counted from that day is no such clause
        (
            "Ban QLDA báo cáo mấy tháng 1 lần?",
            "Quyết định có hiệu lực sau 10 ngày kể từ ngày ký.",
            False,
        ),
        ("QĐ này áp dụng từ ngày nào?", "Quyết định này có hiệu lực kể từ ngày 01/01/2010.", True),
        (
            "QĐ năm 2009 thay QĐ nào ban hành năm 2007?",
            "Quyết định này có hiệu lực sau 10 ngày và thay thế Quyết định số 88/2007/QĐ-UBND",
            True,
        ),
        # "ngày nào?" asks a day: a time counted in days gives none, unless it says when a
        # document takes effect
        (
            "Trung tâm gửi báo cáo năm cho Sở Tư pháp chậm nhất ngày nào?",
            "Chậm nhất là mười ngày làm việc, kể từ ngày có quyết định thay đổi trụ sở",
            False,
        ),
        (
            "Trung tâm gửi báo cáo năm cho Sở Tư pháp chậm nhất ngày nào?",
            "Báo cáo năm được gửi chậm nhất vào ngày 30 tháng 9.",
            True,
        ),
        (
            "Quyết định có hiệu lực từ ngày nào?",
            "Quyết định có hiệu lực sau 10 ngày kể từ ngày ký",
            True,
        ),
        # a day of the month is "mùng 10" as well as "ngày 10"
        (
            "Chi bộ sinh hoạt chuyên đề vào ngày nào?",
            "sinh hoạt chuyên đề vào mùng 10 hằng tháng",
            True,
        ),
        # …or repeals ("bỏ quyết định cũ"), with or without diacritics
        (
            "Bảng giá đo vẽ Đồng Nai năm 2008 bỏ quyết định cũ số mấy?",
            "Quyết định này có hiệu lực sau 10 ngày và thay thế Quyết định số 04/2007/QĐ-UBND",
            True,
        ),
        (
            "qd boi thuong cua tien giang bo van ban nao truoc do",
            "Quyết định này có hiệu lực sau 10 ngày và thay thế Quyết định số 02/2009/QĐ-UBND",
            True,
        ),
        (
            "Cơ sở nhập sách phải xin cấp lại trong bao lâu?",
            "Trong thời hạn 60 ngày, kể từ ngày Thông tư này có hiệu lực, cơ sở phải xin cấp lại",
            True,
        ),
        # a work by its title, not a quotation; a newspaper, not the article the question names
        (
            "Tháng 10/1947 Bác Hồ viết tác phẩm nào để rèn cán bộ?",
            "Người viết tác phẩm nổi tiếng Sửa đổi lối làm việc vào tháng 10-1947",
            True,
        ),
        (
            "tac pham nao cua mac phe phan latxan",
            'quan niệm sai lầm của Látxan trong " Phê phán Cương lĩnh Gôta "',
            True,
        ),
        (
            "Nguyễn Trãi nói chở thuyền cũng là dân trong tác phẩm nào?",
            'Nguyễn Trãi đã đúc kết: " Chở thuyền cũng là dân, lật thuyền cũng là dân "',
            False,
        ),
        (
            "Loạt bài Thường thức chính trị đăng báo nào?",
            "cho đăng nhiều kỳ trên báo Cứu quốc",
            True,
        ),
        (
            "bai nhan tai va kien quoc cua bac dang tren bao nao",
            'hai bài viết nổi tiếng: " Nhân tài và kiến quốc " (14-11-1945)',
            False,
        ),
    ],
)
def test_supplies_what_is_asked(question: str, sentence: str, expected: bool) -> None:
    wanted = asked(question)
    assert wanted is not None
    assert supplies(sentence, wanted) is expected


@pytest.mark.parametrize(
    "question",
    [
        "Nơi cất hóa chất phải theo tiêu chuẩn Việt Nam nào?",  # not "năm nào"
        "Chỉ thị 05 nói về gì?",
        "Máy in của văn phòng do hãng nào sản xuất?",  # "máy", not "mấy"
        "Ở đầu năm học sinh viên phải làm gì?",  # "đầu", not "đâu"
        "Bài viết nêu những cơ sở nào?",  # "cơ sở", not "sở" (a department)
        "Mấy năm gần đây có những cách mới nào để thực hành dân chủ?",  # the last few years
        "Cương lĩnh đầu tiên của Đảng đặt mục tiêu gì?",  # "mục", not "mức"
        "cuong linh dau tien cua dang dat muc tieu gi",
        # yes or no, not the level ("mức") or the rate ("tỷ lệ") the question speaks of
        "Chia mảnh đất nhỏ hơn mức tối thiểu có được cấp sổ đỏ không?",
        "Hiệu trưởng quyết định mức học phí phải không?",
    ],
)
def test_asks_for_nothing_specific(question: str) -> None:
    assert asked(question) is None


def test_a_yes_no_question_may_still_ask_how_much() -> None:
    wanted = asked("Đảng viên phải đóng bao nhiêu phần trăm lương, có đúng không?")
    assert wanted is not None and wanted.kind == "number"


@pytest.mark.parametrize(
    "question",
    ["Hiệu trưởng đầu tiên của trường là ai?", "Ai ký Chỉ thị 05-CT/TU?", "Ai làm Chủ tịch?"],
)
def test_some_questions_want_a_name_not_an_office(question: str) -> None:
    wanted = asked(question)
    assert wanted is not None and wanted.name_only
    assert not supplies("do Ban Thường vụ Tỉnh ủy ban hành, Hiệu trưởng chịu trách nhiệm", wanted)
    assert supplies("Đồng chí Lê Quang Tùng ký ban hành.", wanted)


def test_a_body_answers_who_does_what_registering_needs() -> None:
    """ "đăng ký" (registering) is not "ký" (signing): a body may answer."""
    wanted = asked("Sở nào theo dõi giá dịch vụ đăng ký đất?")
    assert wanted is not None and not wanted.name_only
    assert supplies("Sở Tài nguyên và Môi trường có trách nhiệm theo dõi đơn giá", wanted)


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("Đoàn đi kiểm tra vào lúc nào?", "Thời gian kiểm tra vào sáng thứ Bảy hàng tuần.", True),
        ("Hồ sơ nộp khi nào?", "- Thời hạn nộp hồ sơ: trước ngày 30/6.", True),
        ("Đoàn đi kiểm tra vào lúc nào?", "Nguồn kinh phí thực hiện năm 2010.", False),
        ("Hội nghị tổ chức ở đâu?", "Địa điểm: Hội trường Tỉnh ủy.", True),
        ("Ai chủ trì hội nghị?", "Thời gian họp: sáng 1/7.", False),
    ],
)
def test_the_label_of_the_asked_kind_opens_a_sentence(
    question: str, sentence: str, expected: bool
) -> None:
    wanted = asked(question)
    assert wanted is not None and labelled(sentence, wanted) is expected


@pytest.mark.parametrize(
    ("question", "accents", "focus"),
    [
        ("Ai chủ trì hội nghị?", True, ["chủ", "trì"]),
        ("Thời gian kiểm tra là khi nào?", True, ["kiểm", "tra"]),
        # the word next to the question word, not two words a function word apart
        ("Cơ quan nào theo dõi và báo cáo Bộ trưởng?", True, ["dõi"]),
        ("co quan nao theo doi va bao cao bo truong", False, ["doi"]),
    ],
)
def test_the_focus_is_the_word_next_to_the_question_word(
    question: str, accents: bool, focus: list[str]
) -> None:
    assert focus_terms(question, accents=accents) == focus


@pytest.mark.parametrize(
    ("question", "accents", "noun"),
    [
        ("Đề án có những giải pháp thực hiện nào?", True, ["giải", "pháp", "thực", "hiện"]),
        ("de an co nhung giai phap thuc hien nao", False, ["giai", "phap", "thuc", "hien"]),
        ("Ngành còn những thiếu sót, hạn chế gì?", True, ["thiếu", "sót", "hạn", "chế"]),
        # nothing between "những" and "gì": the words next to the question word
        ("Ai chủ trì những gì?", True, ["chủ", "trì"]),
        # what someone is to do: a list of its duties, named by who it is
        (
            "Doanh nghiệp ngành công thương phải làm những gì để bảo đảm an toàn hóa chất?",
            True,
            ["doanh", "nghiệp", "ngành", "công"],
        ),
        ("cac truong hoc cua huyen can lam gi", False, ["truong", "hoc"]),
        # a general noun alone between them is what is listed
        ("Phòng Y tế quận được giao những việc gì về thuốc lá?", True, ["việc"]),
        ("de xay dung dang can thuc hien tot nhung noi dung nao", False, ["noi", "dung"]),
    ],
)
def test_a_list_question_asks_for_the_words_between_nhung_and_its_question_word(
    question: str, accents: bool, noun: list[str]
) -> None:
    assert asked_list(question, accents=accents).words == noun


def test_a_question_asking_several_things_is_cut_into_its_parts() -> None:
    parts = asked_parts("hội nghị họp ở đâu, ngày nào, ai chủ trì?")
    assert [wants.kind for _, wants in parts] == ["place", "date", "person"]
    assert parts[2][0].strip() == "ai chủ trì?"
    assert asked_parts("Bộ Văn hóa, Thể thao và Du lịch giao nhiệm vụ gì?") == []
    assert asked_parts("Ai chủ trì hội nghị?") == []
