"""Picking the profile from the document: legal, citizen or news, with reasons in Vietnamese."""

from __future__ import annotations

from vnpolicytext.profile_detect import detect_profile

# Documents written for these tests, in the layouts each kind uses.
DECISION = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 27/2026/QĐ-UBND\tHà Nam, ngày 10 tháng 3 năm 2026

QUYẾT ĐỊNH
Ban hành quy định hỗ trợ học phí cho học sinh vùng khó khăn

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;

QUYẾT ĐỊNH:
Điều 1. Học sinh thuộc hộ nghèo ở các xã vùng khó khăn được hỗ trợ toàn bộ học phí.
Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 4 năm 2026.
"""

CIRCULAR_EXCERPT = """Thông tư số 12/2026/TT-BGDĐT quy định về sổ liên lạc điện tử

Điều 1. Phạm vi điều chỉnh
Thông tư này quy định việc sử dụng sổ liên lạc điện tử trong trường phổ thông.

Điều 2. Đối tượng áp dụng
Thông tư này áp dụng đối với trường phổ thông, giáo viên và cha mẹ học sinh.

Điều 3. Thành phần hồ sơ
Hồ sơ đề nghị cấp tài khoản gồm đơn và bản sao giấy khai sinh của học sinh.
"""

# A decree about procedures quotes the procedure headings inside its articles: still legal.
DECREE_ON_PROCEDURES = """Nghị định số 45/2026/NĐ-CP về công bố thủ tục hành chính

Điều 1. Nội dung công bố
Quyết định công bố thủ tục hành chính phải nêu đủ các mục sau:
Trình tự thực hiện
Cách thức thực hiện
Thành phần hồ sơ
Thời hạn giải quyết
Lệ phí

Điều 2. Trách nhiệm thi hành
Bộ trưởng, Chủ tịch Ủy ban nhân dân cấp tỉnh chịu trách nhiệm thi hành Nghị định này.
"""

PROCEDURE = """Đăng ký khai sinh cho trẻ em

Cấp thực hiện: Cấp xã
Lĩnh vực: Hộ tịch
Cơ quan thực hiện: Ủy ban nhân dân cấp xã

Trình tự thực hiện
Bước 1: Người đi đăng ký nộp tờ khai và giấy chứng sinh tại bộ phận một cửa.
Bước 2: Công chức tư pháp - hộ tịch kiểm tra giấy tờ và ghi vào sổ hộ tịch.

Thành phần hồ sơ
- Tờ khai đăng ký khai sinh theo mẫu.
- Giấy chứng sinh do bệnh viện cấp.

Lệ phí
Miễn lệ phí khi đăng ký đúng hạn.
"""

PROCEDURE_MARKDOWN = """# Cấp lại thẻ bảo hiểm y tế

## Trình tự thực hiện
1. Người có thẻ bị mất nộp tờ khai tại cơ quan bảo hiểm xã hội huyện.

## Thời hạn giải quyết
Trong ngày làm việc, nếu thông tin không thay đổi.

## Phí, lệ phí
Không.
"""

NEWS = """Hà Nam hỗ trợ học phí cho học sinh vùng khó khăn

Sáng 12/3, Ủy ban nhân dân tỉnh Hà Nam cho biết đã ban hành Quyết định số 27/2026/QĐ-UBND về hỗ trợ học phí.
Theo quyết định, khoảng 4.000 học sinh thuộc hộ nghèo sẽ được miễn toàn bộ học phí từ tháng 4.
Căn cứ vào kết quả rà soát cuối năm, tỉnh sẽ xem xét mở rộng diện hỗ trợ, ông Trần Văn Bình cho biết.
"""


def test_decision_with_emblem_is_legal_with_every_reason() -> None:
    profile, reasons = detect_profile(DECISION)
    assert profile == "legal"
    text = " | ".join(reasons)
    assert "quốc hiệu" in text
    assert "27/2026/QĐ-UBND" in text
    assert "chia thành 2 điều" in text
    assert "có 2 căn cứ ban hành" in text


def test_circular_excerpt_without_emblem_is_legal() -> None:
    profile, reasons = detect_profile(CIRCULAR_EXCERPT)
    assert profile == "legal"
    assert any("12/2026/TT-BGDĐT" in r for r in reasons)
    assert any("3 điều" in r for r in reasons)


def test_decree_quoting_procedure_headings_stays_legal() -> None:
    assert detect_profile(DECREE_ON_PROCEDURES)[0] == "legal"


def test_procedure_is_citizen() -> None:
    profile, reasons = detect_profile(PROCEDURE)
    assert profile == "citizen"
    assert "“Trình tự thực hiện”" in reasons[0] and "“Thành phần hồ sơ”" in reasons[0]
    assert "“Lệ phí”" in reasons[0] and "“Cấp thực hiện”" in reasons[0]
    assert any("2 bước" in r for r in reasons)


def test_markdown_procedure_is_citizen() -> None:
    profile, reasons = detect_profile(PROCEDURE_MARKDOWN)
    assert profile == "citizen"
    assert "“Thời hạn giải quyết”" in reasons[0]


def test_news_citing_a_decision_is_news_and_says_why() -> None:
    profile, reasons = detect_profile(NEWS)
    assert profile == "news"
    assert len(reasons) == 1 and "dấu hiệu yếu" in reasons[0] and "đọc như tin tức" in reasons[0]


def test_text_without_any_signal_is_news() -> None:
    profile, reasons = detect_profile("Chiều nay trời mưa to, nhiều tuyến phố ở trung tâm bị ngập sâu.")
    assert profile == "news"
    assert reasons == [
        "không có quốc hiệu, số hiệu, điều khoản hay các mục của thủ tục hành chính: đọc như tin tức"
    ]


def test_old_spelling_of_the_emblem_counts() -> None:
    text = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐiều 1. Nội dung.\nĐiều 2. Hiệu lực.\n"
    profile, reasons = detect_profile(text)
    assert profile == "legal" and "quốc hiệu" in reasons[0]
