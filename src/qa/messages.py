"""Every Vietnamese string a user or an admin reads, in one place."""

# --- Ingestion: why a file could not be read (shown beside its file name) -------------------
UNSUPPORTED_TYPE = "định dạng không được hỗ trợ (chỉ nhận .txt, .md, .docx, .pdf, .html)"
EMPTY_FILE = "tệp rỗng, không có nội dung văn bản"
BINARY_FILE = "tệp nhị phân, không phải văn bản"
UNDECODABLE = "không giải mã được nội dung (không phải UTF-8 hay mã tiếng Việt đã biết)"
LEGACY_ENCODING = (
    "văn bản dùng bảng mã cũ ({encoding}) và không chuyển được sang Unicode; "
    "hãy lưu lại bằng Unicode rồi thêm lại"
)
CORRUPT_FILE = "tệp bị hỏng hoặc không đúng định dạng {kind}"
PDF_NO_TEXT = "PDF không có lớp chữ (có thể là bản quét ảnh); cần bản PDF có chữ hoặc DOCX"
BAD_SIDECAR = "tệp thông tin kèm theo {name} không hợp lệ: {error}"
KEPT_PREVIOUS = "giữ nguyên bản đã lập chỉ mục trước đó"

# --- Answers ----------------------------------------------------------------------------------
ANSWER_INTRO = "Theo các văn bản đã lập chỉ mục:"
SOURCES = "Nguồn:"
REPLACED_BY = "văn bản này đã được thay thế bởi {replaced_by}"
SECTION = "mục"
NOT_ANSWERED = (
    "Tôi không tìm thấy nội dung trả lời câu hỏi này trong các văn bản đã có. "
    'Bạn có thể hỏi lại cụ thể hơn: nêu tên hoặc số văn bản (ví dụ "Chỉ thị 05-CT/TU"), '
    "dùng từ ngữ trong văn bản, hoặc gõ có dấu."
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
NO_DOCUMENTS = "Chưa có văn bản nào được lập chỉ mục."

# --- Terminal chat ----------------------------------------------------------------------------------
CHAT_WELCOME = (
    "Hỏi đáp văn bản của Đảng. Gõ câu hỏi bằng tiếng Việt rồi nhấn Enter; "
    'gõ "thoát" hoặc Ctrl+D để kết thúc.'
)
CHAT_PROMPT = "Bạn hỏi: "
CHAT_EXIT_WORDS = ("thoát", "thoat", "exit", "quit")
UNEXPECTED_ERROR = "Đã có lỗi ngoài dự kiến. Hãy thử lại sau; nếu vẫn lỗi, báo quản trị viên."
