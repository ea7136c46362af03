"""Mirroring one jsonl archive into OUT_DIR, resumably: its output lines, in record order.

The output file is the store of finished records, not the manifest: the manifest only records
where each finished record's line sits (a generation, an offset, a length, a checksum; see
newsbrief/batch/manifest.py). Why the writer works as it does:
- A rerun reads each finished line back from the file the manifest names and checks its
  checksum before using it; a line that is missing or fails the check is computed again. So a
  damaged, truncated or hand-edited output costs only the records concerned.
- While every record is reused at the offset it already has, nothing is written: an unchanged
  rerun touches no file. At the first record that differs, a new generation starts: a partial
  file in `.newsbrief-resume/`, opened with the unchanged prefix copied over.
- Each line is in the file (flushed) before its manifest row is committed, so a killed driver
  loses at most the records in flight. An interrupted run keeps its partial file (the manifest
  points at its lines); a complete one replaces the output whole (rename), then the manifest
  drops the generations it no longer needs, and only then are their files removed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsbrief.batch.manifest import Manifest, RecordRow, content_key


def line_checksum(data: bytes) -> bytes:
    """The checksum the manifest keeps of a record's output line (64 bits of BLAKE2b)."""
    return hashlib.blake2b(data, digest_size=8).digest()


@dataclass
class StoredLine:
    """A finished record's output line, read back from OUT_DIR and verified: copied, not
    computed again."""

    data: bytes
    row: RecordRow
    in_place: bool  # read from the complete output, in the generation the manifest names


class ArchiveWriter:
    """The output of one archive in this run (made when its first record is read)."""

    def __init__(self, manifest: Manifest, out: Path, rel: str, output: str):
        self.manifest = manifest
        self.out = out
        self.output = output  # relative to OUT_DIR
        self.row = manifest.archive(rel)
        self.parts = manifest.parts(self.row.id)
        self._readers: dict[str, IO[bytes] | None] = {}
        self.pos = 0  # bytes of the new output so far
        # Writing nothing while the new output equals the old one, record for record.
        self.same = self.row.gen is not None and self.row.output == output
        self.fh: IO[bytes] | None = None
        self.gen: int | None = None
        self.part: str | None = None

    # -- reading back
    def stored(
        self, idx: int, content_hash: str, current: Callable[[str], bool]
    ) -> StoredLine | None:
        """Record `idx`'s finished line, if the manifest has one for this content under
        settings that are `current`, and its bytes are where it says and pass the checksum."""
        row = self.manifest.get_record(self.row.id, idx)
        if row is None or row.content != content_key(content_hash) or not current(row.settings):
            return None
        candidates = []
        if row.gen in self.parts:
            candidates.append((self.parts[row.gen], False))
        if self.row.output:  # also a partial file renamed just before a kill
            candidates.append((self.row.output, row.gen == self.row.gen))
        for path, in_place in candidates:
            data = self._read(path, row.offset, row.length)
            if data is not None and line_checksum(data) == row.checksum:
                return StoredLine(data, row, in_place)
        return None

    def _read(self, path: str, offset: int, length: int) -> bytes | None:
        if path not in self._readers:
            try:
                self._readers[path] = open(self.out / path, "rb")  # noqa: SIM115 - see close
            except OSError:
                self._readers[path] = None
        fh = self._readers[path]
        if fh is None:
            return None
        try:
            fh.seek(offset)
            data = fh.read(length)
        except OSError:
            return None
        return data if len(data) == length else None

    # -- writing
    def write(self, idx: int, data: bytes, finished: RecordRow | None, in_place: bool) -> None:
        """Line `idx` of the output. `finished`: what the manifest keeps of it (None for an
        error line, which every run redoes); `in_place`: read back from the complete output."""
        row = finished
        if self.same and in_place and row is not None and row.offset == self.pos:
            self.pos += len(data)  # already there: nothing to write, nothing to record
            return
        if self.fh is None:
            self._start(idx)
        assert self.fh is not None and self.gen is not None
        offset = self.pos
        self.fh.write(data)
        self.fh.flush()  # in the file before the manifest says so
        self.pos += len(data)
        if row is None:
            self.manifest.drop_record(self.row.id, idx)
        else:
            kept = RecordRow(row.content, row.settings, self.gen, offset, len(data), row.checksum)
            self.manifest.put_record(self.row.id, idx, kept)
        self.manifest.commit()

    def _start(self, idx: int) -> None:
        """A new generation, from record `idx` on: its partial file holds the unchanged prefix."""
        self.gen, self.part = self.manifest.new_part(self.row.id)
        target = self.out / self.part
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        # 0o666 less the umask, as every other output (a shared group can update it).
        self.fh = os.fdopen(os.open(target, flags, 0o666), "wb")
        if self.same and self.pos:
            with open(self.out / self.output, "rb") as old:
                _copy(old, self.fh, self.pos)
            self.fh.flush()
            assert self.row.gen is not None
            self.manifest.move_records(self.row.id, idx, self.row.gen, self.gen)
            self.manifest.commit()
        self.same = False

    def close(self, records: int) -> bool:
        """All `records` lines are written: the output is complete. True when it was written
        (False: it was already there, unchanged)."""
        self._close_readers()
        if self.same:
            try:
                size = os.path.getsize(self.out / self.output)
            except OSError:
                size = -1
            if size == self.pos:
                assert self.row.gen is not None
                self.manifest.finish_archive(self.row.id, self.output, self.row.gen, records)
                return False
        if self.fh is None:
            self._start(records + 1)
        assert self.fh is not None and self.part is not None and self.gen is not None
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        self.fh = None
        target = self.out / self.output
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.out / self.part, target)
        for stale in self.manifest.finish_archive(self.row.id, self.output, self.gen, records):
            remove_output(self.out, stale)
        try:
            (self.out / self.part).parent.rmdir()  # the last partial output: the folder goes
        except OSError:
            pass
        return True

    def abandon(self) -> None:
        """Interrupted: the partial file stays (the manifest points at its lines)."""
        self._close_readers()
        fh, self.fh = self.fh, None
        if fh is not None:
            try:
                fh.close()
            except OSError:
                pass

    def _close_readers(self) -> None:
        for fh in self._readers.values():
            if fh is not None:
                fh.close()
        self._readers.clear()


def _copy(src: IO[bytes], dst: IO[bytes], length: int) -> None:
    left = length
    while left > 0:
        block = src.read(min(left, 1 << 20))
        if not block:
            raise OSError("the output file became shorter while it was copied")
        dst.write(block)
        left -= len(block)


def remove_output(out: Path, rel_out: str) -> None:
    """Remove one file of OUT_DIR, then its folders as they become empty (never OUT_DIR)."""
    target = out / rel_out
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    parent = target.parent
    while parent != out and parent.is_relative_to(out):
        try:
            parent.rmdir()  # only succeeds when empty
        except OSError:
            break
        parent = parent.parent
