"""Every Vietnamese string a user or an admin reads, in one place."""

# --- Ingestion: why a file could not be read (shown beside its file name) -------------------
UNSUPPORTED_TYPE = (
    "định dạng không được hỗ trợ (chỉ nhận .txt, .md, .docx, .doc, .rtf, .odt, .pdf, .html "
    "và ảnh chụp, ảnh quét .jpg, .png, .tif)"
)
EMPTY_FILE = "tệp rỗng, không có nội dung văn bản"
BINARY_FILE = "tệp nhị phân, không phải văn bản"
UNDECODABLE = "không giải mã được nội dung (không phải UTF-8 hay mã tiếng Việt đã biết)"
LEGACY_ENCODING = (
    "văn bản dùng bảng mã cũ ({encoding}) và không chuyển được sang Unicode; "
    "hãy lưu lại bằng Unicode rồi thêm lại"
)
CORRUPT_FILE = "tệp bị hỏng hoặc không đúng định dạng {kind}"
PDF_NO_TEXT = "PDF không có chữ: không có lớp chữ, cũng không có ảnh trang quét để nhận dạng"
BAD_SIDECAR = "tệp thông tin kèm theo {name} không hợp lệ: {error}"
KEPT_PREVIOUS = "giữ nguyên bản đã lập chỉ mục trước đó"
# .doc, .rtf, .odt, read through LibreOffice
OFFICE_MISSING = (
    "cần LibreOffice để đọc tệp {kind} nhưng máy chủ chưa cài; hãy cài gói {package} "
    "(sudo apt-get install {package}) rồi lập chỉ mục lại, hoặc lưu tệp thành DOCX"
)
OFFICE_TIMEOUT = (
    "LibreOffice không đọc xong tệp {kind} trong {seconds:g} giây (tệp quá lớn hoặc bị hỏng); "
    "hãy mở tệp, lưu lại thành DOCX rồi thêm lại"
)
# Scans and photos, read by OCR (Tesseract)
OCR_MISSING = (
    "bản quét hoặc ảnh cần nhận dạng chữ (OCR), nhưng máy chủ chưa cài Tesseract: hãy cài "
    "các gói tesseract-ocr và tesseract-ocr-vie (sudo apt-get install tesseract-ocr "
    "tesseract-ocr-vie) rồi lập chỉ mục lại"
)
OCR_NO_VIETNAMESE = "thiếu dữ liệu tiếng Việt cho Tesseract; hãy cài gói tesseract-ocr-vie"
OCR_FAILED = "nhận dạng chữ (OCR) không thành công: {error}"
OCR_NOT_VIETNAMESE = (
    "chữ nhận dạng được không giống tiếng Việt (chỉ {share:.0%} âm tiết hợp lệ): ảnh quá "
    "mờ, không phải trang văn bản, hoặc viết bằng tiếng khác"
)
OCR_PAGE_REJECTED = "trang {page}: {reason}; trang này không được lập chỉ mục"
OCR_NOTHING_READABLE = "không trang nào đọc được thành văn bản tiếng Việt ({pages})"
BLANK_SCAN = "ảnh hoặc bản quét trống, không có chữ"
NOT_AN_IMAGE = "tệp có đuôi {suffix} nhưng không phải ảnh (đặt sai đuôi hoặc bị hỏng)"
CORRUPT_IMAGE = "ảnh bị hỏng hoặc không đầy đủ, không đọc được"
IMAGE_TOO_LARGE = "ảnh quá lớn (trên {limit} triệu điểm ảnh); hãy quét ở độ phân giải thấp hơn"
PDF_PASSWORD = (
    "PDF được đặt mật khẩu; hãy gỡ mật khẩu (hoặc xuất lại PDF không mật khẩu) rồi thêm lại"
)

# --- Answers ----------------------------------------------------------------------------------
ANSWER_INTRO = "Theo các văn bản đã lập chỉ mục:"
SOURCES = "Nguồn:"
REPLACED_BY = "văn bản này đã được thay thế bởi {replaced_by}"
REPEALED_BY = "văn bản này đã bị bãi bỏ bởi {document}"
AMENDED_BY = "văn bản này đã được sửa đổi, bổ sung bởi {documents}"
SCANNED = "bản quét, chữ do máy nhận dạng"
SECTION = "mục"
ISSUED_BY = "cơ quan ban hành:"
SIGNED_BY = "người ký:"
OUTLINE_INTRO = "Các phần chính của văn bản:"
NO_ISSUER = "Văn bản {document} không ghi cơ quan ban hành hay người ký."
NO_SIGNER = "Văn bản không ghi tên người ký."
NOT_HELD = "Bộ văn bản chưa có {document}."
NOT_HELD_MENTIONS = "Các văn bản đã có nhắc đến văn bản này như sau:"
NOT_HELD_NOR_MENTIONED = (
    "Bộ văn bản chưa có {document}, và các văn bản đã có cũng không nhắc đến văn bản này."
)
WHICH_DOCUMENT = (
    'Bạn hỏi văn bản nào? Xin nêu tên hoặc số văn bản, ví dụ: "Chỉ thị 05-CT/TU nói về gì?"'
)
NOT_ANSWERED = (
    "Tôi không tìm thấy nội dung trả lời câu hỏi này trong các văn bản đã có. "
    'Bạn có thể hỏi lại cụ thể hơn: nêu tên hoặc số văn bản (ví dụ "Chỉ thị 05-CT/TU"), '
    "dùng từ ngữ trong văn bản, hoặc gõ có dấu."
)

