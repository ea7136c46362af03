"""Fingerprints and names of `newsbrief batch`: what decides that a finished article still holds,
and what each output file is called.

Pure functions of their arguments (no run state), split from batch.py so the rules a rerun
depends on read in one place: a settings and model fingerprint per result, a content hash per
input (per archive record: its id and extra keys too), and output names that are valid UTF-8,
distinct, and never longer than NAME_MAX bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path, PurePosixPath

from newsbrief.batch.manifest import MANIFEST_NAME
from newsbrief.pipeline import Options
from newsbrief.records import Article, Document
from newsbrief.shown import shown
from translator.engine.factory import EngineSettings

EXTENSIONS = {"markdown": "md", "json": "json", "html": "html"}
# Longest output file name, in bytes (NAME_MAX on Linux, macOS and Windows filesystems).
NAME_MAX = 255
# Bump when a change to the pipeline or the renderers should redo finished articles.
RESULT_VERSION = 1



def settings_hash(options: Options, engine: EngineSettings) -> str:
    """Fingerprint of everything that changes an article's result (not where or how fast)."""
    relevant = {
        "version": RESULT_VERSION,
        "options": options.result_options(),
        "beam_size": 1 if engine.fast else engine.beam_size,
        "fast": engine.fast,
    }
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def model_stamps(models_dir: str | None, model: str | None = None) -> dict[str, str]:
    """A short fingerprint per installed X→en model (version, place, size, time of model.bin).

    Cheap (no model is loaded): batch uses it to notice a model installed or upgraded since an
    article was translated.
    """
    from translator.errors import TranslatorError
    from translator.store.choices import find_model

    stamps = {}
    for lang in ("ru", "uk"):
        try:
            found = find_model(lang, Path(models_dir) if models_dir else None, model=model)
        except TranslatorError:  # --model naming nothing installed: each article says so
            found = None
        if found is None:
            continue
        try:
            mtime = (found.path / "model" / "model.bin").stat().st_mtime_ns
        except OSError:
            mtime = 0
        key = f"{found.version}|{found.path.resolve()}|{found.size_bytes}|{mtime}"
        stamps[lang] = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return stamps


def result_hash(base: str, article: Article, stamps: dict[str, str]) -> str:
    """`base` plus the stamp of every model that translated part of `article`.

    Written as "BASE+ru=STAMP+uk=STAMP" so that a later run can compare each language on its
    own (see `still_current`).
    """
    used = set()
    if article.translation is not None:
        used = {p.language for p in article.translation.sentences if p.language != "en"}
    return "+".join([base, *(f"{lang}={stamps.get(lang, '')}" for lang in sorted(used))])


def still_current(stored: str, base: str, stamps: dict[str, str]) -> bool:
    """Whether a stored result_hash holds under the current settings and models.

    A model that is no longer installed does not invalidate the result (it could not be redone
    anyway, and nothing says it changed); a different model for that language does.
    """
    head, *models = stored.split("+")
    if head != base:
        return False
    for item in models:
        lang, _, stamp = item.partition("=")
        if lang in stamps and stamps[lang] != stamp:
            return False
    return True


def content_hash(doc: Document) -> str:
    return hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()


def record_hash(doc: Document) -> str:
    """Fingerprint of an archive record: its id and extra keys are in its output line too."""
    sentences = [asdict(s) for s in doc.sentences] if doc.sentences else None
    key = json.dumps([doc.id, doc.text, doc.extra, sentences], ensure_ascii=False, default=str)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def safe_name(name: str) -> str:
    """`name` as valid UTF-8 text: bytes that are not UTF-8 become `\\xff` escapes.

    A file name is bytes; Python hands undecodable bytes over as lone surrogates, which no UTF-8
    output (a rendered article, the index, the manifest) can hold. The escaped form is shown to
    the user, names the output files, and keys the manifest: readable, and distinct for
    distinct names.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is not an undecodable byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _bounded(name: str, ext: str) -> str:
    """`name.ext`, shortened (with a hash of the full name) if it would pass NAME_MAX bytes."""
    full = f"{name}.{ext}"
    if len(full.encode("utf-8")) <= NAME_MAX:
        return full
    tag = "~" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    room = NAME_MAX - len(tag) - len(ext) - 1
    head = name.encode("utf-8")[:room].decode("utf-8", "ignore")
    return f"{head}{tag}.{ext}"


def output_names(rels: list[str], formats: list[str]) -> dict[str, dict[str, str]]:
    """Output path (relative to OUT_DIR) of each input for each format.

    `a/b.txt` gives `a/b.md`; when two inputs share a stem (`b.txt`, `b.html`) or a stem would
    clash with the folder's own files (`index`, `compare`), the full name is kept: `a/b.txt.md`.
    A name that would pass 255 bytes is shortened and given a hash of the full one. Control and
    bidi characters are written as visible escapes (`shown`): `evil\\x1b[2J.txt` gives
    `evil\\e[2J.md`, so listing OUT_DIR is as safe as listing anything else.
    """
    reserved = {"index", "compare", MANIFEST_NAME}
    by_stem: dict[str, list[str]] = {}
    for rel in rels:
        by_stem.setdefault(str(PurePosixPath(shown(rel)).with_suffix("")), []).append(rel)
    bases: dict[str, str] = {}
    used: set[str] = set()
    for stem, group in sorted(by_stem.items()):
        for rel in group:
            base = stem if len(group) == 1 and stem not in reserved else shown(rel)
            while base in used:  # e.g. inputs `x.txt.txt` and `x.txt` + `x.md`
                base += "_"
            used.add(base)
            bases[rel] = base
    out: dict[str, dict[str, str]] = {}
    for rel in rels:
        folder, _, leaf = bases[rel].rpartition("/")
        prefix = f"{folder}/" if folder else ""
        out[rel] = {fmt: prefix + _bounded(leaf, EXTENSIONS[fmt]) for fmt in formats}
    return out


def archive_names(rels: list[str]) -> dict[str, str]:
    """Output path of each jsonl archive: `a/b.jsonl` and `a/b.jsonl.gz` both give `a/b.jsonl`
    (the second keeps its full name, `a/b.jsonl.gz.jsonl`, when both are there)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for rel in sorted(rels, key=lambda r: (r.lower().endswith(".gz"), r)):
        base = shown(rel[:-3] if rel.lower().endswith(".gz") else rel)
        folder, _, leaf = base.rpartition("/")
        stem = leaf[: -len(".jsonl")]
        prefix = f"{folder}/" if folder else ""
        name = _bounded(stem, "jsonl")
        if prefix + name in used:
            name = _bounded(shown(rel).rpartition("/")[2], "jsonl")
        while prefix + name in used:
            name = "_" + name
        full = prefix + name
        used.add(full)
        out[rel] = full
    return out
