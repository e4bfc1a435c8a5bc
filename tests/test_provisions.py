"""Reading units that fit legal layout: a provision is its chapeau plus the whole list under it, whatever
labels (or none) the items carry; a colon alone does not make a list. Texts written for these tests."""

from __future__ import annotations

from vnpolicytext.document import Document
from vnpolicytext.provisions import ReadingUnit, reading_units


def _units(text: str) -> tuple[Document, list[ReadingUnit]]:
    doc = Document(text)
    return doc, reading_units(doc.units, doc.labels)


def _texts(text: str) -> list[list[str]]:
    """Each reading unit as the texts of its units."""
    doc, units = _units(text)
    return [[doc.units[i].text for i in r.units] for r in units]


def test_a_second_paragraph_of_an_item_does_not_end_the_provision() -> None:
    text = """Điều 8. Hồ sơ đăng ký hộ kinh doanh
1. Hồ sơ đăng ký hộ kinh doanh gồm:
a) Giấy đề nghị đăng ký hộ kinh doanh;
Trường hợp các thành viên hộ gia đình cùng đăng ký thì kèm theo biên bản họp thành viên hộ gia đình;
b) Bản sao giấy tờ pháp lý của cá nhân đăng ký hộ kinh doanh;
c) Bản sao hợp đồng thuê địa điểm kinh doanh.
2. Hồ sơ nộp tại Phòng Tài chính - Kế hoạch cấp huyện."""
    units = _texts(text)
    provision = next(r for r in units if len(r) > 1)
    assert provision[0].startswith("1. Hồ sơ") and provision[-1].startswith("c) Bản sao hợp đồng")
    assert any(t.startswith("Trường hợp các thành viên") for t in provision)
    # before: the paragraph ended the provision and b), c) were read as sentences of their own
    assert not any(r[0].startswith(("b)", "c)")) for r in units)
    assert units[-1] == ["2. Hồ sơ nộp tại Phòng Tài chính - Kế hoạch cấp huyện."]


def test_items_without_labels_belong_to_their_chapeau() -> None:
    text = """Điều 20. Cấp bậc hàm của sĩ quan
1. Sĩ quan cấp tá có ba bậc:
Đại tá;
Trung tá;
Thiếu tá.
Sĩ quan được phong cấp bậc hàm theo chức vụ đảm nhiệm."""
    units = _texts(text)
    assert units == [
        ["1. Sĩ quan cấp tá có ba bậc:", "Đại tá;", "Trung tá;", "Thiếu tá."],
        ["Sĩ quan được phong cấp bậc hàm theo chức vụ đảm nhiệm."],  # the list closed with its period
    ]


def test_items_ending_with_commas_belong_to_their_chapeau() -> None:
    text = """Mục tiêu của chương trình là:

Để mọi trẻ em đến tuổi đều được đi học,

Để người lớn biết đọc, biết viết,

Để mỗi xã có một trạm y tế.

Chương trình bắt đầu từ năm sau."""
    units = _texts(text)
    assert len(units) == 2 and len(units[0]) == 4 and units[1] == ["Chương trình bắt đầu từ năm sau."]


def test_a_colon_before_a_quotation_is_not_a_list() -> None:
    text = """Bà Lan, trưởng thôn Đông, cho biết:
Năm nay thôn đã làm xong con đường bê tông dài hai cây số. Người dân rất phấn khởi."""
    units = _texts(text)
    assert len(units) == 3 and units[0] == ["Bà Lan, trưởng thôn Đông, cho biết:"]


def test_a_bullet_lead_in_takes_the_bullets_under_it() -> None:
    text = """Điều 9. Lệ phí cấp bản sao
- Được miễn lệ phí:
- Người có công với cách mạng;
- Thành viên hộ nghèo;
- Trẻ em dưới sáu tuổi.
- Người từ đủ tám mươi tuổi trở lên được giảm một nửa lệ phí."""
    units = _texts(text)
    assert units[0] == [
        "- Được miễn lệ phí:",
        "- Người có công với cách mạng;",
        "- Thành viên hộ nghèo;",
        "- Trẻ em dưới sáu tuổi.",
    ]
    # once the list closed with its period, the next bullet is a provision of its own
    assert units[1] == ["- Người từ đủ tám mươi tuổi trở lên được giảm một nửa lệ phí."]


def test_a_nested_list_under_a_bullet_is_one_provision() -> None:
    text = """Về điểm ưu tiên khu vực, trường thông báo như sau.
- Thí sinh có hộ khẩu thường trú ở xã đặc biệt khó khăn phải đáp ứng đủ các điều kiện sau:
+ Học liên tục ba năm cấp ba tại trường của huyện;
+ Tốt nghiệp trung học phổ thông tại huyện đó.
- Con của thương binh được cộng thêm một điểm."""
    units = _texts(text)
    assert [len(r) for r in units] == [1, 3, 1]  # "-" and "+" are two levels of one list
    assert units[1][-1] == "+ Tốt nghiệp trung học phổ thông tại huyện đó."


def test_an_amended_clause_in_quotes_belongs_to_its_amending_point() -> None:
    text = """Điều 1. Sửa đổi, bổ sung một số điều của Luật Hợp tác xã
1. Khoản 2 Điều 5 được sửa đổi như sau:
“2. Thành viên hợp tác xã có quyền rút vốn góp khi ra khỏi hợp tác xã.”
2. Khoản 4 Điều 9 được bãi bỏ."""
    units = _texts(text)
    assert units[0][0].startswith("1. Khoản 2") and units[0][1].startswith("“2. Thành viên")
    assert units[1] == ["2. Khoản 4 Điều 9 được bãi bỏ."]  # the next point of the amending law is apart


def test_an_article_whose_text_is_a_chapeau_takes_its_items() -> None:
    text = """Điều 7. Ủy ban nhân dân xã trả lời người nộp đơn trong thời hạn sau:
- Năm ngày làm việc đối với đơn xin xác nhận nơi ở;
- Mười ngày làm việc khi phải xác minh tại thôn.
Điều 8. Trả kết quả
Người nộp đơn nhận kết quả tại bộ phận một cửa của xã."""
    doc, units = _units(text)
    assert [u.kind for u in doc.units][:4] == ["sentence", "list_item", "list_item", "heading"]
    assert units[0] == ReadingUnit(0, 2, sum(len(doc.units[i].syllables) for i in range(3)))
    assert [doc.units[i].text for i in units[1].units] == [
        "Người nộp đơn nhận kết quả tại bộ phận một cửa của xã."
    ]


def test_a_title_in_capitals_after_another_title_is_no_reading_unit() -> None:
    text = """Mục 2: QUYỀN CỦA NGƯỜI THUÊ NHÀ. NGHĨA VỤ CỦA NGƯỜI THUÊ NHÀ
Điều 11. Người thuê nhà được tự sửa chữa nhỏ bên trong căn hộ."""
    doc, units = _units(text)
    assert [u.kind for u in doc.units] == ["heading", "heading", "sentence"]
    assert len(units) == 1 and doc.units[units[0].first].text.startswith("Điều 11.")


def test_a_step_after_a_step_that_ends_with_a_colon_is_the_next_step() -> None:
    text = """Bước 1: Người dân chuẩn bị hồ sơ và mang đến bộ phận một cửa, cán bộ ghi vào sổ theo dõi gồm:
Bước 2: Cán bộ kiểm tra hồ sơ và hẹn ngày trả kết quả."""
    units = _texts(text)
    assert [len(r) for r in units] == [1, 1]  # a step is no bullet: "Bước 2" opens a provision of its own
