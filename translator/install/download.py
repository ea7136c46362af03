"""The one downloader: every model file, index and release newsbrief fetches goes through here.

Written on Python's own http.client rather than requests or httpx because two of its guarantees
need the socket itself: an overall deadline that also stops a server trickling its headers one
byte at a time (a timer shuts the socket down), and progress that moves as bytes arrive
(`read1` returns what one receive got, instead of waiting for 64 KiB). What it guarantees:

- only http and https, at every redirect (a `file:` link is read only when the caller allows
  it: an index on the local disk, never one from the network);
- at most MAX_REDIRECTS redirects, a loop reported as a loop;
- a stall timeout per receive and an overall deadline;
- every body checked against its Content-Length, and against a size cap before and while it
  arrives; the free space checked before writing;
- resume with HTTP Range: the body goes to a partial file beside its destination (in the models
  folder, never /tmp), which a rerun continues (If-Range, so a changed file starts over);
- a cut connection retried a bounded number of times, each from where it stopped;
- every failure a DownloadError whose message says what happened and what to do.

The connection, the redirects and the deadline's timer are translator/install/http_get.py; this
module brings the body to disk.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from translator.errors import DownloadError
from translator.install.http_get import (
    Clock,
    Limits,
    check_link,
    describe_failure,
    open_url,
    status_error,
)
from translator.store.models import human_size

Progress = Callable[[int, int | None], None]
READ_SIZE = 1 << 16
FREE_SPACE_MARGIN = 64 << 20


class _Cut(Exception):
    """The connection ended before the body did (retried from where it stopped)."""


def free_bytes_short(folder: Path, needed: int) -> int | None:
    """The free space of `folder` when `needed` bytes (and a margin) do not fit; else None."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    return free if needed + FREE_SPACE_MARGIN > free else None


def _check_room(folder: Path, needed: int, url: str) -> None:
    free = free_bytes_short(folder, needed)
    if free is not None:
        raise DownloadError(f"{url}: downloading needs {human_size(needed)} but {folder} has only "
                            f"{human_size(free)} free; free some space and rerun")


class _State:
    """What the partial file beside the destination holds, kept in a small JSON file."""

    def __init__(self, partial: Path, url: str):
        self.partial = partial
        self.meta = partial.with_name(partial.name + ".json")
        self.url = url
        self.validator = ""
        self.total: int | None = None
        try:
            data = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("url") == url and partial.is_file():
            self.validator = str(data.get("validator") or "")
            total = data.get("total")
            self.total = total if isinstance(total, int) and total >= 0 else None
        else:
            self.clear()

    def size(self) -> int:
        try:
            return self.partial.stat().st_size
        except OSError:
            return 0

    def save(self) -> None:
        data = {"url": self.url, "validator": self.validator, "total": self.total}
        self.meta.write_text(json.dumps(data) + "\n", encoding="utf-8")

    def clear(self) -> None:
        self.partial.unlink(missing_ok=True)
        self.meta.unlink(missing_ok=True)
        self.validator, self.total = "", None


def discard(partial: Path) -> None:
    """Delete a partial download and its note (after an install, or a refused file)."""
    Path(partial).unlink(missing_ok=True)
    Path(str(partial) + ".json").unlink(missing_ok=True)


def download(url: str, partial: Path, limits: Limits, progress: Progress | None = None,
             *, allow_file: bool = False) -> Path:
    """Fetch `url` into the file `partial`, resuming what an earlier run left there.

    Returns `partial` once it holds the whole body. A cut connection is resumed up to
    `limits.retries` times; when they run out, or on Ctrl-C, the partial file stays for the
    next run to continue. Every other failure deletes it (it cannot become good).
    """
    partial = Path(partial)
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme == "file" and allow_file:
        return _copy_local(url, partial, limits, progress)
    check_link(url, allow_file=False, what=url)
    partial.parent.mkdir(parents=True, exist_ok=True)
    state = _State(partial, url)
    if state.total is not None and state.size() == state.total:
        return partial  # an earlier run got all of it (and was stopped before using it)
    clock = Clock(limits)
    tries = 0
    try:
        while True:
            try:
                _fetch_once(url, state, clock, progress)
                if clock.expired:  # the timer ended what looked like a whole answer
                    raise _deadline(url, limits, state, partial)
                return partial
            except _Cut as cut:
                tries += 1
                if tries > limits.retries:
                    raise DownloadError(
                        f"{url}: {cut}, {tries} times; {human_size(state.size())} kept in "
                        f"{partial}: rerun the same command to resume") from None
                time.sleep(min(limits.retry_pause_s * tries, max(clock.left(), 0)))
            except DownloadError as exc:
                if clock.expired:
                    raise _deadline(url, limits, state, partial) from None
                state.clear()
                raise exc from None
            except (http.client.HTTPException, OSError) as exc:
                if clock.expired:
                    raise _deadline(url, limits, state, partial) from None
                state.clear()
                raise DownloadError(f"{url}: {describe_failure(exc)}") from None
            if clock.left() <= 0:
                raise _deadline(url, limits, state, partial)
    finally:
        clock.release()


