"""A local HTTP server on 127.0.0.1 that serves files well, and fails the ways networks do.

Written on raw sockets (not http.server) so that it can break the protocol on purpose: cut a
chunked body, send less than its Content-Length, a garbled status line, headers one byte at a
time. Each path names its behaviour:

  /files/NAME            NAME from `files`, with Range/If-Range support (206), ETag
  /cut-once/NAME         the first request for NAME is cut halfway, later ones served
  /chunked-cut/NAME      chunked, the connection closed in the middle of a chunk
  /short/NAME            Content-Length of NAME, half the bytes, then close
  /bad-status            a status line that is not HTTP
  /trickle/NAME          one byte every `trickle_s`, Content-Length set
  /header-trickle        the status line one byte every `trickle_s`
  /stall/NAME            a few bytes, then silence
  /slow/NAME             as /files/, 16 KiB every `slow_s` seconds (0: full speed)
  /redirect/K/NAME       K redirects, then /files/NAME
  /loop                  a redirect loop of two addresses
  /to-ftp                302 to an ftp:// URL
  /huge                  Content-Length 3 GB, then zeros; /huge-chunked: endless chunks
  /status/CODE           that status, a short body
"""

from __future__ import annotations

import re
import socketserver
import threading
import time
from collections import Counter


class _Handler(socketserver.BaseRequestHandler):
    server: HostileServer

    def handle(self) -> None:  # noqa: C901 - one branch per behaviour, read top to bottom
        sock = self.request
        sock.settimeout(10)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                got = sock.recv(4096)
                if not got:
                    return
                data += got
        except OSError:
            return
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        lines = head.split("\r\n")
        path = lines[0].split(" ")[1]
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        self.server.hits[path] += 1
        self.server.requests.append((path, headers))
        srv = self.server
        try:
            self._serve(sock, path, headers, srv)
        except OSError:
            pass

    def _serve(self, sock, path, headers, srv) -> None:  # noqa: C901
        send = sock.sendall
        m = re.fullmatch(r"/(files|cut-once|chunked-cut|short|trickle|stall|slow)/(.+)", path)
        if m:
            kind, name = m.groups()
            body = srv.files.get(name)
            if body is None:
                return self._status(send, 404)
            if kind == "files" or (kind == "cut-once" and srv.hits[path] > 1):
                return self._file(send, body, headers)
            if kind == "slow":
                return self._file(send, body, headers, pause=srv.slow_s)
            if kind == "cut-once":
                return self._head(send, 200, len(body), sock=sock, body=body[: len(body) // 2])
            if kind == "chunked-cut":
                send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                half = body[: len(body) // 2]
                send(b"%x\r\n" % len(body) + half)
                return
            if kind == "short":
                return self._head(send, 200, len(body), sock=sock, body=body[: len(body) // 2])
            if kind == "trickle":
                send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body))
                for i in range(len(body)):
                    send(body[i:i + 1])
                    time.sleep(srv.trickle_s)
                return
            send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body))
            send(body[:100])
            time.sleep(30)
            return
        if path == "/bad-status":
            send(b"SPAM 42 nonsense\r\n\r\n")
            return
        if path == "/header-trickle":
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
                send(bytes([byte]))
                time.sleep(srv.trickle_s)
            return
        m = re.fullmatch(r"/redirect/(\d+)/(.+)", path)
        if m:
            left, name = int(m.group(1)), m.group(2)
            where = f"/redirect/{left - 1}/{name}" if left > 1 else f"/files/{name}"
            return self._redirect(send, where)
        if path in ("/loop", "/loop-b"):
            return self._redirect(send, "/loop-b" if path == "/loop" else "/loop")
        if path == "/to-ftp":
            return self._redirect(send, "ftp://127.0.0.1/release.zip")
        if path == "/huge":
            send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (3 << 30))
            for _ in range(64):
                send(b"\0" * 65536)
            return
        if path == "/huge-chunked":
            send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in range(10_000):
                send(b"10000\r\n" + b"\0" * 65536 + b"\r\n")
            return
        m = re.fullmatch(r"/status/(\d+)", path)
        return self._status(send, int(m.group(1)) if m else 404)

    @staticmethod
    def _head(send, status, length, extra=b"", sock=None, body=b"") -> None:
        send(b"HTTP/1.1 %d X\r\nContent-Length: %d\r\nConnection: close\r\n%s\r\n"
             % (status, length, extra) + body)

    def _file(self, send, body: bytes, headers: dict[str, str], pause: float = 0.0) -> None:
        if pause:
            def send(data, _send=send):  # 16 KiB every `pause` seconds
                for i in range(0, len(data), 16384):
                    _send(data[i:i + 16384])
                    time.sleep(pause)

        etag = b'"v1-%d"' % len(body)
        rng = headers.get("range", "")
        if rng.startswith("bytes=") and headers.get("if-range", etag.decode()) == etag.decode():
            start = int(rng[6:].split("-")[0])
            if start >= len(body):
                send(b"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\n"
                     b"Content-Range: bytes */%d\r\n\r\n" % len(body))
                return
            part = body[start:]
            extra = b"ETag: %s\r\nContent-Range: bytes %d-%d/%d\r\n" % (
                etag, start, len(body) - 1, len(body))
            self._head(send, 206, len(part), extra, body=part)
            return
        self._head(send, 200, len(body), b"ETag: %s\r\n" % etag, body=body)

    def _redirect(self, send, where: str) -> None:
        send(b"HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n"
             % where.encode())

    @staticmethod
    def _status(send, code: int) -> None:
        body = b"nope"
        send(b"HTTP/1.1 %d Status\r\nContent-Length: %d\r\n\r\n" % (code, len(body)) + body)


class HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, files: dict[str, bytes], trickle_s: float = 0.2):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files = files
        self.trickle_s = trickle_s
        self.slow_s = 0.05  # /slow/: a pause after each 16 KiB
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
