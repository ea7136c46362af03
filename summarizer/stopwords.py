"""Stop words for English, Russian and Ukrainian, shipped as code so nothing is ever downloaded.

sumy ships an English list and a short Ukrainian one but no Russian one, and NLTK's lists are a
data download; the rankers need all three offline.  The lists are function words (pronouns,
prepositions, conjunctions, particles, auxiliary verbs) plus the reporting verbs and words that
carry no topic in news copy ("said", "сказал", "заявив").  They are lower case; callers compare
lower-cased words.
"""

from __future__ import annotations

from functools import cache

_ENGLISH = """
a about above across after afterwards again against all almost alone along already also although
always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
back be became because become becomes becoming been before beforehand behind being below beside
besides between beyond both but by can cannot could did do does doing done down during each eg
either else elsewhere enough etc even ever every everyone everything everywhere except few for
former formerly from further had has have having he hence her here hereafter hereby herein hers
herself him himself his how however i ie if in indeed into is it its itself just last latter
least less many may me meanwhile might mine more moreover most mostly much must my myself namely
neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on
once one only onto or other others otherwise our ours ourselves out over own per perhaps please
rather re same says said say saying seem seemed seeming seems several she should since so some
somehow someone something sometime sometimes somewhere still such than that the their theirs them
themselves then thence there thereafter thereby therefore therein thereupon these they this those
though through throughout thru thus to together too toward towards under until up upon us very via
was we well were what whatever when whence whenever where whereafter whereas whereby wherein
whereupon wherever whether which while whither who whoever whole whom whose why will with within
without would yet you your yours yourself yourselves mr mrs ms dr told according also just
"""

_RUSSIAN = """
а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для
до его ее её если есть еще ещё же за здесь и из или им их к как ко когда который которая которое
которые которых которой котором которым кто ли либо между меня мне много может можно мы на над
надо не него нее неё нет ни них но ну о об однако он она они оно от очень по под после потому при
про раз с со так также такой там те тем то того тоже той только том ты у уже хотя чего чей чем
что чтобы чье чья эта эти это этого этой этом этот я вместе всё всем всеми свой своя свое своё
свои своих своим своей своего своему сам сама само сами самого себя себе собой тот та тех теми
тому которого которому будет будут будем буду было бы лишь уж через перед около вокруг среди
против ведь вдруг затем поэтому потом тогда сейчас теперь пока где-то также ещё нам нас ним ними
нём нем ней ему им ими ей ей мой моя мое моё мои наш наша наше наши ваш ваша ваше ваши этих этим
этими такие такая такое такого таких каждый каждая каждое любой другой другая другие других
сказал сказала сказали заявил заявила заявили сообщил сообщила сообщили отметил отметила
говорится словам данным ранее также кроме например т е д др г гг млн тыс руб
"""

_UKRAINIAN = """
а аби або адже але б без би був була були було бути в вам вас весь від він вона вони воно все всі
всього всіх ви де для до його її їх з за зі і й із к коли котрий котра котре котрі котрих кому
хто ли або між мене мені може можна ми на над не нема немає ні ніж них но ну о об однак він
але по під після тому при про раз с так також такий там ті тим то того теж той тільки лише том
ти у вже хоча чого чий чим що щоб це ці цей цього цієї цим цими цих цю ця я разом свій своя своє
свої своїх своїм своєї свого своєму сам сама само самі себе собі собою тієї тих тими тому будь
буде будуть будемо буду через перед біля навколо серед проти адже раптом потім тоді зараз тепер
поки ще нам нас ним ними ньому ній йому ними їй мій моя моє мої наш наша наше наші ваш ваша ваше
ваші такі така таке такого таких кожен кожна кожне будь-який інший інша інші інших яка який яке
які яких якої якому яким якій ж же чи бо та хоч ось он який-небудь сказав сказала сказали заявив
заявила заявили повідомив повідомила повідомили зазначив зазначила словами даними раніше крім
наприклад т д ін р рр млн тис грн
"""


@cache
def stop_words(language: str) -> frozenset[str]:
    """Lower-case stop words for an ISO 639-1 code; an empty set for languages without a list."""
    source = {"en": _ENGLISH, "ru": _RUSSIAN, "uk": _UKRAINIAN}.get(language.lower()[:2], "")
    return frozenset(source.split())