# --- Small talk and questions outside the documents' subject ------------------------------
ABOUT_ME = (
    "Tôi là trợ lý tra cứu văn bản của Đảng: tôi trả lời bằng đúng lời văn trong các văn bản "
    "đã có (chỉ thị, nghị quyết, quy định, quyết định, kết luận, báo cáo…) và ghi rõ nguồn."
)
TRY_ASKING = (
    "Bạn thử hỏi, ví dụ:\n"
    "• Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2021?\n"
    "• phu cap nhan vien thu y xa o cao bang bao nhieu"
)
# The first words of a reply to small talk, by what the member said.
SMALL_TALK_OPENERS = {
    "thanks": "Rất vui được giúp bạn!",
    "goodbye": "Chào bạn, hẹn gặp lại!",
    "complaint": "Xin lỗi nếu câu trả lời chưa như ý bạn.",
    "greeting": "Xin chào!",
}
OUT_OF_SCOPE = (
    "Câu hỏi này nằm ngoài phạm vi của tôi: tôi chỉ tra cứu các văn bản của Đảng và Nhà nước "
    "đã có trong bộ văn bản (chỉ thị, nghị quyết, quy định, quyết định, kết luận, báo cáo…) "
    "và trả lời bằng đúng lời văn của văn bản, có ghi nguồn."
)

# --- Bad questions ------------------------------------------------------------------------------
EMPTY_QUESTION = (
    'Bạn chưa nhập câu hỏi. Hãy gõ câu hỏi bằng tiếng Việt, ví dụ: "Chỉ thị 05 nói gì?"'
)
QUESTION_TOO_LONG = (
    "Câu hỏi quá dài ({length} ký tự, tối đa {limit}). Hãy hỏi ngắn gọn một ý mỗi lần."
)
NO_WORDS = "Câu hỏi không có chữ nào để tìm. Hãy gõ câu hỏi bằng tiếng Việt."
NOT_VIETNAMESE = (
    "Tôi chỉ trả lời câu hỏi bằng tiếng Việt về các văn bản đã có. Hãy đặt câu hỏi bằng tiếng Việt."
)

# --- Index and reindex --------------------------------------------------------------------------
INDEX_OUTDATED = 'Chỉ mục được tạo bởi phiên bản cũ. Quản trị viên cần chạy lại "qa reindex".'
INDEX_NOT_BUILT = 'Chưa có chỉ mục văn bản. Quản trị viên cần chạy "qa reindex" (hoặc /reindex).'
MODEL_MISMATCH = (
    'Chỉ mục được xây dựng bằng mô hình "{built}" nhưng cấu hình hiện dùng "{configured}". '
    'Quản trị viên cần chạy lại "qa reindex" để lập chỉ mục bằng mô hình mới.'
)
DOCUMENTS_DIR_MISSING = "Không tìm thấy thư mục văn bản: {path}"
NOTHING_TO_INDEX = "Thư mục văn bản không có văn bản nào đọc được, nên chỉ mục cũ được giữ nguyên."
REINDEX_BUSY = "Đang có một lượt lập chỉ mục khác chạy. Hãy đợi lượt đó xong rồi thử lại."
DATABASE_ERROR = "Không kết nối được cơ sở dữ liệu ({error}). Kiểm tra DATABASE_URL."
EMBEDDER_ERROR = "Không tải được mô hình nhúng: {error}"
REINDEX_PROGRESS = "Đang nhúng đoạn văn"
REINDEX_SUMMARY = (
    "Lập chỉ mục xong trong {seconds:.1f} giây: {added} văn bản mới, {changed} thay đổi, "
    "{removed} bị xoá, {unchanged} không đổi, {failed} lỗi; {passages} đoạn, "
    "{embedded} đoạn phải nhúng lại."
)
REINDEX_FAILURES = "Không đọc được các tệp sau:"
REINDEX_WARNINGS = "Đã lập chỉ mục, nhưng bỏ qua một số trang:"
REINDEX_READING_BAR = "Đang đọc trang"
NO_DOCUMENTS = "Chưa có văn bản nào được lập chỉ mục."

# --- Terminal chat ----------------------------------------------------------------------------------
CHAT_WELCOME = (
    "Hỏi đáp văn bản của Đảng. Gõ câu hỏi bằng tiếng Việt rồi nhấn Enter; "
    'gõ "thoát" hoặc Ctrl+D để kết thúc.'
)
CHAT_PROMPT = "Bạn hỏi: "
CHAT_EXIT_WORDS = ("thoát", "thoat", "exit", "quit")
UNEXPECTED_ERROR = "Đã có lỗi ngoài dự kiến. Hãy thử lại sau; nếu vẫn lỗi, báo quản trị viên."

