"""The installer: fetching, checking and unpacking models into the model store.

`catalog` names the models newsbrief knows how to fetch; `download` (over `http_get`) is the
one downloader; `archives` checks a zip before anything is extracted; `argos_index` and
`argos_install` fetch and install Argos packages, `opus_install` and `marian_convert` OPUS-MT
releases, `converted` a converted CTranslate2 folder. Each writes into `translator.store`.
"""
