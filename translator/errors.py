"""Errors of the translation layer, each carrying a message a user can act on.

The CLI prints `str(error)` as is (no traceback), so every message says what went wrong and what
command fixes it.
"""

from __future__ import annotations

# Re-exported: the messages of other modules name languages through this module too.
from translator.languages import NAMES, TRANSLATABLE
from translator.languages import language_name as language_name


class TranslatorError(Exception):
    """Base class: `message` is the user-facing text (also `str(error)`)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ModelMissingError(TranslatorError):
    """No installed package translates `lang` into `to`."""

    kind = "model"

    def __init__(self, lang: str, to: str = "en"):
        self.lang = lang
        self.to = to
        pair = f"{language_name(lang)}→{language_name(to)}"
        if to == "en" and lang in TRANSLATABLE:
            hint = (
                f"run `newsbrief models install {lang}` (or `newsbrief models install --file "
                f"{lang}_en.argosmodel` offline)"
            )
        else:
            hint = f"newsbrief translates only Russian and Ukrainian into English, not {lang}"
        super().__init__(f"no {pair} model installed: {hint}")


def is_missing_model(exc: BaseException) -> bool:
    """Whether `exc` says a model is not installed (by its `kind`, as DocumentError has it).

    Callers that get an exception back from a worker process or another module test this rather
    than its class, which they need not import.
    """
    return getattr(exc, "kind", None) == ModelMissingError.kind


class NotInstalledError(TranslatorError):
    """`models remove LANG` found nothing to remove: says so, and what is installed."""

    def __init__(
        self, lang: str, to: str = "en", installed: list[str] | None = None,
        shared_by: list[str] | None = None,
    ):
        self.lang = lang
        self.to = to
        what = ", ".join(installed) if installed else "none"
        if shared_by:
            names = ", ".join(shared_by)
            super().__init__(
                f"{lang}→{to} is served by {names}, which translates other languages too; "
                f"remove it by name (`newsbrief models remove {shared_by[0]}`)"
            )
            return
        pair = f"{language_name(lang)}→{language_name(to)} ({lang}→{to})"
        if lang not in NAMES:
            pair = f"model named {lang!r} and no {lang}→{to}"
        super().__init__(f"no {pair} model is installed, nothing to remove; installed: {what}")


class InvalidPackageError(TranslatorError):
    """A file or folder is not a usable Argos package."""


class ModelLoadError(TranslatorError):
    """An installed package exists but its model cannot be loaded."""


class DownloadError(TranslatorError):
    """The Argos package index or a package download could not be reached or read."""