# --- Chat bots (Telegram and Zalo) --------------------------------------------------------------
BOT_WELCOME = (
    "Xin chào! Tôi là trợ lý hỏi đáp văn bản của Đảng. Tôi trả lời bằng đúng lời văn trong "
    "các văn bản đã có và ghi rõ nguồn; khi văn bản không có câu trả lời, tôi sẽ nói rõ."
)
BOT_EXAMPLES = (
    "Ví dụ câu hỏi:\n"
    "• Ai chủ trì hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2021?\n"
    "• Chỉ thị về phòng, chống tác hại thuốc lá nói về gì?\n"
    "• phu cap nhan vien thu y xa o cao bang bao nhieu (gõ không dấu cũng được)\n"
    'Hỏi tiếp ngắn gọn cũng được, ví dụ "còn nhiệm vụ nào khác?".'
)
BOT_MEMBER_COMMANDS = (
    "Lệnh:\n/docs — danh sách văn bản đã có\n/moi — văn bản mới thêm\n"
    "/theodoi — nhận thông báo khi có văn bản mới\n/huytheodoi — thôi nhận thông báo\n"
    "/vanban [bộ lọc] — thư viện văn bản, mới nhất trước, lọc theo loại, năm, cơ quan "
    "(ví dụ /vanban chỉ thị 2021); /vanban 05-CT/TU mở một văn bản: bố cục, bản gốc, "
    "hỏi trong văn bản đó\n"
    "/xoalichsu — xoá các câu hỏi bạn đã gửi và góp ý của bạn\n"
    "/help — hướng dẫn"
)
BOT_ZALO_MEMBER_COMMANDS = (
    "Lệnh:\n"
    "/nguon N — xem toàn văn nguồn số N của câu trả lời vừa rồi\n"
    "/dung hoặc /sai — góp ý câu trả lời vừa rồi đúng hay sai; /sai <góp ý> — nói điều "
    "chưa đúng hoặc còn thiếu\n"
    "/docs — danh sách văn bản đã có\n"
    "/theodoi — nhận thông báo khi có văn bản mới\n"
    "/huytheodoi — thôi nhận thông báo\n"
    "/vanban [bộ lọc] — thư viện văn bản, mới nhất trước, lọc theo loại, năm, cơ quan "
    "(ví dụ /vanban chỉ thị 2021)\n"
    "/vb N — xem văn bản số N của danh sách (hoặc /vb 05-CT/TU)\n"
    "/hoi <câu hỏi> — hỏi chỉ trong văn bản vừa xem; /goc — bản gốc của văn bản đó\n"
    "/xoalichsu — xoá các câu hỏi bạn đã gửi và góp ý của bạn\n"
    "/help — hướng dẫn"
)
BOT_GROUP_HINT = "Trong nhóm, hãy nhắc tên tôi (@{username}) hoặc trả lời tin nhắn của tôi để hỏi."
BOT_ADMIN_COMMANDS = (
    "Lệnh quản trị:\n"
    "/reindex — lập chỉ mục lại những văn bản mới hoặc thay đổi\n"
    "/reindex im — lập chỉ mục lại mà không gửi thông báo văn bản mới\n"
    "/xoa <tên tệp hoặc số văn bản> — xoá một văn bản\n"
    "/them <đường liên kết> — thêm văn bản từ một trang web hoặc tệp trên mạng\n"
    "/stats — thống kê\n"
    "/lienket — văn bản thay thế, sửa đổi, bãi bỏ văn bản khác: xác nhận hoặc huỷ liên kết\n"
    "/chuatraloi [số ngày] — câu hỏi chưa trả lời được, gộp câu hỏi cùng nội dung (mặc định "
    "7 ngày)\n"
    "/danhgia [số ngày] — câu trả lời bị đánh giá 👎, kèm nguồn và góp ý\n"
    "Gửi tệp PDF, DOCX, TXT, MD hoặc HTML để thêm văn bản."
)
BOT_ZALO_ADMIN_COMMANDS = (
    "Lệnh quản trị:\n"
    "/reindex — lập chỉ mục lại những văn bản mới hoặc thay đổi\n"
    "/reindex im — lập chỉ mục lại mà không gửi thông báo văn bản mới\n"
    "/stats — thống kê\n"
    "/chuatraloi [số ngày] — câu hỏi chưa trả lời được, gộp câu hỏi cùng nội dung (mặc định "
    "7 ngày)\n"
    "/danhgia [số ngày] — câu trả lời bị đánh giá 👎, kèm nguồn và góp ý\n"
    "Zalo không cho bot nhận tệp: hãy thêm văn bản qua Telegram (gửi tệp cho bot) "
    'hoặc chép vào thư mục văn bản rồi chạy "qa reindex".'
)
COMMAND_DESCRIPTIONS = {
    "start": "Bắt đầu",
    "help": "Hướng dẫn và ví dụ câu hỏi",
    "docs": "Danh sách văn bản đã có",
    "moi": "Văn bản mới thêm",
    "theodoi": "Nhận thông báo khi có văn bản mới",
    "huytheodoi": "Thôi nhận thông báo văn bản mới",
    "vanban": "Thư viện văn bản: lọc theo loại, năm, cơ quan; mở theo số",
    "xoalichsu": "Xoá các câu hỏi bạn đã gửi",
}
ADMIN_COMMAND_DESCRIPTIONS = {
    "reindex": "Lập chỉ mục lại",
    "xoa": "Xoá một văn bản",
    "them": "Thêm văn bản từ đường liên kết",
    "stats": "Thống kê",
    "lienket": "Văn bản thay thế, sửa đổi, bãi bỏ văn bản khác",
    "chuatraloi": "Câu hỏi chưa trả lời được",
    "danhgia": "Câu trả lời bị đánh giá 👎",
}
UNKNOWN_COMMAND = "Không có lệnh {command}. Gõ /help để xem các lệnh."
UNSUPPORTED_MESSAGE = "Tôi chỉ đọc được câu hỏi bằng chữ. Hãy gõ câu hỏi bằng tiếng Việt."
NOT_ALLOWED = (
    "Xin lỗi, bạn chưa được cấp quyền dùng trợ lý này. "
    "Nếu bạn là đảng viên của chi bộ, hãy liên hệ quản trị viên để được thêm vào danh sách."
)
NOT_ADMIN = "Lệnh này chỉ dành cho quản trị viên."
RATE_LIMITED = "Bạn hỏi nhanh quá. Hãy đợi khoảng {seconds} giây rồi hỏi tiếp nhé."

