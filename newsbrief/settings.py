"""Everything a run is told to do, as plain dataclasses: the one settings module.

The CLI turns its arguments into these in one call, `from_cli` (which holds the whole
option → field mapping, so a library test can check it), and the library takes them whole:
`Options` for what the pipeline does to each document, `EngineSettings` for the translation
engine, `RunSettings` for one `detect`/`translate`/`summarize`/`compare` run, `BatchSettings` for
`batch`. The choice enums are the values the CLI offers for each option.

Importing this module is cheap (the CLI does it on every start).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from newsbrief.render import formats_for
from translator.engine.factory import EngineSettings
from translator.languages import TRANSLATABLE

# ---------------------------------------------------------------- choices offered by the CLI


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


# --from: auto, a language newsbrief translates (translator.languages), or en (passed through).
FromLang = StrEnum("FromLang", {code: code for code in ("auto", *TRANSLATABLE, "en")})


class Device(StrEnum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


# --format: each command's choices, from the renderers' registry (the one home of format names).
def _formats(name: str, command: str) -> type[StrEnum]:
    return StrEnum(name, {fmt: fmt for fmt in formats_for(command)})  # type: ignore[return-value]


DetectFormat = _formats("DetectFormat", "detect")
DocFormat = _formats("DocFormat", "summarize")
CompareFormat = _formats("CompareFormat", "compare")


class SummarizeIn(StrEnum):
    en = "en"
    source = "source"


class TranslateOnly(StrEnum):
    all = "all"
    key_points = "key-points"


BatchFormat = _formats("BatchFormat", "batch")


def check_ratio(value: float | None) -> float | None:
    """`--ratio`: a share of the sentences, 0 < R <= 1 (ValueError otherwise)."""
    if value is not None and not 0 < value <= 1:
        raise ValueError("must be a share between 0 and 1 (e.g. 0.2)")
    return value


def check_algorithm(name: str) -> str:
    """`--algorithm`: one of summarizer.ALGORITHMS (ValueError naming them otherwise)."""
    from summarizer import ALGORITHMS

    if name not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {name!r}; choose one of: {', '.join(ALGORITHMS)}")
    return name


# ---------------------------------------------------------------- settings


# Field metadata of a setting that changes how fast a result comes, never the result.
SPEED_ONLY = {"speed_only": True}


@dataclass
class Options:
    from_lang: str = "auto"  # auto | ru | uk | en
    count: int | None = 5
    ratio: float | None = None
    algorithm: str = "default"
    summarize_in: str = "en"  # en | source
    translate_only: str = "all"  # all | key-points
    # False: no translation at all; key points and comparisons stay in each article's language
    # and no model is ever loaded (--no-translate).
    translate: bool = True
    # Documents handled together; bigger chunks give the engine bigger batches. How fast, never
    # what: marked SPEED_ONLY, so they stay out of a result's fingerprint (`result_options`).
    chunk_documents: int = field(default=64, metadata=SPEED_ONLY)
    chunk_sentences: int = field(default=4000, metadata=SPEED_ONLY)
    # Read, detect and split the next chunk in a thread while this one translates
    # (newsbrief/overlap.py). False: one stage after another, as a baseline to measure against.
    overlap: bool = field(default=True, metadata=SPEED_ONLY)
    # Each article's sentence pairs packed into columns (`packed.PackedPairs`) as they are made,
    # not a list of records: what compare keeps of a 5 MB text. The same pairs either way.
    packed_pairs: bool = field(default=False, metadata=SPEED_ONLY)

    def result_options(self) -> dict[str, Any]:
        """The options that can change a result (all but the SPEED_ONLY ones), by name."""
        kept = [f.name for f in fields(self) if not f.metadata.get("speed_only")]
        return {name: getattr(self, name) for name in kept}


@dataclass
class RunSettings:
    inputs: list[str] = field(default_factory=list)
    input_format: str | None = None
    fmt: str = "text"
    output: str | None = None
    side_by_side: bool = False
    quiet: bool = False
    options: Options = field(default_factory=Options)
    engine: EngineSettings = field(default_factory=EngineSettings)


@dataclass
class BatchSettings:
    in_dir: Path
    out_dir: Path
    formats: list[str] = field(default_factory=lambda: ["markdown"])
    jobs: int = 1
    compare: bool = False
    options: Options = field(default_factory=Options)
    engine: EngineSettings = field(default_factory=EngineSettings)
    quiet: bool = False
    # Consecutive articles one worker task translates together: the engine batches across them.
    # (Not Options.chunk_documents, the pipeline's own grouping within such a task.)
    task_documents: int = 4
    # --scheduler: a Dask scheduler's address (tcp://HOST:8786) to run the work on; None with no
    # DASK_SCHEDULER_ADDRESS either: this machine (jobs).
    scheduler: str | None = None
    # --rebuild-manifest: replace OUT_DIR's manifest by one rebuilt from the outputs and inputs
    # (newsbrief/batch/rebuild.py), then run as usual.
    rebuild_manifest: bool = False


# ---------------------------------------------------------------- from the command line

RUN_COMMANDS = ("detect", "translate", "summarize", "compare")
# Key points per source that `compare` groups unless told (`-n`, the API's `count=`): more than
# summarize's 5, as a fact one outlet ranks 6th is still that outlet's to report.
COMPARE_COUNT = 8

# A CLI parameter (by its name in newsbrief/commands/) whose field has another name; any other
# parameter sets the field of its own name. The `no_*` switches set their field's opposite.
_FIELD_OF = {"beam": "beam_size", "no_cache": "cache", "no_translate": "translate"}
_BATCH_FIELD_OF = {"fmt": "formats", "compare_all": "compare"}


def _plain(value: Any) -> Any:
    """An enum choice as its string (the settings hold plain values), in a list too."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value.value if isinstance(value, Enum) else value


