"""`batch --rebuild-manifest`: a new manifest for OUT_DIR, made from its outputs and their inputs.

The way forward when the manifest is damaged, unreadable or from another version (batch refuses
to guess: it never silently redoes or drops work). What can be rebuilt, and how:
- jsonl archives: each output line is paired with the input record at the same position; a line
  that is a result (not an error record) for a record of the same id is finished work, recorded
  with the input record's hash and the line's offset, length and checksum. The settings recorded
  are this command's: a rebuild trusts the outputs to come from the command that rebuilds them.
- Article files: their manifest row holds the article's full result (for the index, --compare
  and other formats), which the outputs do not hold whole; they are summarised again, and the
  rebuild says how many. The rows of an older manifest (version 1, the same rows) are kept.
- Partial outputs of interrupted runs (.newsbrief-resume/) belong to no archive any more: they
  are removed, and counted.
Then the run goes on as usual, doing only what is not finished.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsbrief.batch.archive import line_checksum
from newsbrief.batch.inputs import Source, iter_inputs, read_items
from newsbrief.batch.manifest import RESUME_DIR, Manifest, ManifestError, RecordRow, content_key
from newsbrief.batch.names import safe_name, settings_hash
from newsbrief.settings import BatchSettings


@dataclass
class Rebuilt:
    records: int = 0  # archive records whose output lines were kept
    redo_records: int = 0  # archive records without a usable line: done again
    articles: int = 0  # article files: summarised again
    partials: int = 0  # partial outputs of interrupted runs, removed

    def line(self) -> str:
        parts = [f"{self.records} archive records kept from the outputs"]
        if self.redo_records:
            parts.append(f"{self.redo_records} archive records to redo")
        if self.articles:
            noun = "file" if self.articles == 1 else "files"
            parts.append(f"{self.articles} article {noun} to summarise again (their full "
                         "results were in the manifest only)")
        if self.partials:
            parts.append(f"{self.partials} partial outputs of interrupted runs removed")
        return "; ".join(parts)


def unusable_message(exc: ManifestError) -> str:
    """A manifest batch cannot use: what is wrong, that the outputs are kept, the ways on."""
    path = safe_name(str(exc.path))
    newer = " (or use the newsbrief that wrote it)" if exc.kind == "newer" else ""
    return (
        f"the batch manifest {path} cannot be used: {exc.problem}. Nothing "
        f"was changed. To go on, run the same command with --rebuild-manifest, which rebuilds "
        f"it from the outputs and their inputs{newer}; or remove {path} to start over "
        "(everything is then done again)"
    )


def remove_manifest(path: Path) -> None:
    """The unusable manifest and its journal files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def rebuild(settings: BatchSettings, path: Path) -> tuple[Manifest, Rebuilt]:
    """Replace the manifest at `path` by one rebuilt from OUT_DIR and IN_DIR."""
    old = Path(f"{path}.old")
    remove_manifest(old)
    for suffix in ("", "-wal", "-shm", "-journal"):
        if Path(f"{path}{suffix}").exists():
            os.replace(f"{path}{suffix}", f"{old}{suffix}")
    manifest = Manifest(path)
    carried = _carry_articles(old, manifest)
    remove_manifest(old)
    out = settings.out_dir
    done = Rebuilt()
    resume = out / RESUME_DIR
    if resume.is_dir():
        done.partials = sum(1 for p in resume.iterdir() if p.is_file())
        shutil.rmtree(resume, ignore_errors=True)
    base = settings_hash(settings.options, settings.engine)
    for src in iter_inputs(settings.in_dir, out, lambda rel, reason: None, settings.formats):
        if src.error is not None:
            continue
        if src.archive:
            _archive(manifest, out, src, src.output, base, done)
        elif src.rel not in carried:
            done.articles += 1
    manifest.commit()
    return manifest, done


def _carry_articles(old: Path, manifest: Manifest) -> set[str]:
    """The article rows of a manifest of version 1 (an older newsbrief), whose rows are this
    version's less a column: kept as they are, so an upgrade summarises nothing again. A
    damaged or newer manifest is not read."""
    carried: set[str] = set()
    if not old.exists():
        return carried
    try:
        db = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
        try:
            if db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() != ("1",):
                return carried
            rows = db.execute(
                "SELECT rel, content_hash, settings_hash, outputs, article FROM articles"
            )
            for rel, content, settings, outputs, article in rows:
                manifest.carry(rel, content, settings, outputs, article)
                carried.add(rel)
        finally:
            db.close()
    except sqlite3.Error:
        return set()
    manifest.commit()
    return carried


def _archive(manifest: Manifest, out: Path, src: Source, output: str, base: str,
             done: Rebuilt) -> None:
    try:
        fh = open(out / output, "rb")  # noqa: SIM115 - closed below
    except OSError:
        fh = None
    aid = manifest.archive(src.rel).id
    gen, _ = manifest.new_part(aid)
    lines = 0
    offset = 0
    for item in read_items([src], {src.rel: output}):
        if item.end:
            break
        data = fh.readline() if fh is not None else b""
        if not data.endswith(b"\n"):
            done.redo_records += 1
            fh = _done_with(fh)
            continue
        lines += 1
        if item.doc is not None and _result_for(data, item.doc.id):
            row = RecordRow(content_key(item.content_hash), base, gen, offset, len(data),
                            line_checksum(data))
            manifest.put_record(aid, item.index, row)
            done.records += 1
        else:
            done.redo_records += 1
        offset += len(data)
    if fh is not None and lines:
        fh.close()
        manifest.finish_archive(aid, output, gen, lines)
    else:
        _done_with(fh)
        manifest.drop_archive(aid)
        manifest.archive(src.rel)
    manifest.commit()


def _done_with(fh):  # type: ignore[no-untyped-def]
    if fh is not None:
        fh.close()
    return None


def _result_for(data: bytes, doc_id: str) -> bool:
    """Whether an output line is a result (not an error record) for the record `doc_id`."""
    try:
        record = json.loads(data)
    except ValueError:
        return False
    return isinstance(record, dict) and "error" not in record and record.get("id") == doc_id