# Answers in chats
SOURCE_BUTTON = "📄 Nguồn {number}"
FEEDBACK_GOOD = "👍"
FEEDBACK_BAD = "👎"
FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý!"
FEEDBACK_NOTHING = "Chưa có câu trả lời nào để góp ý. Hãy đặt câu hỏi trước."
SOURCE_TITLE = "Nguồn [{number}]"
SOURCE_ISSUER = "Cơ quan ban hành"
SOURCE_SECTION = "Mục"
SOURCE_FILE = "Tệp"
SOURCE_GONE = "Không tìm thấy nguồn này (câu trả lời quá cũ). Hãy hỏi lại."
SOURCE_USAGE = "Gõ /nguon và số thứ tự nguồn, ví dụ: /nguon 1"
SOURCE_NO_ANSWER = "Chưa có câu trả lời nào để xem nguồn. Hãy đặt câu hỏi trước."
SOURCE_OUT_OF_RANGE = "Câu trả lời vừa rồi chỉ có {count} nguồn."
MORE_IN_PRIVATE = "(Câu trả lời còn dài; hãy nhắn riêng cho tôi để xem đầy đủ.)"

# Collection
DOCS_HEADER = "Các văn bản đã có ({count}), trang {page}/{pages}:"
DOCS_PREVIOUS = "◀ Trước"
DOCS_NEXT = "Sau ▶"
DOCS_NEXT_PAGE_ZALO = "Gõ /docs {page} để xem trang tiếp."
RECENT_HEADER = "Văn bản mới thêm gần đây:"
DOC_ADDED_ON = "thêm ngày {date:%d/%m/%Y}"
STATS = (
    "Thống kê:\n"
    "• Văn bản: {documents}, đoạn: {passages}\n"
    "• Câu hỏi đã nhận: {questions} (trả lời được {answered})\n"
    "• Góp ý: 👍 {helpful}, 👎 {unhelpful}\n"
    "• Phiên bản chỉ mục: {build_id}\n"
    "• Lập chỉ mục lần cuối: {finished}: {added} mới, {changed} thay đổi, {removed} xoá, {failed} lỗi"
)

# Reindex from a chat
REINDEX_STARTED = "Bắt đầu lập chỉ mục. Các câu hỏi vẫn được trả lời trong lúc chờ."
REINDEX_EMBEDDING = "Đang lập chỉ mục: đã nhúng {done}/{total} đoạn ({percent}%)."
REINDEX_READING = "Đang lập chỉ mục: đã đọc {done}/{total} trang ({percent}%)."
REINDEX_FAILED = "Lập chỉ mục không thành công: {error}"
BOT_TOKEN_MISSING = "Chưa đặt {name} (trong biến môi trường hoặc tệp .env)."
BOT_WEBHOOK_SECRET_MISSING = "Chế độ webhook cần {name} (8–256 ký tự)."
BOT_TOKEN_REJECTED = "Máy chủ {service} từ chối token. Hãy kiểm tra {name}."
BOT_UNREACHABLE = "Không kết nối được máy chủ {service} ({error}). Hãy kiểm tra mạng và {name}."

