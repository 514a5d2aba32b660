"""Adding documents by link (``qa add URL``, Telegram ``/them``) against a real HTTP server on
127.0.0.1: the article's main text is kept, files keep their type, the SSRF guard refuses
private addresses unless a host is explicitly allowed, and every refusal says why."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bot_harness import ADMIN, free_port, telegram_bot
from conftest import make_settings, run_qa
from factories import pdf_bytes
from fake_telegram import FakeTelegram
from qa import by_link, messages
from qa.embed import Embedder
from qa.fetch import Limits, download, is_public
from qa.ingest import IngestError
from qa.ingest.intake import IntakeRejected
from qa.service import QAService

MEMBER = 100
ARTICLE_PATH = "/xay-dung-dang/hai-lang-so-ket-cong-tac-xay-dung-dang-6-thang-dau-nam.html"
RECRUITED = (
    "Báo cáo tại hội nghị cho biết, 6 tháng đầu năm, toàn Đảng bộ huyện đã kết nạp 87 đảng viên "
    "mới, đạt 58% chỉ tiêu năm; trong đó có 21 đảng viên là đoàn viên thanh niên ở các thôn, bản."
)
ARTICLE = f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Hải Lăng: Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024 - Báo Quảng Trị</title>
<meta property="og:title" content="Hải Lăng: Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024">
</head>
<body>
<header>
  <div class="logo"><a href="/">Báo Quảng Trị điện tử</a></div>
  <nav class="menu"><ul>
    <li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
    <li><a href="/chinh-tri">Chính trị</a></li><li><a href="/xay-dung-dang">Xây dựng Đảng</a></li>
    <li><a href="/kinh-te">Kinh tế</a></li><li><a href="/the-thao">Thể thao</a></li>
  </ul></nav>
</header>
<div class="wrapper">
<main class="content"><article class="detail">
  <h1>Hải Lăng: Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024</h1>
  <div class="meta">Thứ Sáu, 12/07/2024 - 09:15</div>
  <p><strong>Sáng 12/7, Ban Thường vụ Huyện ủy Hải Lăng tổ chức hội nghị sơ kết công tác xây
  dựng Đảng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2024.</strong></p>
  <p>Đồng chí Trần Văn Hùng, Phó Bí thư Thường trực Huyện ủy chủ trì hội nghị. Dự hội nghị có
  các đồng chí Ủy viên Ban Thường vụ Huyện ủy, bí thư các tổ chức cơ sở đảng trực thuộc.</p>
  <p>{RECRUITED}</p>
  <p>Công tác kiểm tra, giám sát được triển khai đồng bộ; Ủy ban Kiểm tra Huyện ủy đã kiểm tra
  khi có dấu hiệu vi phạm đối với 3 tổ chức đảng và 5 đảng viên, thi hành kỷ luật 2 đảng viên.</p>
  <h2>Nhiệm vụ trọng tâm 6 tháng cuối năm</h2>
  <p>Hội nghị thống nhất tập trung chuẩn bị tốt đại hội chi bộ nhiệm kỳ 2025 - 2027, hoàn thành
  trước ngày 30 tháng 9 năm 2024, đồng thời rà soát, bổ sung quy hoạch cấp ủy các cấp.</p>
  <p>Phát biểu kết luận, đồng chí Trần Văn Hùng yêu cầu các chi bộ duy trì nghiêm nền nếp sinh
  hoạt định kỳ, nâng cao chất lượng sinh hoạt chuyên đề gắn với việc học tập và làm theo tư
  tưởng, đạo đức, phong cách Hồ Chí Minh.</p>
  <p class="author">Minh Đức</p>
  <div class="related"><h3>Tin liên quan</h3><ul>
    <li><a href="/a">Triệu Phong tổng kết công tác tuyên giáo năm 2023</a></li>
    <li><a href="/b">Gio Linh trao Huy hiệu 50 năm tuổi Đảng cho 12 đảng viên</a></li>
  </ul></div>
</article></main>
<aside class="sidebar">
  <h3>Tin đọc nhiều</h3><ul>
    <li><a href="/c">Giá lúa hè thu tăng mạnh ở vùng trũng Hải Lăng</a></li>
    <li><a href="/d">Khai mạc giải bóng đá thiếu niên tỉnh Quảng Trị</a></li>
  </ul>
  <div class="ads"><p>Khuyến mãi lớn mùa hè: giảm giá 50% tất cả sản phẩm điện máy, trả góp
  0% lãi suất trong 12 tháng, giao hàng miễn phí toàn tỉnh.</p></div>
</aside>
</div>
<footer><p>Báo Quảng Trị - Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Quảng Trị. Giấy phép
số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp. Điện thoại: 0233 3852 000.</p></footer>
</body>
</html>
"""
MENU_ONLY = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Xây dựng Đảng - Báo Quảng Trị</title></head><body>
<nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>
<main><h1>Xây dựng Đảng</h1><ul>
<li><a href="/a">Hải Lăng sơ kết công tác xây dựng Đảng 6 tháng đầu năm</a></li>
<li><a href="/b">Gio Linh trao Huy hiệu 50 năm tuổi Đảng cho 12 đảng viên</a></li>
</ul></main><footer>Báo Quảng Trị</footer></body></html>
"""
DIRECTIVE = [
    "TỈNH ỦY QUẢNG TRỊ",
    "Số 09-CT/TU",
    "Quảng Trị, ngày 15 tháng 4 năm 2024",
    "CHỈ THỊ",
    "về tăng cường sinh hoạt chi bộ ở khu dân cư",
    "Ban Thường vụ Tỉnh ủy yêu cầu các chi bộ khu dân cư duy trì sinh hoạt định kỳ vào ngày "
    "mùng 5 hằng tháng và mời trưởng khu phố dự họp.",
    "Bí thư chi bộ chịu trách nhiệm báo cáo kết quả sinh hoạt chuyên đề về phòng, chống rác "
    "thải nhựa lên Đảng ủy phường trước ngày 15 tháng 12 hằng năm.",
]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    length: bool = True  # send Content-Length; without it the body ends when the server closes
    delay: float = 0.0


@dataclass
class Site:
    """A small web site on 127.0.0.1 that counts the requests for each path."""

    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.site.hits[self.path] += 1
        route = self.site.routes.get(self.path, Route(b"not found", 404))
        time.sleep(route.delay)
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.length:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is not an error here


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _Handler)
    site = Site(server.server_address[1])
    _Handler.site = site
    html = {"Content-Type": "text/html; charset=utf-8"}
    pdf = pdf_bytes(DIRECTIVE)
    big = b"%PDF-1.4\n" + b"0" * 2_100_000  # over 2 MB
    site.routes.update(
        {
            ARTICLE_PATH: Route(ARTICLE.encode(), headers=html),
            "/chi-co-menu.html": Route(MENU_ONLY.encode(), headers=html),
            # a PDF behind a download link, served as an unnamed binary: its bytes decide
            "/van-ban/tai-ve?id=9": Route(
                pdf, headers={"Content-Type": "application/octet-stream"}
            ),
            "/den-noi-bo": Route(status=302, headers={"Location": "http://10.0.0.1/tai-lieu.pdf"}),
            "/den-loopback": Route(status=302, headers={"Location": site.url("/bai", "localhost")}),
            "/den-127": Route(status=301, headers={"Location": site.url(ARTICLE_PATH)}),
            "/vong": Route(status=302, headers={"Location": "/vong"}),
            "/tep-lon.pdf": Route(big, headers={"Content-Type": "application/pdf"}),
            "/tep-lon-khong-bao.pdf": Route(
                big, headers={"Content-Type": "application/pdf"}, length=False
            ),
            "/gia-pdf.pdf": Route(
                b"Vui long dang nhap.", headers={"Content-Type": "application/pdf"}
            ),
            "/phim.mp4": Route(b"\x00\x00\x00\x18ftypmp42", headers={"Content-Type": "video/mp4"}),
            "/cham.html": Route(ARTICLE.encode(), headers=html, delay=3),
        }
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every download of this process connects to 127.0.0.1 only: a broken guard fails the
    test here instead of reaching a private network (and the request goes to the very address
    that was checked)."""
    send = httpx.HTTPTransport.handle_request

    def checked(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        assert request.url.host == "127.0.0.1", f"the test tried to reach {request.url.host}"
        return send(self, request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", checked)


LOCAL = frozenset({"127.0.0.1"})


def limits(
    allow: frozenset[str] = LOCAL, max_bytes: int = 2_000_000, timeout: float = 10
) -> Limits:
    return Limits(max_bytes, timeout, allow, by_link.accepts)


def refusal(link: str, limit: Limits) -> str:
    with pytest.raises((IntakeRejected, IngestError)) as raised:
        by_link.fetch(link, limit)
    return str(raised.value)


# --- qa add: an article page, end to end through the command line ------------------------------


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An empty documents folder and an index folder for ``qa``, allowed to reach 127.0.0.1."""
    documents = tmp_path / "documents"
    documents.mkdir()
    monkeypatch.setenv("QA_FETCH_ALLOW_HOSTS", "127.0.0.1")
    return documents, tmp_path / "index"


def test_qa_add_keeps_the_article_and_indexes_it(site: Site, folders: tuple[Path, Path]) -> None:
    documents, index = folders
    url = site.url(ARTICLE_PATH)

    added = run_qa(["add", url], documents, index)
    assert added.returncode == 0, added.stderr
    [stored] = (documents / by_link.LINK_FOLDER).glob("*.md")
    assert stored.name.startswith("127-0-0-1-hai-lang-so-ket-cong-tac-xay-dung-dang")
    assert str(stored.relative_to(documents)) in added.stdout and url in added.stdout
    text = stored.read_text("utf-8")
    assert text.startswith("# Hải Lăng: Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024\n")
    assert RECRUITED in text
    assert "## Nhiệm vụ trọng tâm 6 tháng cuối năm" in text
    assert "phong cách Hồ Chí Minh." in text
    for furniture in ("Trang chủ", "Thể thao", "Tin đọc nhiều", "Khuyến mãi", "Giấy phép"):
        assert furniture not in text
    sidecar = tomllib.loads(stored.with_name(stored.stem + ".meta.toml").read_text("utf-8"))
    assert sidecar == {"source_url": url}

    listed = run_qa(["docs", "--json"], documents, index)
    [document] = json.loads(listed.stdout)
    assert document["source_url"] == url
    assert document["title"] == "Hải Lăng: Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024"

    asked = run_qa(
        ["ask", "--json", "Đảng bộ huyện Hải Lăng kết nạp bao nhiêu đảng viên mới?"],
        documents,
        index,
    )
    answer = json.loads(asked.stdout)
    assert answer["answered"], answer
    assert "kết nạp 87 đảng viên mới" in answer["citations"][0]["quote"]
    assert answer["citations"][0]["document"] == document["document"]

    # The same link again (here through a redirect to it) updates that file: no copy.
    stored.write_text("bản cũ", "utf-8")
    again = run_qa(["add", site.url("/den-127")], documents, index)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (documents / by_link.LINK_FOLDER).iterdir()) == [
        stored.name,
        stored.stem + ".meta.toml",
    ]
    assert RECRUITED in stored.read_text("utf-8")


def test_qa_add_reports_an_http_error_and_saves_nothing(
    site: Site, folders: tuple[Path, Path]
) -> None:
    documents, index = folders
    url = site.url("/khong-co-trang-nay.html")
    result = run_qa(["add", url], documents, index)
    assert result.returncode == 1
    reason = messages.LINK_HTTP_STATUS.format(
        status=404, meaning=messages.LINK_STATUS_MEANINGS[404]
    )
    assert result.stderr.strip() == messages.LINK_REJECTED.format(url=url, reason=reason)
    assert not any(documents.iterdir())


# --- Telegram: /them a PDF link --------------------------------------------------------------


def test_admin_adds_a_pdf_link_with_them_and_members_cannot(
    site: Site, tmp_path: Path, embedder: Embedder
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    settings = make_settings(documents, tmp_path / "index", QA_FETCH_ALLOW_HOSTS="127.0.0.1")
    service = QAService(settings, embedder)  # no index yet: /them makes the first
    url = site.url("/van-ban/tai-ve?id=9")

    async def scenario() -> None:
        async with FakeTelegram() as server, telegram_bot(service, server):
            server.push_text(f"/them {url}", user_id=MEMBER)
            [refused] = await server.wait_for(
                "sendMessage", lambda c: c.params["chat_id"] == MEMBER
            )
            assert refused.params["text"] == messages.NOT_ADMIN
            assert site.hits["/van-ban/tai-ve?id=9"] == 0

            server.push_text("/them", user_id=ADMIN)
            await server.wait_for("sendMessage", lambda c: c.params["text"] == messages.LINK_USAGE)

            server.push_text(f"/them {url}", user_id=ADMIN)
            [done] = await server.wait_for(
                "editMessageText", lambda c: "Đã thêm" in c.params["text"], timeout=120
            )
            text = done.params["text"]
            assert f"{by_link.LINK_FOLDER}/127-0-0-1-tai-ve-" in text and ".pdf" in text
            assert "Chỉ thị" in text and "09-CT/TU" in text
            assert f"{messages.FIELD_SOURCE_URL}: {url}" in text

            server.push_text(f"/them {site.url('/den-noi-bo')}", user_id=ADMIN)
            [private] = await server.wait_for(
                "editMessageText", lambda c: "10.0.0.1" in c.params["text"], timeout=30
            )
            assert private.params["text"].startswith("Không thêm được")

            question = "Bí thư chi bộ báo cáo kết quả sinh hoạt chuyên đề lên đâu, trước ngày nào?"
            server.push_text(question, user_id=MEMBER)
            [answer] = await server.wait_for(
                "sendMessage", lambda c: "Theo các văn bản" in c.params["text"], timeout=60
            )
            assert "lên Đảng ủy phường trước ngày 15 tháng 12 hằng năm" in answer.params["text"]
            assert "09-CT/TU" in answer.params["text"]

            # The source card names the link the document came from.
            shown = next(m for m in server.messages(MEMBER) if "Theo các văn bản" in m["text"])
            source = answer.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
            server.push_callback(source, user_id=MEMBER, message=shown)
            [card] = await server.wait_for("sendMessage", lambda c: "Nguồn [1]" in c.params["text"])
            assert f"{messages.FIELD_SOURCE_URL}: {url}" in card.params["text"]

    try:
        asyncio.run(scenario())
    finally:
        service.close()
    [stored] = (documents / by_link.LINK_FOLDER).glob("*.pdf")
    assert stored.read_bytes() == site.routes["/van-ban/tai-ve?id=9"].body


# --- The guard and the refusals (no indexing) -------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_private_and_special_addresses_are_not_public(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "203.113.131.1", "2001:4860:4860::8888"])
def test_global_addresses_are_public(address: str) -> None:
    assert is_public(address)


def test_without_the_allowance_loopback_is_refused_before_any_request(site: Site) -> None:
    url = site.url(ARTICLE_PATH)
    before = site.hits[ARTICLE_PATH]
    reason = refusal(url, limits(allow=frozenset()))
    assert reason == messages.LINK_PRIVATE.format(host="127.0.0.1", address="127.0.0.1")
    assert site.hits[ARTICLE_PATH] == before


def test_redirects_to_private_addresses_are_refused(site: Site) -> None:
    # to 10.x, from an allowed host: refused before any connection is made
    reason = refusal(site.url("/den-noi-bo"), limits())
    assert reason == messages.LINK_PRIVATE.format(host="10.0.0.1", address="10.0.0.1")
    # to loopback under another name than the allowed one
    reason = refusal(site.url("/den-loopback"), limits())
    assert reason.startswith("localhost là địa chỉ trong mạng nội bộ")
    assert site.hits["/bai"] == 0
    # to 127.0.0.1 when only "localhost" is allowed
    before = site.hits[ARTICLE_PATH]
    reason = refusal(site.url("/den-127", "localhost"), limits(allow=frozenset({"localhost"})))
    assert reason == messages.LINK_PRIVATE.format(host="127.0.0.1", address="127.0.0.1")
    assert site.hits[ARTICLE_PATH] == before


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("không phải liên kết", messages.LINK_NOT_URL),
        ("ftp://127.0.0.1/chi-thi.pdf", messages.LINK_NOT_URL),
        ("file:///etc/passwd", messages.LINK_NOT_URL),
        ("http:///chi-thi.pdf", messages.LINK_NOT_URL),
        ("http://admin:matkhau@127.0.0.1/chi-thi.pdf", messages.LINK_CREDENTIALS),
    ],
)
def test_only_plain_http_links_are_taken(link: str, reason: str) -> None:
    assert refusal(link, limits()) == reason


def test_oversize_files_are_refused_whether_declared_or_streamed(site: Site) -> None:
    too_big = messages.LINK_TOO_BIG.format(limit=1)
    one_mb = limits(max_bytes=1024 * 1024)
    assert refusal(site.url("/tep-lon.pdf"), one_mb) == too_big
    assert refusal(site.url("/tep-lon-khong-bao.pdf"), one_mb) == too_big


def test_unsupported_types_pages_without_text_errors_and_timeouts(site: Site) -> None:
    reason = messages.LINK_UNSUPPORTED.format(kind="video/mp4", reason=messages.UNSUPPORTED_TYPE)
    assert refusal(site.url("/phim.mp4"), limits()) == reason
    assert refusal(site.url("/chi-co-menu.html"), limits()) == messages.LINK_NO_MAIN_TEXT
    mismatch = messages.LINK_TYPE_MISMATCH.format(kind="application/pdf")
    assert refusal(site.url("/gia-pdf.pdf"), limits()) == mismatch
    assert refusal(site.url("/vong"), limits()) == messages.LINK_TOO_MANY_REDIRECTS.format(count=5)
    assert refusal(site.url("/cham.html"), limits(timeout=1)) == messages.LINK_TIMEOUT.format(
        host="127.0.0.1", seconds=1
    )
    closed = f"http://127.0.0.1:{free_port()}/chi-thi.pdf"
    assert refusal(closed, limits()) == messages.LINK_CONNECT.format(host="127.0.0.1")


def test_the_file_name_depends_on_the_link_only() -> None:
    name = by_link.file_name(
        "https://www.baoquangtri.vn/xay-dung-dang/h%E1%BB%99i-ngh%E1%BB%8B.html", ".md"
    )
    assert name.startswith("baoquangtri-vn-hoi-nghi-") and name.endswith(".md")
    assert name == by_link.file_name(
        "https://www.baoquangtri.vn/xay-dung-dang/h%E1%BB%99i-ngh%E1%BB%8B.html", ".md"
    )
    assert name != by_link.file_name(
        "https://www.baoquangtri.vn/xay-dung-dang/hoi-nghi.html", ".md"
    )


def test_a_sidecar_an_admin_edited_survives_the_next_download(site: Site, tmp_path: Path) -> None:
    fetched = by_link.fetch(site.url(ARTICLE_PATH), limits())
    path = by_link.store(tmp_path, fetched)
    sidecar = path.with_name(path.stem + ".meta.toml")
    edited = sidecar.read_text("utf-8") + 'type = "Báo cáo"\ndate = 2024-07-12\n'
    sidecar.write_text(edited, "utf-8")
    assert by_link.store(tmp_path, by_link.fetch(site.url(ARTICLE_PATH), limits())) == path
    assert sidecar.read_text("utf-8") == edited
    assert download(site.url(ARTICLE_PATH), limits()).content_type == "text/html"
