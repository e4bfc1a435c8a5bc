"""Short Vietnamese documents written for the audit tests: notices, news, a decree excerpt, a procedure."""

from __future__ import annotations

NOTICE_WATER = (
    "THÔNG BÁO\n"
    "Về việc tạm ngừng cấp nước sinh hoạt\n\n"
    "Công ty cấp nước thị xã thông báo tới các hộ dân phường Đông Hòa. "
    "Để sửa đường ống chính trên đường Lê Lợi, công ty sẽ ngừng cấp nước từ 8 giờ đến 17 giờ ngày 12/3/2027. "
    "Các hộ dân nên trữ đủ nước dùng trong ngày. "
    "Nếu cần hỗ trợ, xin gọi số 0236 3821 456.\n"
)

NOTICE_ID_CARD = (
    "THÔNG BÁO\n"
    "Lịch làm thủ tục cấp căn cước tại xã\n\n"
    "Ủy ban nhân dân (UBND) xã Tân Phú tổ chức làm thủ tục cấp căn cước cho người dân từ 14 tuổi trở lên. "
    "Thời gian: sáng thứ bảy và chủ nhật, từ ngày 05/4/2027 đến ngày 27/4/2027, tại hội trường UBND xã. "
    "Người dân mang theo giấy khai sinh hoặc căn cước cũ. "
    "Hồ sơ được tiếp nhận và được xử lý theo quy định.\n"
)

NEWS_ROADS = (
    "Tỉnh khởi công nâng cấp ba tuyến đường liên xã\n\n"
    "Sáng 20/5, tỉnh đã khởi công nâng cấp ba tuyến đường liên xã với tổng chiều dài 18 km. "
    "Ông Nguyễn Văn Hải, Giám đốc Sở Giao thông vận tải, cho biết các tuyến đường sẽ được mở rộng lên 7 mét "
    "và hoàn thành trước mùa mưa năm sau. "
    "Trong thời gian thi công, xe tải trên 10 tấn không được đi vào các tuyến này. "
    "Người dân có thể đi đường tránh qua xã Bình An.\n"
)

DECREE_EXCERPT = (
    "Điều 3. Giải thích từ ngữ\n\n"
    "Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:\n\n"
    "1. Hộ kinh doanh nhỏ là hộ gia đình có doanh thu dưới 100 triệu đồng một năm.\n\n"
    "2. Cơ quan thuế quản lý trực tiếp là Chi cục Thuế nơi hộ kinh doanh nhỏ đặt địa điểm kinh doanh.\n\n"
    "Điều 4. Nghĩa vụ khai thuế\n\n"
    "Hộ kinh doanh nhỏ có trách nhiệm khai thuế một lần mỗi năm với cơ quan thuế quản lý trực tiếp theo mẫu "
    "quy định tại Phụ lục I ban hành kèm theo Nghị định này, trừ trường hợp quy định tại khoản 2 Điều 5 "
    "Nghị định này và các trường hợp khác theo quy định của pháp luật có liên quan.\n"
)

PROCEDURE_BIRTH = (
    "Thủ tục đăng ký khai sinh\n\n"
    "1. Người đi đăng ký nộp tờ khai và giấy chứng sinh tại bộ phận một cửa của UBND cấp xã.\n"
    "2. Cán bộ tư pháp kiểm tra giấy tờ, ghi vào sổ hộ tịch và trao giấy khai sinh ngay trong ngày.\n"
    "3. Nếu nộp sau 15 giờ, giấy khai sinh được trả vào sáng hôm sau.\n\n"
    "Lệ phí: miễn lệ phí đối với đăng ký khai sinh đúng hạn.\n"
)

NEWS_HTML = (
    "<html><head><title>Tin tức</title><style>p{color:red}</style></head><body>"
    "<h1>Huyện tổ chức ngày hội việc làm cho thanh niên</h1>"
    "<p>Ngày 15/6, huyện đã tổ chức ngày hội việc làm với hơn 40 doanh nghiệp tham gia. "
    "Gần 1.200 thanh niên đã đến tìm hiểu và nộp hồ sơ xin việc.</p>"
    "<p>Nhiều doanh nghiệp nhận hồ sơ và phỏng vấn ngay tại chỗ. "
    "Theo ban tổ chức, khoảng 300 người đã được nhận vào làm việc.</p>"
    "</body></html>\n"
)

DOCUMENTS: dict[str, str] = {
    "notice_water": NOTICE_WATER,
    "notice_id_card": NOTICE_ID_CARD,
    "news_roads": NEWS_ROADS,
    "decree_excerpt": DECREE_EXCERPT,
    "procedure_birth": PROCEDURE_BIRTH,
}

COMMUNES = ("Tân Phú", "Bình An", "Đông Hòa", "Phú Lộc", "An Thạnh", "Hòa Bình", "Long Hưng", "Mỹ Lợi")


def variant(i: int) -> str:
    """A notice different for every i (commune, date and phone change), for runs that need many documents."""
    commune = COMMUNES[i % len(COMMUNES)]
    return (
        f"THÔNG BÁO số {i + 1}/TB-UBND\n"
        f"Về việc tiêm vắc xin cho trẻ em xã {commune}\n\n"
        f"Trạm y tế xã {commune} tổ chức tiêm vắc xin sởi cho trẻ từ 9 tháng đến 5 tuổi "
        f"vào ngày {1 + i % 28}/{1 + i % 12}/2027, từ 7 giờ 30 đến 11 giờ. "
        "Cha mẹ mang theo sổ tiêm chủng của trẻ. "
        "Trẻ đang sốt hoặc đang ốm sẽ được hẹn tiêm vào đợt sau. "
        f"Mọi thắc mắc xin gọi trạm y tế qua số 0259 38{i:04d}.\n"
    ) * 3