# Uploads (Telegram)
UPLOAD_TOO_BIG = "Tệp quá lớn ({size:.1f} MB); giới hạn là {limit} MB."
UPLOAD_BAD_NAME = "Tên tệp không hợp lệ."
UPLOAD_TYPE_MISMATCH = "Nội dung tệp không phải là {kind} như đuôi tệp cho biết."
TEXT_KIND = "văn bản thuần (TXT, MD, HTML)"
UPLOAD_REJECTED = "Không thêm được tệp {name}: {reason}"
UPLOAD_DOWNLOAD_FAILED = "Không tải được tệp từ máy chủ chat. Hãy gửi lại."
UPLOAD_RECEIVED = "Đã nhận tệp {name}, đang lập chỉ mục…"
UPLOAD_DONE = "Đã thêm {path} ({passages} đoạn):"
FIELD_TYPE = "Loại"
FIELD_NUMBER = "Số"
FIELD_TITLE = "Tiêu đề"
FIELD_DATE = "Ngày ban hành"
FIELD_UNKNOWN = "(không rõ)"
FIELD_ISSUER = "Cơ quan ban hành"
FIELD_PLACE = "Nơi ban hành"
FIELD_SIGNER = "Người ký"
FIELD_PAGES = "Số trang"
PAGES_SCANNED = "{count} trang đọc bằng nhận dạng chữ (OCR)"
PAGES_SKIPPED = "{count} trang bị bỏ qua"

# Adding a document by link (qa add, /them)
LINK_USAGE = (
    "Gõ /them và đường liên kết của một trang web hoặc một tệp (PDF, DOCX…), ví dụ:\n"
    "/them https://tulieuvankien.dangcongsan.vn/…"
)
LINK_FETCHING = "Đang tải {url} …"
LINK_REJECTED = "Không thêm được {url}: {reason}"
LINK_NOT_URL = "đây không phải là một đường liên kết http:// hoặc https:// hợp lệ"
LINK_CREDENTIALS = "đường liên kết không được chứa tên đăng nhập hoặc mật khẩu"
LINK_PRIVATE = (
    "{host} là địa chỉ trong mạng nội bộ hoặc địa chỉ đặc biệt ({address}); chỉ tải được từ "
    "các trang công khai (quản trị máy chủ có thể cho phép tên máy này qua QA_FETCH_ALLOW_HOSTS)"
)
LINK_TOO_BIG = "tệp ở liên kết lớn hơn giới hạn {limit} MB"
LINK_UNSUPPORTED = "liên kết trả về nội dung kiểu «{kind}», {reason}"
LINK_TYPE_MISMATCH = (
    "máy chủ báo nội dung là «{kind}» nhưng dữ liệu tải về không phải vậy "
    "(có thể là trang báo lỗi hoặc trang đăng nhập)"
)
LINK_HTTP_STATUS = "máy chủ trả lời lỗi HTTP {status}: {meaning}"
LINK_STATUS_MEANINGS = {
    401: "trang cần đăng nhập",
    403: "máy chủ không cho phép tải trang này",
    404: "không có trang này (liên kết sai hoặc trang đã bị gỡ)",
    410: "trang đã bị gỡ",
    429: "máy chủ đang từ chối vì có quá nhiều yêu cầu; hãy thử lại sau",
}
LINK_STATUS_SERVER = "máy chủ đang gặp lỗi; hãy thử lại sau"
LINK_STATUS_OTHER = "yêu cầu không được chấp nhận"
LINK_TIMEOUT = "{host} không trả lời kịp trong {seconds:g} giây; hãy thử lại sau"
LINK_CONNECT = "không kết nối được tới {host} (tên miền không tồn tại hoặc máy chủ không hoạt động)"
LINK_TOO_MANY_REDIRECTS = "liên kết chuyển hướng quá nhiều lần (hơn {count} lần)"
LINK_NO_MAIN_TEXT = (
    "trang không có phần nội dung chính để lưu (chỉ thấy trình đơn, liên kết hoặc ảnh); "
    "hãy gửi liên kết của chính bài viết hoặc của tệp văn bản"
)
FIELD_SOURCE_URL = "Liên kết gốc"
LINK_SIDECAR_NOTE = (
    "Tải về từ liên kết (qa add, /them); có thể thêm type, number, issuer, date… tại đây"
)

# Removing a document (Telegram)
REMOVE_USAGE = "Gõ /xoa và tên tệp hoặc số văn bản, ví dụ: /xoa 05-CT/TU"
REMOVE_NOT_FOUND = "Không tìm thấy văn bản nào khớp với «{query}»."
REMOVE_MANY = "Có {count} văn bản khớp với «{query}»; hãy ghi rõ hơn (tên tệp):"
REMOVE_CONFIRM = "Xoá văn bản này khỏi bộ sưu tập?\n{document}\n{path}"
REMOVE_YES = "🗑 Xoá"
REMOVE_NO = "Huỷ"
REMOVE_CANCELLED = "Đã huỷ, không xoá gì."
REMOVE_DONE = "Đã xoá {path} (tệp được chuyển vào {trash})."

