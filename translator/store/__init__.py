"""The model store: which translation models are installed, where, and which one serves a language.

`models` scans, lists and removes installed packages; `choices` keeps the user's choice of
model (`models use`). Nothing here fetches or unpacks a model: that is `translator.install`,
which writes into the store; the store imports nothing from it.
"""
