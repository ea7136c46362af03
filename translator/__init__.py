"""Language detection and translation into English, below `newsbrief/` (which it never imports).

In the order a text meets them: `langid/` (which language each paragraph is in), `engine/`
(batched translation on CTranslate2), `families.py` (how each model family tokenizes),
`store/` (which models are installed and which serves a language), `install/` (fetching and
unpacking models into the store). Shared below them: `languages.py`, `errors.py`,
`records.py`, `cache.py` (the user's cache folder, the translation cache) and
`atomic_files.py` (the one atomic file writer).
"""