# Links between documents (one replaces, amends or repeals another)
DOC_LINK_RELATIONS = {"replaces": "thay thế", "amends": "sửa đổi, bổ sung", "repeals": "bãi bỏ"}
DOC_LINK_STATUSES = {
    "detected": "tự phát hiện, chưa xác nhận",
    "confirmed": "đã xác nhận",
    "undone": "đã huỷ",
}
DOC_LINKS_HEADER = "Văn bản thay thế, sửa đổi, bãi bỏ văn bản khác ({count}):"
NO_DOC_LINKS = "Chưa văn bản nào nói thay thế, sửa đổi hay bãi bỏ văn bản khác."
DOC_LINK_LINE = "#{id} {source} {relation} {target} — {status}"
DOC_LINK_TARGET_MISSING = "(bộ văn bản chưa có)"
DOC_LINK_EVIDENCE = "«{evidence}»"
DOC_LINK_USAGE = (
    "/lienket — xem các liên kết; /lienket xacnhan N — xác nhận liên kết số N; "
    "/lienket huy N — huỷ liên kết số N (câu trả lời không nhắc đến nữa)."
)
DOC_LINK_NOT_FOUND = "Không có liên kết số {id}. Gõ /lienket (hoặc qa links) để xem danh sách."
DOC_LINK_CONFIRMED = "Đã xác nhận liên kết #{id}: {source} {relation} {target}."
DOC_LINK_UNDONE = (
    "Đã huỷ liên kết #{id}: {source} {relation} {target}. Câu trả lời không nhắc đến liên kết "
    "này nữa, kể cả sau khi lập chỉ mục lại."
)
DOC_LINK_CONFIRM_BUTTON = "✔ Xác nhận #{id}"
DOC_LINK_UNDO_BUTTON = "✖ Huỷ #{id}"

# --- New-document notices (notices) -------------------------------------------------------------
NOTICE_HEADING = "Văn bản mới trong bộ văn bản:"
NOTICE_CHANGED = "cập nhật"
NOTICE_MORE = "… và {count} văn bản khác: gõ /moi để xem."
NOTICE_OPEN_ZALO = "xem: /vb {ref}"
NOTICE_BUTTON = "📄 {name}"
NOTICES_SUBSCRIBED = (
    "Đã đăng ký: bạn sẽ nhận thông báo khi có văn bản mới. Gõ /huytheodoi để thôi nhận."
)
NOTICES_SUBSCRIBED_GROUP = (
    "Đã đăng ký: nhóm sẽ nhận thông báo khi có văn bản mới. "
    "Quản trị viên nhóm gõ /huytheodoi để thôi nhận."
)
NOTICES_ALREADY = "Bạn đã đăng ký nhận thông báo văn bản mới rồi. Gõ /huytheodoi để thôi nhận."
NOTICES_ALREADY_GROUP = "Nhóm đã đăng ký nhận thông báo văn bản mới rồi."
NOTICES_UNSUBSCRIBED = "Đã thôi nhận thông báo văn bản mới. Gõ /theodoi để nhận lại."
NOTICES_UNSUBSCRIBED_GROUP = "Nhóm sẽ không nhận thông báo văn bản mới nữa."
NOTICES_NOT_SUBSCRIBED = "Bạn chưa đăng ký nhận thông báo văn bản mới. Gõ /theodoi để đăng ký."
NOTICES_NOT_SUBSCRIBED_GROUP = "Nhóm chưa đăng ký nhận thông báo văn bản mới."
NOTICES_GROUP_ADMINS_ONLY = (
    "Chỉ quản trị viên của nhóm mới đăng ký hoặc huỷ nhận thông báo văn bản mới cho nhóm."
)
REINDEX_NOTIFIED = "Thông báo văn bản mới sẽ được gửi tới {count} người và nhóm theo dõi."
NOTIFY_OPTION_HELP = "Không gửi thông báo văn bản mới cho người theo dõi (im lặng)."

