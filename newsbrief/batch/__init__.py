"""`newsbrief batch IN_DIR -o OUT_DIR`: convert a whole folder, resumably, one file at a time.

Design, and why:
- The parent process alone reads inputs, decides what to redo (manifest), writes every file and
  reports; workers only compute. Results are consumed in input order, so `--jobs 2` writes the
  same bytes as `--jobs 1`, and nothing is ever interleaved.
- Articles go through `pipeline.process` in fixed-size chunks of consecutive inputs (the same in
  every mode), so the engine batches sentences across articles and the batch composition, hence
  the output, does not depend on `--jobs`.
- Every file is written with `atomic_write` (temporary file, then rename) and an article enters
  the manifest only after all its files are on disk, so Ctrl-C can stop the run anywhere without
  leaving a half-written file, and a rerun picks up where it stopped.

The package, one job a module, in the order a run meets them:
run.py (`run_batch`: checks, the folder lock of lock.py, the manifest, how a run stops),
driver.py (the run loop: what to redo, chunks, results in input order), inputs.py (listing and
reading IN_DIR), pool.py (where chunks are computed: here or worker processes; cluster.py on
Dask), outputs.py (an article's files and manifest row, an archive's lines, one item's failure),
errors.py (what stops the whole run, and its message), names.py (output names and hashes),
manifest.py (what is finished), archive.py (an archive's output, resumable), rebuild.py
(--rebuild-manifest), reports.py (index, --compare, the summary line) drawing with index.py.
"""

from __future__ import annotations

from newsbrief.batch.lock import LOCK_NAME
from newsbrief.batch.manifest import MANIFEST_NAME, Manifest, ManifestError
from newsbrief.batch.names import (
    EXTENSIONS,
    NAME_MAX,
    RESULT_VERSION,
    archive_names,
    content_hash,
    model_stamps,
    output_names,
    record_hash,
    result_hash,
    safe_name,
    settings_hash,
    still_current,
)
from newsbrief.batch.run import run_batch
from newsbrief.settings import BatchSettings

__all__ = [  # batch's public names, importable from `newsbrief.batch` as before
    "EXTENSIONS",
    "LOCK_NAME",
    "MANIFEST_NAME",
    "NAME_MAX",
    "RESULT_VERSION",
    "BatchSettings",
    "Manifest",
    "ManifestError",
    "archive_names",
    "content_hash",
    "model_stamps",
    "output_names",
    "record_hash",
    "result_hash",
    "run_batch",
    "safe_name",
    "settings_hash",
    "still_current",
]
