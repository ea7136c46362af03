"""Language codes have one home (translator.languages): every message and renderer agrees."""

from __future__ import annotations

from newsbrief.batch import index as batch_index
from newsbrief.render import html
from translator import errors, languages
from translator.store import models


def test_undetermined_is_named_alike_in_every_output() -> None:
    assert languages.language_name("und") == "undetermined"
    assert batch_index.language_name("und") == "undetermined"
    assert 'title="undetermined"' in html._lang("und")


def test_names_come_from_the_one_table() -> None:
    assert languages.language_name("be") == "Belarusian"
    assert languages.language_name("xx") == "xx"  # an unknown code is shown as it is
    # A language detection can name but newsbrief does not translate is named in a removal
    # message too, not taken for a model's name.
    message = str(errors.NotInstalledError("de", installed=[]))
    assert "German→English" in message and "model named" not in message
    assert "model named 'opus-mt-xx'" in str(errors.NotInstalledError("opus-mt-xx"))


def test_the_translatable_set_is_the_model_store_s() -> None:
    assert languages.TRANSLATABLE == ("ru", "uk")
    assert models.SUPPORTED_LANGUAGES == languages.TRANSLATABLE
    assert "models install uk" in str(errors.ModelMissingError("uk"))
    assert "translates only Russian and Ukrainian" in str(errors.ModelMissingError("be"))