# --- The library: /vanban, document cards, questions within one document -----------------------
LIBRARY_ALL = "Các văn bản ({count}), mới nhất trước"
LIBRARY_FILTERED = "Văn bản theo bộ lọc «{filter}» ({count}), mới nhất trước"
LIBRARY_NAMED = "Các văn bản khớp với «{query}» ({count})"
LIBRARY_PAGE = ", trang {page}/{pages}:"
LIBRARY_EMPTY = (
    "Không có văn bản nào theo bộ lọc «{filter}». Gõ /vanban để xem tất cả. Ví dụ bộ lọc: "
    "/vanban chỉ thị 2021, /vanban nghi quyet hdnd nghe an, /vanban qd 2010."
)
LIBRARY_NOT_FOUND = (
    "Không tìm thấy văn bản nào khớp với «{query}». Hãy ghi số văn bản (ví dụ 05-CT/TU, "
    "ct 05) hoặc đường dẫn tệp trong thư mục văn bản; /vanban (hoặc qa docs) liệt kê các văn bản."
)
LIBRARY_SEVERAL = (
    "Có nhiều văn bản khớp với «{query}»; hãy ghi rõ hơn (số đầy đủ hoặc đường dẫn tệp):\n"
    "{documents}"
)
# A question about what the collection holds ("có những chỉ thị nào?", "danh sach van ban")
CATALOGUE = "Bộ văn bản có {count} {what}{matching}, mới nhất trước:"
CATALOGUE_NONE = "Bộ văn bản chưa có {what} nào{matching}."
CATALOGUE_DOCUMENTS = "văn bản"
CATALOGUE_YEAR = " năm {year}"
CATALOGUE_MATCHING = " khớp với «{query}»"
CATALOGUE_MORE = "… và {count} văn bản nữa."
CATALOGUE_ASK = 'Để hỏi về một văn bản, hãy nêu số hoặc tên của nó, ví dụ: "{example} nói về gì?"'
LIBRARY_FILE_GONE = "Không còn tệp gốc {path} trong thư mục văn bản."
LIBRARY_SEARCHED_IN = "Tìm trong văn bản: {document}"
LIBRARY_ZALO_HINT = "Gõ /vb N để xem văn bản số N, ví dụ /vb 1."
LIBRARY_ZALO_MORE = (
    "… và {count} văn bản nữa: thêm bộ lọc để thu hẹp, ví dụ /vanban chỉ thị 2021, "
    "hoặc gõ số văn bản: /vb 05-CT/TU."
)
CARD_PASSAGES = "Số đoạn đã lập chỉ mục"
CARD_STATES = "Văn bản này {relation} {document}"
CARD_OUTLINE = "Bố cục:"
CARD_ORIGINAL_BUTTON = "📄 Bản gốc"
CARD_ASK_BUTTON = "❓ Hỏi trong văn bản này"
CARD_ASK_SET = "Câu hỏi tiếp theo của bạn sẽ chỉ tìm trong văn bản: {document}\nHãy gửi câu hỏi."
CARD_ZALO_ACTIONS = (
    "Hỏi trong văn bản này: gõ /hoi và câu hỏi (ví dụ: /hoi nội dung chính là gì?), hoặc gõ "
    "/hoi rồi gửi câu hỏi ở tin nhắn sau.\nBản gốc: gõ /goc."
)
ORIGINAL_TOO_BIG = (
    "Tệp gốc {name} nặng {size:.1f} MB, quá giới hạn {limit} MB mà bot Telegram được gửi. "
    "Hãy nhờ quản trị viên gửi tệp."
)
ORIGINAL_ZALO = (
    "Bot Zalo không gửi được tệp (Zalo chỉ cho bot gửi tin nhắn chữ, ảnh và nhãn dán). Bản gốc "
    "của {document}: tải từ bot Telegram (gõ /vb {ref} rồi bấm «📄 Bản gốc») hoặc nhờ quản trị "
    "viên gửi tệp {path}."
)
ORIGINAL_ZALO_LINK = "Văn bản này được thêm từ liên kết: {url}"
LIBRARY_NO_CARD = "Chưa chọn văn bản nào. Gõ /vanban để xem danh sách, rồi /vb N để chọn."
VB_USAGE = (
    "Gõ /vb và số thứ tự trong danh sách /vanban vừa rồi, hoặc số văn bản, ví dụ: /vb 1, "
    "/vb 05-CT/TU."
)
VB_USAGE_TELEGRAM = (
    "Gõ /vb và số văn bản, ví dụ /vb 05-CT/TU, hoặc /vanban để chọn trong danh sách."
)
VB_OUT_OF_RANGE = "Danh sách vừa rồi có {count} văn bản; gõ /vb và số từ 1 đến {count}."

