"""Which installed model translates each language: the user's saved choice (`models use`),
a run's `--model`, else the default preference (models.serving).

The choice is a small JSON file in the models folder, written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from translator.atomic_files import atomic_write
from translator.errors import TranslatorError
from translator.store.models import (
    SUPPORTED_LANGUAGES,
    InstalledModel,
    default_models_dir,
    list_installed,
    serving,
)

CHOICE_FILE = "newsbrief-models.json"


def parse_sources(sources: Iterable[str] | None) -> list[str]:
    """`--from ru,uk` (or repeated) as a list of supported codes, in order, without repeats."""
    chosen: list[str] = []
    for item in sources or []:
        for code in str(item).split(","):
            code = code.strip()
            if not code:
                continue
            if code not in SUPPORTED_LANGUAGES:
                raise TranslatorError(
                    f"--from {code}: newsbrief translates {', '.join(SUPPORTED_LANGUAGES)} only"
                )
            if code not in chosen:
                chosen.append(code)
    return chosen


def saved_choices(models_dir: Path | None = None) -> dict[str, str]:
    """The user's persistent choice per language (`models use`): a model name or family."""
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    try:
        data = json.loads((models_dir / CHOICE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in SUPPORTED_LANGUAGES and isinstance(v, str)}


def save_choice(
    choice: str, langs: Iterable[str] | None = None, models_dir: Path | None = None
) -> list[str]:
    """Remember `choice` (an installed model's name, a family, or `auto` to forget) for `langs`
    (default: every language the choice serves). Returns the languages it now applies to."""
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    installed = list_installed(models_dir)
    langs = parse_sources(langs) or list(SUPPORTED_LANGUAGES)
    saved = saved_choices(models_dir)
    if choice == "auto":
        applied = [lang for lang in langs if saved.pop(lang, None) is not None] or langs
    else:
        matching = _matching(choice, installed)
        if not matching:
            raise TranslatorError(
                f"no installed model has the name or family {choice!r}; installed: "
                f"{', '.join(sorted(_names(installed))) or 'none'}"
            )
        served = {lang for m in matching for lang in m.sources}
        applied = [lang for lang in langs if lang in served]
        if not applied:
            raise TranslatorError(
                f"{choice} translates {', '.join(sorted(served))}, not {', '.join(langs)}"
            )
        saved.update({lang: choice for lang in applied})
    models_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(models_dir / CHOICE_FILE, json.dumps(saved, indent=2, sort_keys=True) + "\n")
    return applied


def _matching(choice: str, installed: list[InstalledModel]) -> list[InstalledModel]:
    return [m for m in installed if choice in (m.path.name, m.family)]


def _names(installed: list[InstalledModel]) -> set[str]:
    return {m.path.name for m in installed} | {m.family for m in installed}


def find_model(
    lang: str, models_dir: Path | None = None, to: str = "en", model: str | None = None
) -> InstalledModel | None:
    """The installed model that translates `lang` into `to`, or None.

    Chosen by, in order: `model` (a run's `--model`: a model's name or a family) when it serves
    `lang`; the user's saved choice (`models use`) when it does; the default preference (see
    `serving`). A `model` that names no installed model at all is an error, not a silent
    fallback.
    """
    installed = list_installed(models_dir)
    if model and not _matching(model, installed):
        raise TranslatorError(
            f"--model {model}: no installed model has that name or family; installed: "
            f"{', '.join(sorted(_names(installed))) or 'none'}"
        )
    matches = serving(lang, installed, to)
    if not matches:
        return None
    saved = saved_choices(models_dir).get(lang) if to == "en" else None
    for pick in (model, saved):
        picked = [m for m in matches if pick in (m.path.name, m.family)] if pick else []
        if picked:
            return picked[-1]
    return matches[-1]


def missing_languages(models_dir: Path | None = None) -> list[str]:
    """Which of the supported source languages (ru, uk) have no →English model."""
    installed = {(lang, m.to_code) for m in list_installed(models_dir) for lang in m.sources}
    return [lang for lang in SUPPORTED_LANGUAGES if (lang, "en") not in installed]
