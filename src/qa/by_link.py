"""Adding a document by link (``qa add URL``, Telegram ``/them``): download it, decide what it
is by its bytes, keep only an article page's main text, and store it under ``documents/
tu-lien-ket/`` with the link in its sidecar. Indexing is the caller's (a reindex, as for an
upload).

One link, one file: the name is made from the final link (after redirects) alone, e.g.
"baoquangtri-vn-hoi-nghi-so-ket-3f2a9c1b.md" (host, last path segment, 8 hex digits of the
link's sha256), so adding the same link again updates that file instead of making a copy, even
when the page's title has changed. A page is stored as ``.md`` (headings as "#" lines), a file
with the suffix of its type. The sidecar holds ``source_url``; it is written only when missing,
so fields an admin added to it (type, number, date…) survive the next download.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import httpx

from qa import messages
from qa.fetch import Download, Limits, download
from qa.ingest import SUPPORTED_SUFFIXES, read_document
from qa.ingest.intake import KIND_OF_SUFFIX, IntakeRejected, save, sniff
from qa.ingest.metadata import sidecar_for
from qa.ingest.webpage import main_text
from qa.models import Document
from qa.settings import Settings
from qa.text import strip_accents

LINK_FOLDER = "tu-lien-ket"  # inside the documents folder
MAX_SLUG_CHARS = 80
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# What servers call a file they do not name: its bytes decide.
GENERIC_TYPES = frozenset(
    {
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "application/force-download",
        "application/download",
        "application/x-download",
    }
)


@dataclass(frozen=True)
class Fetched:
    name: str  # file name inside LINK_FOLDER
    data: bytes
    url: str


def limits(settings: Settings, max_mb: int | None = None) -> Limits:
    """The download limits: ``max_mb`` (the bot's upload limit) or QA_FETCH_MAX_MB."""
    size = (max_mb or settings.fetch_max_mb) * 1024 * 1024
    return Limits(size, settings.fetch_timeout, settings.fetch_allow_hosts, accepts)


def accepts(media_type: str) -> bool:
    """A Content-Type that may hold a document of a supported type (its bytes decide later)."""
    known = {mimetypes.guess_type(f"x{suffix}")[0] for suffix in SUPPORTED_SUFFIXES}
    return media_type in known | HTML_TYPES | GENERIC_TYPES or media_type == "text/x-markdown"


def add(link: str, documents_dir: Path, limits: Limits) -> Path:
    """Download, check that the indexer can read it, and store it; returns the file's path.

    Raises IntakeRejected or IngestError (both with a Vietnamese reason); nothing is written
    then.
    """
    fetched = fetch(link, limits)
    read_as_indexed(fetched.name, fetched.data)
    return store(documents_dir, fetched)


def fetch(link: str, limits: Limits) -> Fetched:
    """The link's document as the bytes of a file of a supported type, and its file name."""
    got = download(link, limits)
    suffix, data = _as_document(got)
    return Fetched(file_name(got.url, suffix), data, got.url)


def _as_document(got: Download) -> tuple[str, bytes]:
    url_suffix = Path(unquote(httpx.URL(got.url).path)).suffix.lower()
    if not got.data.strip():
        raise IntakeRejected(messages.EMPTY_FILE)
    kind = sniff(got.data)
    if kind == "TEXT":
        if got.content_type in HTML_TYPES or _looks_like_html(got.data):
            page = main_text(got.data, got.url, got.charset)
            return ".md", (page.text + "\n").encode("utf-8")
        if not (got.content_type.startswith("text/") or got.content_type in GENERIC_TYPES):
            # "application/pdf" that is text: an error or log-in page served in its place
            raise IntakeRejected(messages.LINK_TYPE_MISMATCH.format(kind=got.content_type))
        markdown = got.content_type in ("text/markdown", "text/x-markdown") or url_suffix == ".md"
        return (".md" if markdown else ".txt"), got.data
    suffixes = [s for s in SUPPORTED_SUFFIXES if KIND_OF_SUFFIX.get(s) == kind]
    if not suffixes:
        kind_name = got.content_type or kind
        raise IntakeRejected(
            messages.LINK_UNSUPPORTED.format(kind=kind_name, reason=messages.UNSUPPORTED_TYPE)
        )
    return (url_suffix if url_suffix in suffixes else suffixes[0]), got.data


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def file_name(url: str, suffix: str) -> str:
    """ "https://www.baoquangtri.vn/xay-dung-dang/hoi-nghi-so-ket.html" →
    "baoquangtri-vn-hoi-nghi-so-ket-<8 hex>.md": the same link always gives the same name."""
    parsed = httpx.URL(url)
    segments = [s for s in unquote(parsed.path).split("/") if s]
    last = Path(segments[-1]).stem if segments else ""
    words = strip_accents(f"{parsed.host.removeprefix('www.')} {last}").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:MAX_SLUG_CHARS].rstrip("-")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}{suffix}"


def read_as_indexed(name: str, data: bytes) -> Document:
    """Read the bytes as the indexer would read a file of that name; raises IngestError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return read_document(Path(folder), path)


def store(documents_dir: Path, fetched: Fetched) -> Path:
    """Write the file (replacing what the same link gave before, whatever its type) and,
    unless it already names this link, its sidecar."""
    folder = documents_dir / LINK_FOLDER
    path = save(folder, fetched.name, fetched.data)
    sidecar = sidecar_for(path)
    for older in folder.glob(f"{path.stem}.*"):
        if older not in (path, sidecar):
            older.unlink()
    if not _names_link(sidecar, fetched.url):
        note = messages.LINK_SIDECAR_NOTE
        save(folder, sidecar.name, f"# {note}\nsource_url = {json.dumps(fetched.url)}\n".encode())
    return path


def _names_link(sidecar: Path, url: str) -> bool:
    try:
        return tomllib.loads(sidecar.read_text("utf-8")).get("source_url") == url
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