# --- What members need (admin reports) and the privacy of members' questions ----------------
REPORT_UNANSWERED_HEADER = (
    "Câu hỏi chưa trả lời được trong {days} ngày qua: {count} lượt hỏi, {groups} nội dung "
    "(hỏi nhiều nhất trước):"
)
REPORT_UNANSWERED_LINE = "{number}. [{count} lần] {question}"
REPORT_OTHER_WORDING = "   – {question}"
REPORT_UNANSWERED_NONE = "Không có câu hỏi nào chưa trả lời được trong {days} ngày qua."
REPORT_FEEDBACK_HEADER = "Câu trả lời bị đánh giá 👎 trong {days} ngày qua ({count}):"
REPORT_FEEDBACK_LINE = "{number}. {at:%d/%m/%Y %H:%M} — câu hỏi #{id} ({kind}): {question}"
REPORT_NO_SOURCES = "   (không trích nguồn)"
REPORT_COMMENT = "   Góp ý: «{comment}»"
REPORT_FEEDBACK_NONE = "Không có câu trả lời nào bị đánh giá 👎 trong {days} ngày qua."
REPLY_KINDS = {
    "answer": "có trích dẫn",
    "refusal": "không tìm thấy",
    "out_of_scope": "ngoài phạm vi",
    "small_talk": "trò chuyện",
    "library": "danh mục văn bản",
}
REPORT_UNANSWERED_COLUMNS = ("Số lần hỏi", "Câu hỏi", "Cách hỏi khác", "Hỏi lần cuối")
REPORT_FEEDBACK_COLUMNS = ("Thời điểm", "Mã câu hỏi", "Câu hỏi", "Loại trả lời", "Nguồn", "Góp ý")
REPORT_USAGE = "Gõ /{command} hoặc /{command} và số ngày (1–3650), ví dụ: /{command} 30"
FEEDBACK_COMMENT_PROMPT = (
    "Góp ý cho câu trả lời #{id} (không bắt buộc): trả lời tin nhắn này bằng một câu ngắn, "
    "nói điều chưa đúng hoặc còn thiếu."
)
FEEDBACK_COMMENT_PLACEHOLDER = "Điều chưa đúng hoặc còn thiếu…"
FEEDBACK_COMMENT_SAVED = "Đã ghi lại góp ý của bạn. Cảm ơn bạn!"
FEEDBACK_COMMENT_NOTHING = "Chỉ người đã bấm 👎 cho câu trả lời này mới góp ý được cho nó."
FEEDBACK_COMMENT_HINT_ZALO = (
    "Bạn có thể gõ /sai kèm góp ý để nói điều chưa đúng, ví dụ: /sai thiếu quy định mới"
)
FORGET_CONFIRM = (
    "Xoá toàn bộ câu hỏi bạn đã gửi (kèm câu trả lời) và các góp ý của bạn? Không khôi phục được."
)
FORGET_CONFIRM_ZALO = FORGET_CONFIRM + " Gõ /xoalichsu chac để xác nhận."
FORGET_YES = "🗑 Xoá lịch sử"
FORGET_NO = "Huỷ"
FORGET_CANCELLED = "Đã huỷ, lịch sử của bạn được giữ nguyên."
FORGET_NOT_YOURS = "Nút này dành cho người đã gõ /xoalichsu."
FORGET_DONE = "Đã xoá lịch sử của bạn: {count} câu hỏi cùng các góp ý."

# Health and operations: qa status, the second poller
STATUS_BUILD = "Chỉ mục đang dùng: bản dựng #{build_id}, {documents} văn bản, {passages} đoạn"
STATUS_BUILT_AT = "Lập chỉ mục lúc: {when}"
STATUS_NO_BUILD = "Chỉ mục đang dùng: chưa có (chạy qa reindex)"
STATUS_DATABASE_OK = "Cơ sở dữ liệu: kết nối được"
STATUS_DATABASE_DOWN = (
    "Không kết nối được cơ sở dữ liệu. Kiểm tra DATABASE_URL và máy chủ PostgreSQL."
)
STATUS_REINDEXING = "Đang lập chỉ mục: bản dựng #{build_id} trên máy {host}, {progress}"
STATUS_REINDEX_PROGRESS = "{done}/{total} {unit}"
STATUS_REINDEX_STARTED = "bắt đầu lúc {when}"
STATUS_REINDEX_UNITS = {"pages": "trang đã đọc", "passages": "đoạn đã nhúng"}
STATUS_NOT_REINDEXING = "Đang lập chỉ mục: không"
STATUS_LAST_QUESTION = "Câu hỏi gần nhất: {when}"
STATUS_NO_QUESTION = "Câu hỏi gần nhất: chưa có"
STATUS_UNKNOWN_HOST = "(không rõ)"
BOT_SECOND_POLLER = (
    "Telegram báo đã có một tiến trình khác nhận tin nhắn bằng cùng TELEGRAM_BOT_TOKEN "
    "(409 Conflict). Bot này dừng để không tranh với tiến trình kia: chỉ chạy một bot "
    "nhận tin kiểu long polling, hoặc đặt TELEGRAM_WEBHOOK_URL để chạy nhiều bản sau bộ cân bằng tải."
)

# --- Several replicas: builds published through the database, disk full (replicas) -------------
BUILD_NOT_PUBLISHED = (
    "Bản chỉ mục {build} không có trong thư mục {folder} và không được công bố qua cơ sở dữ liệu. "
    'Hãy bật QA_PUBLISH_BUILDS ở máy lập chỉ mục rồi chạy lại "qa reindex", hoặc lập chỉ mục '
    "ngay trên máy này."
)
BUILD_FETCH_CORRUPT = (
    "Tệp {name} của bản chỉ mục {build} tải từ cơ sở dữ liệu bị hỏng (sai mã kiểm tra SHA-256), "
    'nên chưa chuyển sang bản này; vẫn trả lời bằng bản đang dùng. Hãy chạy lại "qa reindex".'
)
BUILD_FETCH_INCOMPLETE = (
    "Bản chỉ mục {build} tải từ cơ sở dữ liệu thiếu tệp ({error}), nên chưa chuyển sang bản "
    'này; vẫn trả lời bằng bản đang dùng. Hãy chạy lại "qa reindex".'
)
REINDEX_DISK_FULL = (
    "Ổ đĩa đã đầy (hoặc tệp vượt quá kích thước cho phép) nên không ghi được chỉ mục mới: "
    "{error}. Lượt lập chỉ mục bị huỷ, chỉ mục đang dùng vẫn trả lời bình thường. Hãy giải "
    'phóng dung lượng đĩa rồi chạy lại "qa reindex".'
)
