"""The one downloader against a hostile local server: every fault is one clear error, and
nothing partial is left except the resume file a rerun continues from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_server import HostileServer

from translator.errors import DownloadError
from translator.install import argos_index, download

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

BODY = os.urandom(300_000)
FAST = download.Limits(max_bytes=1 << 20, stall_s=1.0, deadline_s=4.0, retries=2,
                       retry_pause_s=0.05)


@pytest.fixture
def server():
    with HostileServer({"release.zip": BODY, "index.json": b"[]"}, trickle_s=0.05) as srv:
        yield srv


def _get(server, path, tmp_path, limits=FAST, progress=None):
    partial = tmp_path / "dl" / ".download-x.partial"
    return download.download(server.url(path), partial, limits, progress), partial


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_good_download_with_progress_as_bytes_arrive(server, tmp_path):
    seen = []
    path, _ = _get(server, "/files/release.zip", tmp_path,
                   progress=lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == BODY
    assert seen[-1] == (len(BODY), len(BODY)) and len(seen) > 2
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_cut_connection_is_resumed_with_range_in_the_same_run(server, tmp_path):
    path, _ = _get(server, "/cut-once/release.zip", tmp_path)
    assert path.read_bytes() == BODY
    (_, second), = [(p, h) for p, h in server.requests[1:] if p == "/cut-once/release.zip"]
    assert second["range"] == f"bytes={len(BODY) // 2}-"


@pytest.mark.parametrize("path, words", [
    ("/chunked-cut/release.zip", "connection cut"),
    ("/short/release.zip", "Content-Length announced"),
])
def test_cut_bodies_end_in_one_line_and_a_resumable_partial(server, tmp_path, path, words):
    with pytest.raises(DownloadError, match=words) as info:
        _get(server, path, tmp_path)
    message = info.value.message
    assert "\n" not in message and "rerun the same command to resume" in message
    assert server.hits[path] == FAST.retries + 1  # bounded retries
    # What stays is the resume file and its note, nothing else.
    assert _left(tmp_path / "dl") == [".download-x.partial", ".download-x.partial.json"]


def test_a_short_body_that_is_a_complete_zip_is_still_refused(tmp_path):
    import io
    import zipfile

    small = io.BytesIO()
    with zipfile.ZipFile(small, "w") as archive:
        archive.writestr("a.txt", "x")
    # A whole zip as the first half of a body announced twice as long.
    with HostileServer({"z.zip": small.getvalue() * 2}) as srv:
        with pytest.raises(DownloadError, match="Content-Length"):
            download.download(srv.url("/short/z.zip"), tmp_path / "p", FAST)


@pytest.mark.parametrize("path, words", [
    ("/bad-status", "not HTTP"),
    ("/to-ftp", "only http and https"),
    ("/loop", "in a loop"),
    ("/redirect/25/release.zip", "more than 20 times"),
    ("/huge", "more than the 1.0 MB"),
    ("/huge-chunked", "sent more than the 1.0 MB"),
    ("/status/404", "404.*not there"),
    ("/status/500", "500.*server failed"),
])
def test_each_fault_is_one_line_and_leaves_nothing(server, tmp_path, path, words):
    with pytest.raises(DownloadError, match=words) as info:
        _get(server, path, tmp_path)
    assert "\n" not in info.value.message
    assert "internet connection" not in info.value.message
    assert _left(tmp_path / "dl") == []


def test_fifteen_legitimate_redirects_are_followed(server, tmp_path):
    path, _ = _get(server, "/redirect/15/release.zip", tmp_path)
    assert path.read_bytes() == BODY


@pytest.mark.parametrize("path", ["/trickle/release.zip", "/header-trickle"])
def test_a_trickle_meets_the_overall_deadline(server, tmp_path, path):
    import time

    limits = download.Limits(1 << 20, stall_s=1.0, deadline_s=1.5, retries=2, retry_pause_s=0.05)
    started = time.monotonic()
    with pytest.raises(DownloadError, match="deadline"):
        _get(server, path, tmp_path, limits)
    assert time.monotonic() - started < 4


def test_a_stall_is_a_cut_connection(server, tmp_path):
    limits = download.Limits(1 << 20, stall_s=0.3, deadline_s=10, retries=1, retry_pause_s=0.05)
    with pytest.raises(DownloadError, match="TimeoutError|cut|stalled|timed out"):
        _get(server, "/stall/release.zip", tmp_path, limits)


def test_an_interrupted_download_resumes_to_the_same_bytes(server, tmp_path):
    partial = tmp_path / "dl" / ".download-x.partial"

    def stop_halfway(done, total):
        if done > len(BODY) // 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        download.download(server.url("/files/release.zip"), partial, FAST, stop_halfway)
    kept = partial.stat().st_size
    assert 0 < kept < len(BODY)
    download.download(server.url("/files/release.zip"), partial, FAST)
    assert partial.read_bytes() == BODY
    assert server.requests[-1][1]["range"] == f"bytes={kept}-"
    # Complete: a third run asks the server for nothing.
    before = len(server.requests)
    download.download(server.url("/files/release.zip"), partial, FAST)
    assert len(server.requests) == before


# -- the Argos index through the same downloader ------------------------------------------------

@pytest.mark.parametrize("links, words", [
    ([""], "not a URL"), ([None], "not a URL"), ("just-a-string", "not an http"),
    (None, "no .*package"), (["file:///etc/passwd"], "may not point at a local file"),
    (["ftp://127.0.0.1/x"], "not an http or https link"),
])
def test_bad_index_links_are_one_line_errors(tmp_path, links, words):
    index = json.dumps([{"from_code": "ru", "to_code": "en", "package_version": "1",
                         "links": links}]).encode()
    with HostileServer({"index.json": index}) as srv:
        with pytest.raises(DownloadError, match=words) as info:
            argos_index.install_from_index(["ru"], tmp_path / "m",
                                           index_url=srv.url("/files/index.json"))
    assert "\n" not in info.value.message
    assert _left(tmp_path / "m") == []


@pytest.mark.parametrize("path, words", [
    ("/short/index.json", "rerun"), ("/status/404", "404"), ("/status/500", "500"),
    ("/bad-status", "not HTTP"),
])
def test_a_broken_index_says_what_happened(tmp_path, path, words):
    body = json.dumps([{"from_code": "ru", "to_code": "en", "links": ["http://x/y"]}]).encode()
    with HostileServer({"index.json": body}) as srv:
        with pytest.raises(DownloadError, match=words) as info:
            argos_index.fetch_index(srv.url(path), tmp_path,
                                    limits=download.Limits(1 << 20, 1.0, 4.0, 1, 0.05))
    assert "\n" not in info.value.message
    assert _left(tmp_path) == []


def test_a_local_file_link_must_be_a_regular_file_within_the_cap(tmp_path):
    with pytest.raises(DownloadError, match="not a regular file"):
        download.download("file:///dev/zero", tmp_path / "p", FAST, allow_file=True)
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * (2 << 20))
    with pytest.raises(DownloadError, match="more than"):
        download.download(big.as_uri(), tmp_path / "p", FAST, allow_file=True)
    assert not (tmp_path / "p").exists()