def _deadline(url: str, limits: Limits, state: _State, partial: Path) -> DownloadError:
    kept = (f"; {human_size(state.size())} kept in {partial}: rerun to resume"
            if state.size() else "")
    return DownloadError(f"{url}: not finished within the {limits.deadline_s:.0f} s deadline "
                         f"(a very slow or stalled server){kept}")


_CUT_ERRORS = (http.client.IncompleteRead, http.client.RemoteDisconnected,
               ConnectionResetError, BrokenPipeError, TimeoutError)


def _fetch_once(url: str, state: _State, clock: Clock, progress: Progress | None) -> None:
    offset = state.size()
    headers = {}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        if state.validator:
            headers["If-Range"] = state.validator
    try:
        response, conn, final = open_url(url, headers, clock)
    except _CUT_ERRORS as exc:
        if clock.expired:
            raise
        raise _Cut(f"connection cut before the answer ({exc.__class__.__name__})") from exc
    try:
        if response.status == 416 and offset and state.total == offset:
            return  # an earlier run got all of it
        if response.status == 200:
            offset = 0
        elif response.status == 206 and offset:
            start = _range_start(response.getheader("Content-Range", ""))
            if start != offset:
                state.clear()
                raise _Cut("the server resumed at the wrong place; starting over")
        else:
            if response.status == 416:
                state.clear()
                raise _Cut("the partial file no longer matches; starting over")
            raise status_error(url, response)
        length = _content_length(response)
        total = offset + length if length is not None else None
        cap = clock.limits.max_bytes
        if total is not None and total > cap:
            raise DownloadError(f"{url} is {human_size(total)}, more than the "
                                f"{human_size(cap)} any such file needs; refusing it")
        _check_room(state.partial.parent, (total or cap) - offset, url)
        state.total = total
        state.validator = response.getheader("ETag") or response.getheader("Last-Modified") or ""
        _receive(response, state, offset, total, cap, url, progress)
    finally:
        conn.close()


def _range_start(content_range: str) -> int | None:
    try:
        unit, rest = content_range.split(" ", 1)
        return int(rest.split("-", 1)[0]) if unit == "bytes" else None
    except ValueError:
        return None


def _content_length(response: http.client.HTTPResponse) -> int | None:
    value = response.getheader("Content-Length")
    if value is None or response.chunked:
        return None
    value = value.strip()
    if not value.isdigit():
        raise DownloadError(f"the server sent a bad Content-Length ({value[:40]!r})")
    return int(value)


def _receive(response: http.client.HTTPResponse, state: _State, offset: int,
             total: int | None, cap: int, url: str, progress: Progress | None) -> None:
    done = offset
    mode = "ab" if offset else "wb"
    with open(state.partial, mode) as out:
        state.save()
        if progress:
            progress(done, total)
        while True:
            try:
                chunk = response.read1(READ_SIZE)
            except _CUT_ERRORS as exc:
                raise _Cut(f"connection cut after {human_size(done)}"
                           + (f" of {human_size(total)}" if total else "")) from exc
            if not chunk:
                break
            done += len(chunk)
            if done > cap:
                out.close()
                state.clear()
                raise DownloadError(f"{url} sent more than the {human_size(cap)} any such file "
                                    "needs; stopped and deleted it")
            out.write(chunk)
            if progress:
                progress(done, total)
    if total is not None and done < total:
        raise _Cut(f"the body ended after {human_size(done)} of the {human_size(total)} its "
                   "Content-Length announced")


def _copy_local(url: str, partial: Path, limits: Limits, progress: Progress | None) -> Path:
    """A file: link of a local index: a regular file only, within the cap."""
    path = Path(_file_path(url))
    try:
        info = path.stat()
    except OSError as exc:
        raise DownloadError(f"{url}: cannot read it ({exc.strerror or exc})") from None
    if not path.is_file():
        raise DownloadError(f"{url}: not a regular file (a device or folder); refusing it")
    if info.st_size > limits.max_bytes:
        raise DownloadError(f"{url} is {human_size(info.st_size)}, more than the "
                            f"{human_size(limits.max_bytes)} any such file needs; refusing it")
    partial.parent.mkdir(parents=True, exist_ok=True)
    _check_room(partial.parent, info.st_size, url)
    try:
        shutil.copyfile(path, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if progress:
        progress(info.st_size, info.st_size)
    return partial


def _file_path(url: str) -> str:
    import urllib.request

    parts = urllib.parse.urlsplit(url)
    return urllib.request.url2pathname(parts.path)


def fetch_bytes(url: str, limits: Limits, scratch: Path, *, allow_file: bool = False) -> bytes:
    """A small file (an index) in memory, through the same checks; nothing is left behind."""
    partial = Path(scratch) / f".download-{os.getpid()}-{threading.get_ident()}.partial"
    try:
        download(url, partial, Limits(limits.max_bytes, limits.stall_s, limits.deadline_s,
                                      limits.retries, limits.retry_pause_s),
                 allow_file=allow_file)
        return partial.read_bytes()
    finally:
        discard(partial)
