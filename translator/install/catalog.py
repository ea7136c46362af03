"""The models newsbrief knows how to fetch: the one home of their names, addresses and figures.

Every release, language list and BLEU figure here is copied from the Helsinki-NLP
Tatoeba-Challenge listings (`models/<pair>/*.yml` for the release and its languages,
`models/<pair>/<release>.bleu-scores.txt` for the FLORES-200 devtest BLEU; the download base is
the one its README.md files give). Nothing is measured here: no real model can be downloaded
where newsbrief is built. Argos packages are not listed: they come from the Argos index.

Sizes are not in the listings. `approx_bytes` is estimated from the architecture (parameters ×
4 bytes of float32 in the release's .npz, 60k shared vocabulary); `max_bytes`, the download
cap, sits well above it, so a body past it is refused as not this release.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from translator import families
from translator.errors import TranslatorError

# "download: [..](https://object.pouta.csc.fi/Tatoeba-MT-models/zle-eng/...)" in the READMEs.
TATOEBA_BASE = "https://object.pouta.csc.fi/Tatoeba-MT-models/"
# A mirror (or a test server) in place of the object store; the paths under it stay the same.
BASE_ENV = "NEWSBRIEF_OPUS_MT_BASE"
OPUS_MT_LICENCE = "CC-BY 4.0"
OPUS_MT_CREDIT = ("OPUS-MT models by the Language Technology Research Group at the University "
                  "of Helsinki (Tiedemann & Thottingal 2020; Tiedemann 2020), CC-BY 4.0")
LISTINGS = "github.com/Helsinki-NLP/Tatoeba-Challenge/tree/master/models"
BLEU_TEST = "FLORES-200 devtest"


@dataclass(frozen=True)
class CatalogModel:
    """One downloadable model: an OPUS-MT release zip (Marian .npz, vocabularies, spm)."""

    name: str
    release: str  # the listing's `release:` field, a path under the download base
    sources: tuple[str, ...]  # the languages newsbrief translates with it
    listed_sources: tuple[str, ...]  # the listing's source languages, all of them
    architecture: str
    approx_bytes: int
    max_bytes: int
    bleu: dict[str, float] = field(default_factory=dict)  # BLEU_TEST, by newsbrief language
    family: str = families.MARIAN
    licence: str = OPUS_MT_LICENCE

    @property
    def url(self) -> str:
        base = os.environ.get(BASE_ENV) or TATOEBA_BASE
        return base.rstrip("/") + "/" + self.release

    @property
    def bleu_source(self) -> str:
        stem = self.release.removesuffix(".zip")
        return f"{LISTINGS}/{stem}.bleu-scores.txt ({BLEU_TEST})"


_MB = 1 << 20
CATALOG: tuple[CatalogModel, ...] = (
    CatalogModel(
        name="opus-mt-tc-big-zle-en",
        release="zle-eng/opusTCv20210807+bt_transformer-big_2022-03-17.zip",
        sources=("ru", "uk"),
        listed_sources=("bel", "bel_Latn", "orv_Cyrl", "rue", "rus", "ukr"),
        architecture="transformer-big, 6+6 layers, d1024",
        approx_bytes=950 * _MB,
        max_bytes=1600 * _MB,
        bleu={"ru": 35.2, "uk": 39.2},
    ),
    CatalogModel(
        name="opus-mt-base-ru-en",
        release="rus-eng/opus+bt-2021-04-30.zip",
        sources=("ru",),
        listed_sources=("rus",),
        architecture="transformer-align, 6+6 layers, d512",
        approx_bytes=300 * _MB,
        max_bytes=700 * _MB,
        bleu={"ru": 31.2},
    ),
    CatalogModel(
        name="opus-mt-base-uk-en",
        release="ukr-eng/opus+bt-2021-04-30.zip",
        sources=("uk",),
        listed_sources=("ukr",),
        architecture="transformer-align, 6+6 layers, d512",
        approx_bytes=300 * _MB,
        max_bytes=700 * _MB,
        bleu={"uk": 30.6},
    ),
)

# What a bare `newsbrief models install` installs: the highest published BLEU, one model for
# both languages, at about half a base model's speed on a 2-core CPU, still about an article a
# second (measured by benchmarks/bench_families.py; figures and reasoning in the README,
# "Models").
DEFAULT = "opus-mt-tc-big-zle-en"


def by_name(name: str) -> CatalogModel | None:
    return next((m for m in CATALOG if m.name == name), None)


def by_url(url: str) -> CatalogModel | None:
    """The catalog entry a release URL or path belongs to (its name, languages and cap then
    apply): its path under the download base, or a file name only one release has."""
    url = url.rstrip("/")
    found = next((m for m in CATALOG if url.endswith("/" + m.release)), None)
    if found is None:
        named = [m for m in CATALOG if url.rsplit("/", 1)[-1] == m.release.rsplit("/", 1)[-1]]
        found = named[0] if len(named) == 1 else None
    return found


def get(name: str) -> CatalogModel:
    model = by_name(name)
    if model is None:
        raise TranslatorError(
            f"{name!r} is not a model newsbrief knows: see `newsbrief models available` "
            f"({', '.join(m.name for m in CATALOG)}), or give ru/uk for Argos packages"
        )
    return model


def as_record(model: CatalogModel) -> dict:
    """The entry as `models available --format json` prints it."""
    return {
        "name": model.name, "family": model.family, "languages": list(model.sources),
        "listed_languages": list(model.listed_sources), "architecture": model.architecture,
        "approx_bytes": model.approx_bytes, "max_bytes": model.max_bytes,
        "licence": model.licence, "bleu": dict(model.bleu), "bleu_test": BLEU_TEST,
        "bleu_source": model.bleu_source, "url": model.url, "default": model.name == DEFAULT,
    }