def from_cli(command: str, params: Mapping[str, Any]) -> RunSettings | BatchSettings:
    """The settings of one `newsbrief COMMAND` run from its parsed parameters (the commands pass
    click's `ctx.params`: every parameter of the command by name, defaults included).

    A parameter that sets no field is a TypeError, so an option added to the CLI cannot be
    dropped silently. The value checks (`check_ratio`, `check_algorithm`) apply here too, for a
    caller other than the CLI. Which options may be given together is the CLI's to say: it alone
    knows what was typed and what is a default.
    """
    if command not in (*RUN_COMMANDS, "batch"):
        raise ValueError(f"unknown command {command!r}")
    top_cls: type = BatchSettings if command == "batch" else RunSettings
    renames = {**_FIELD_OF, **(_BATCH_FIELD_OF if command == "batch" else {})}
    parts: dict[type, dict[str, Any]] = {Options: {}, EngineSettings: {}, top_cls: {}}
    unknown = []
    for name, value in params.items():
        target = renames.get(name, name)
        value = not value if name.startswith("no_") else _plain(value)
        owner = next((cls for cls in parts if target in _field_names(cls)), None)
        if owner is None:
            unknown.append(name)
        else:
            parts[owner][target] = value
    if unknown:
        raise TypeError(f"{command}: no setting for parameter(s) {', '.join(sorted(unknown))}")
    options, engine, top = parts[Options], parts[EngineSettings], parts[top_cls]
    check_ratio(options.get("ratio"))
    check_algorithm(options.get("algorithm", "default"))
    if engine.get("models_dir") is not None:
        engine["models_dir"] = str(engine["models_dir"])
    if "model" in engine:
        engine["model"] = engine["model"] or None  # `--model ""`: no choice
    if command == "batch":
        top["formats"] = top.get("formats") or [BatchFormat.markdown.value]
    else:
        top["inputs"] = list(top.get("inputs") or [])
    return top_cls(**top, options=Options(**options), engine=EngineSettings(**engine))


def _field_names(cls: type) -> set[str]:
    return {f.name for f in fields(cls)} - {"options", "engine"}
