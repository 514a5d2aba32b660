"""Download one page or file from a public web site, for an admin who adds a document by link.

The link comes from a chat message, so the download must not become a way into the server's
own network (SSRF): only http and https, no credentials in the link, redirects followed one by
one, and every hop's host resolved and refused when any of its addresses is private, loopback,
link-local, multicast, reserved or otherwise not global. The connection then goes to the very
address that was checked (the Host header and the TLS server name keep the original name), so
a second DNS answer cannot swap in another address. ``allow_hosts`` names hosts, as written in
the link, that may be private anyway (an intranet portal, or the tests' server on 127.0.0.1).

httpx does the HTTP: timeouts on every operation plus one deadline for the whole download,
the body streamed and cut off past the size limit, proxies from the environment ignored.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from qa import messages
from qa.ingest.intake import IntakeRejected

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "Mozilla/5.0 (compatible; qa-dang/0.1; +tai-van-ban-theo-lien-ket)"


@dataclass(frozen=True)
class Download:
    url: str  # after redirects, without the fragment
    content_type: str  # media type in lower case, without parameters; "" when not given
    charset: str | None
    data: bytes


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    timeout: float  # seconds for the whole download
    allow_hosts: frozenset[str] = frozenset()
    accepts: Callable[[str], bool] = lambda media_type: True  # checked before the body


def parse_link(text: str) -> httpx.URL:
    """An absolute http(s) link without credentials and fragment, or IntakeRejected."""
    try:
        url = httpx.URL(text.strip())
    except (httpx.InvalidURL, TypeError) as error:
        raise IntakeRejected(messages.LINK_NOT_URL) from error
    if url.scheme not in ("http", "https") or not url.host:
        raise IntakeRejected(messages.LINK_NOT_URL)
    if url.userinfo:
        raise IntakeRejected(messages.LINK_CREDENTIALS)
    return url.copy_with(fragment=None)


def download(link: str, limits: Limits) -> Download:
    """GET the link, following redirects through the guard. Raises IntakeRejected."""
    url = parse_link(link)
    deadline = time.monotonic() + limits.timeout
    for _ in range(MAX_REDIRECTS + 1):
        address = checked_address(url, limits.allow_hosts)
        try:
            result = _get(url, address, limits, deadline)
        except httpx.TimeoutException as error:
            raise IntakeRejected(
                messages.LINK_TIMEOUT.format(host=url.host, seconds=limits.timeout)
            ) from error
        except httpx.TransportError as error:
            raise IntakeRejected(messages.LINK_CONNECT.format(host=url.host)) from error
        if isinstance(result, Download):
            return result
        try:
            url = parse_link(str(url.join(result)))
        except httpx.InvalidURL as error:  # a Location header that is no link
            raise IntakeRejected(messages.LINK_NOT_URL) from error
    raise IntakeRejected(messages.LINK_TOO_MANY_REDIRECTS.format(count=MAX_REDIRECTS))


def checked_address(url: httpx.URL, allow_hosts: frozenset[str]) -> str:
    """The first address of the link's host, once every address has passed the guard."""
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(url.raw_host.decode("ascii"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise IntakeRejected(messages.LINK_CONNECT.format(host=url.host)) from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if url.host.lower() not in allow_hosts:
        for address in addresses:
            if not is_public(address):
                raise IntakeRejected(messages.LINK_PRIVATE.format(host=url.host, address=address))
    return addresses[0]


def is_public(address: str) -> bool:
    """A global unicast address: not private, loopback, link-local, multicast, reserved,
    unspecified, shared (100.64/10) or documentation."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _get(url: httpx.URL, address: str, limits: Limits, deadline: float) -> Download | str:
    """One request to the checked address: the Download, or the Location of a redirect."""
    headers = {"Host": url.netloc.decode("ascii"), "User-Agent": USER_AGENT, "Accept": "*/*"}
    extensions = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
    timeout = httpx.Timeout(max(0.1, min(limits.timeout, deadline - time.monotonic())))
    with httpx.Client(trust_env=False, follow_redirects=False, timeout=timeout) as client:
        request = client.build_request(
            "GET", url.copy_with(host=address), headers=headers, extensions=extensions
        )
        response = client.send(request, stream=True)
        try:
            if response.status_code in REDIRECTS and "location" in response.headers:
                return response.headers["location"]
            if response.status_code >= 400:
                raise IntakeRejected(_status_message(response.status_code))
            media_type, _, parameters = response.headers.get("content-type", "").partition(";")
            media_type = media_type.strip().lower()
            if not limits.accepts(media_type):
                reason = messages.UNSUPPORTED_TYPE
                raise IntakeRejected(
                    messages.LINK_UNSUPPORTED.format(kind=media_type, reason=reason)
                )
            data = _body(response, limits, deadline, url.host)
        finally:
            response.close()
    return Download(str(url), media_type, _parameter(parameters, "charset"), data)


def _body(response: httpx.Response, limits: Limits, deadline: float, host: str) -> bytes:
    too_big = IntakeRejected(messages.LINK_TOO_BIG.format(limit=limits.max_bytes // 2**20))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_big
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise too_big
        if time.monotonic() > deadline:
            raise IntakeRejected(messages.LINK_TIMEOUT.format(host=host, seconds=limits.timeout))
        chunks.append(chunk)
    return b"".join(chunks)


def _status_message(status: int) -> str:
    meaning = messages.LINK_STATUS_MEANINGS.get(status) or (
        messages.LINK_STATUS_SERVER if status >= 500 else messages.LINK_STATUS_OTHER
    )
    return messages.LINK_HTTP_STATUS.format(status=status, meaning=meaning)


def _parameter(parameters: str, name: str) -> str | None:
    for part in parameters.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == name:
            return value.strip().strip("\"'") or None
    return None
