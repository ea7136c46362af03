"""One GET over http or https, within a deadline: the connection layer of the one downloader.

Written on Python's own http.client because the deadline needs the socket itself: a timer shuts
it down, which also stops a server trickling its headers one byte at a time. Only http and https
are followed, at every redirect; at most MAX_REDIRECTS of them, a loop reported as a loop; a
refusal or a network failure becomes a message that says what happened and what to do.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

from translator.errors import DownloadError

MAX_REDIRECTS = 20
USER_AGENT = "newsbrief (offline news translation; model download)"


@dataclass(frozen=True)
class Limits:
    """How long and how much one download may take."""

    max_bytes: int
    stall_s: float = 60.0  # no byte for this long: the connection is treated as cut
    deadline_s: float = 4 * 3600.0  # the whole download, every retry included
    retries: int = 3  # cut connections resumed within one run
    retry_pause_s: float = 1.0


class Clock:
    """The overall deadline; shuts the current socket down when it passes."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.end = time.monotonic() + limits.deadline_s
        self.expired = False
        self._timer: threading.Timer | None = None

    def left(self) -> float:
        return self.end - time.monotonic()

    def watch(self, conn: http.client.HTTPConnection) -> None:
        self.release()
        left = self.left()
        if left <= 0:
            self.expired = True
            raise DownloadError("")  # replaced by the caller's message
        self._timer = threading.Timer(left, self._expire, args=(conn,))
        self._timer.daemon = True
        self._timer.start()

    def _expire(self, conn: http.client.HTTPConnection) -> None:
        self.expired = True
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def release(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def is_remote(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme.lower() in ("http", "https")


def check_link(link: object, *, allow_file: bool, what: str) -> str:
    """A link from an index or catalog as a usable URL, or a DownloadError saying why not."""
    if not isinstance(link, str) or not link.strip():
        raise DownloadError(f"{what}: the index gives {link!r} as a download link, not a URL; "
                            "the index is broken, report it to its maintainers")
    scheme = urllib.parse.urlsplit(link.strip()).scheme.lower()
    if scheme in ("http", "https") or (scheme == "file" and allow_file):
        return link.strip()
    if scheme == "file":
        raise DownloadError(f"{what}: a remote index may not point at a local file ({link}); "
                            "refusing it")
    raise DownloadError(f"{what}: {link} is not an http or https link; only those are fetched")


def _connect(url: str, clock: Clock) -> tuple[http.client.HTTPConnection, str]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadError(f"{url}: only http and https downloads are allowed")
    timeout = max(0.1, min(clock.limits.stall_s, clock.left()))
    try:
        port = parts.port
    except ValueError as exc:
        raise DownloadError(f"{url}: bad port in the address") from exc
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=timeout)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return conn, target


def open_url(
    url: str, headers: dict[str, str], clock: Clock
) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection, str]:
    """GET `url`, following at most MAX_REDIRECTS http(s) redirects; the final response."""
    seen = [url]
    while True:
        conn, target = _connect(url, clock)
        clock.watch(conn)
        try:
            conn.connect()
            conn.request("GET", target, headers={"User-Agent": USER_AGENT, **headers})
            response = conn.getresponse()
        except BaseException:
            conn.close()
            raise
        if response.status not in (301, 302, 303, 307, 308):
            return response, conn, url
        location = response.getheader("Location")
        conn.close()
        if not location:
            raise DownloadError(f"{url}: a redirect ({response.status}) without a Location")
        new = urllib.parse.urljoin(url, location.strip())
        if not is_remote(new):
            raise DownloadError(f"{seen[0]} redirects to {new}: only http and https downloads "
                                "are allowed, refusing to follow it")
        if new in seen:
            raise DownloadError(f"{seen[0]} redirects in a loop (back to {new} after "
                                f"{len(seen)} redirects); the server is misconfigured")
        if len(seen) > MAX_REDIRECTS:
            raise DownloadError(f"{seen[0]} redirects more than {MAX_REDIRECTS} times (last to "
                                f"{new}); refusing to follow further")
        seen.append(new)
        url = new


def status_error(url: str, response: http.client.HTTPResponse) -> DownloadError:
    what = f"{response.status} {response.reason}".strip()
    if response.status == 404:
        hint = "the file is not there (check the address, or the catalog may be out of date)"
    elif response.status in (401, 403):
        hint = "the server refuses to give it"
    elif response.status >= 500:
        hint = "the server failed; try again later"
    else:
        hint = "not a download"
    return DownloadError(f"{url}: the server answered {what}: {hint}")


def describe_failure(exc: BaseException) -> str:
    if isinstance(exc, http.client.BadStatusLine):
        return "the server's answer is not HTTP (garbled status line); it is not a download server"
    if isinstance(exc, socket.gaierror):
        return ("cannot resolve the host name: check the internet connection, or install "
                "offline (`newsbrief models install --file`, `--dir`, or a release's path)")
    if isinstance(exc, ssl.SSLError):
        return f"secure connection failed ({exc.__class__.__name__}: {exc})"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused: the server is down, or check the internet connection"
    return f"{exc.__class__.__name__}: {exc}: check the internet connection and rerun"
