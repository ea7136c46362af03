"""The engine: sentences in, English out, in batches on CTranslate2.

`engine` holds the Engine (load the installed model a language needs, drop duplicates and
cached sentences, decode in length-sorted batches); `batching` says how large a batch may be;
`host` what the machine gives it (cores, glibc's allocator); `factory` how a caller gets one
(its settings, a lazy factory, the SentenceTranslator protocol). How each model family
tokenizes is `translator.families`; which model serves a language is `translator.store`.
"""
