"""Recognising page furniture that must never become a key point, in English, Russian, Ukrainian.

News text scraped or pasted from a site carries subscription and donation appeals ("Support The
Moscow Times!", "Підтримайте нас"), "Read more" links, photo credits ("Alexander Kazakov / TASS"),
share prompts, bylines ("By Our Diplomatic Correspondent"), datelines ("3 февраля, 09:55"),
machine-translation credits and button labels ("Monthly", "Continue").  Rankers love some of
them (an appeal repeats the outlet's name, which is also in the story), so they are removed before
ranking rather than down-weighted.

Two levels: a sentence that matches a pattern, and a closing appeal block — once a letter to the
readers starts in the second half of a text ("Dear readers", "A Message from …"), everything after
it is part of the appeal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_FLAGS = re.IGNORECASE | re.UNICODE

# Whole-sentence patterns (searched anywhere in the sentence unless anchored).
_SENTENCE_PATTERNS = [
    # Subscription, donation and membership appeals.
    r"\bsupport (?:us[.!]?$|our (?:work|journalism|newsroom)|independent journalism)",
    r"\bsupport the [\w ]{2,40}!",
    r"^support [A-Z\w ]{2,40}!?$",
    r"\bplease donate\b|\bdonate (?:now|today|here|to us)\b|\bmake a donation\b",
    r"\bbecome a (?:patron|supporter|paying subscriber)\b",
    r"\bsubscri(?:be|ption|bers?)\b.{0,60}\b(?:newsletter|agree|offer|today|now|channel|here)\b",
    r"^sign up\b|\bsign up (?:for|to) our\b",
    r"\b(?:our|free) (?:daily |weekly )?newsletter\b",
    r"\b(?:in|to) your (?:mail|in)box\b|\bnever miss (?:the latest|a story|an? update)\b",
    r"\bremind me later\b|\bnot ready to support\b|\bthank you for (?:standing with|supporting)\b",
    r"\byour (?:support|contribution|donation)\b.{0,80}\b(?:matters|difference|help|impact)\b",
    r"\bevery contribution\b|\bsupport us (?:monthly|today|now)\b|\bwe need your help\b",
    r"поддерж(?:ите|ать) (?:нас|редакцию|независим\w+ журналистику|проект)",
    r"підтрима(?:йте|ти) (?:нас|редакцію|незалежн\w+ журналістику|проєкт|проект)",
    r"\bподпи(?:шитесь|сывайтесь|саться)\b|\bпідпи(?:шіться|суйтесь|сатися)\b",
    r"\bпожертв\w*\b|\bзадонат\w*|\bдонат\w*",
    r"(?:наш|наш[аеуі]) (?:рассылк|розсилк|телеграм|telegram|канал|сторінк|страниц)",
    # Read more / see also / links.
    r"^(?:read|see) (?:more|also)\b|^more (?:on|from) this\b|^related(?: articles?| stories)?:",
    r"^(?:читайте|дивіться|смотрите) (?:также|також|тоже|більше|больше)\b",
    r"^(?:подробнее|детальніше|більше новин|больше новостей)\b",
    r"\bclick here\b|\btap here\b|\bнажмите здесь\b|\bнатисніть тут\b",
    # Sharing and following.
    r"^share (?:this|on|via)\b|\bshare this (?:article|story)\b|^(?:поделиться|поширити)\b",
    r"\bfollow us on\b|\bстежте за нами\b|\bследите за нами\b",
    # Photo and video credits, captions.
    r"^(?:photo|image|picture|video|credit|фото|відео|видео|иллюстрация|ілюстрація)\s*[:©–—-]",
    r"\b(?:getty images|shutterstock|afp via getty|depositphotos|unsplash)\b",
    r"^[\w .,'’-]{2,60}\s/\s*(?:[A-ZА-ЯІЇЄ][\w.-]*|[\w.]+\.(?:ru|ua|com))(?:\s[A-Z][\w.-]*)?$",
    r"\(photo(?: by)?[^)]*\)$",
    r"^[\w .,'’/-]{0,60}\bvia (?:reuters|afp|ap|epa|getty images|tass|ria novosti)$",
    r"^(?=.{0,160}$)(?!.*\b(?:said|says|according to|seen by|released|analysis)\b)"
    r"(?:an? |this )?(?:satellite |file |handout )?(?:image|photo|photograph|picture|screenshot)"
    r"\b[^.]{0,80}\b(?:shows|showing|taken)\b",
    # Bylines, datelines, copyright, translation credits, ads.
    r"^by (?:our )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}$",
    r"^(?:author|автор|авторка)\s*:",
    r"^(?:updated|published|опубликовано|обновлено|оновлено|опубліковано)\b",
    r"©|\ball rights reserved\b|все права защищены|усі права захищені|всі права захищені",
    r"^(?:переведено|перекладено) (?:сервисом|сервісом|с помощью|за допомогою)",
    r"^(?:advertisement|реклама|sponsored|партнерский материал|партнерський матеріал)\b",
    r"\bprivacy policy\b|\bcookie(?:s)? policy\b|\bterms of (?:use|service)\b",
    # A wire story's notes to the reader ("More to follow.", "This is a breaking news story.").
    r"^more to follow\W*$|^this is an? (?:breaking|developing) (?:news )?story\b"
    r"|^this (?:story|article) (?:is developing|will be updated|has been updated"
    r"|is being updated)\b",
    # An embedded post's signature: "— U.S. Embassy Kyiv (@USEmbassyKyiv) March 4, 2022".
    r"\(@\w{1,30}\)\s*(?:on\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})\.?$",
]
_SENTENCE_RE = re.compile("|".join(f"(?:{p})" for p in _SENTENCE_PATTERNS), _FLAGS)

# A line that is only a date and/or time ("3 февраля, 09:55", "Oct. 5, 2025", "12.03.2024 14:00").
_MONTHS = (
    r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|"
    r"ноябр\w*|декабр\w*|січ\w*|лют\w*|берез\w*|квіт\w*|трав\w*|черв\w*|лип\w*|серп\w*|верес\w*|"
    r"жовт\w*|листопад\w*|груд\w*"
)
_WEEKDAYS = (
    r"mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|понедельник|вторник|среда|четверг|пятница|"
    r"суббота|воскресенье|понеділок|вівторок|середа|четвер|п'ятниця|субота|неділя"
)
_DATELINE_RE = re.compile(
    rf"^(?:(?:{_WEEKDAYS}|{_MONTHS}|\d{{1,4}}|[.,:/–—-]|\s|г\.|р\.|года|року|at|в|о|utc|gmt|msk|мск)"
    rf"+)$",
    _FLAGS,
)

# The start of a closing letter to the readers: everything after it belongs to the appeal.
_APPEAL_START_RE = re.compile(
    r"^(?:dear (?:readers?|friends)|a message from\b|уважаемые читатели|дорогие читатели|"
    r"шановні читачі|дорогі читачі|любі читачі)",
    _FLAGS,
)

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def matches_pattern(sentence: str) -> bool:
    """True for a sentence a furniture pattern names (appeal, credit, byline, dateline, link).

    Unlike `is_boilerplate`, short capitalised lines pass: "Putin Meets Trump" is a headline.
    """
    text = sentence.strip()
    return bool(text) and bool(_SENTENCE_RE.search(text) or _DATELINE_RE.match(text))


def is_boilerplate(sentence: str) -> bool:
    """True for a sentence that is page furniture rather than news (any of en/ru/uk)."""
    text = sentence.strip()
    if not text:
        return True
    if _SENTENCE_RE.search(text) or _DATELINE_RE.match(text):
        return True
    words = _WORD_RE.findall(text)
    if not words:
        return True  # numbers, symbols, emoji only
    # Button labels and bare name captions: one or two words, or a short run of capitalised
    # words with no verb-like lower-case word ("Yuri Ushakov.", "Маргарита Волошина").
    if len(words) <= 2 and not text.endswith(("?", "!")):
        return True
    return len(words) <= 4 and all(w[0].isupper() for w in words) and not text.endswith("?")


# A photo credit on its own ("Credit: AP", "/ Photo: Reuters / Reuters", "Alexander Kazakov /
# TASS", "© Tatyana Barybina / Sputnik", "MAXIM MARMUR/AFP/Getty Images"): what ends a caption.
_CREDIT_RE = re.compile(
    r"^/?\s*(?:©|(?:photo|image|picture|video|credit|фото|відео|видео)\s*(?:[:©]|\s[–—-]\s)"
    r"|[\w .,'’-]{2,60}\s/\s*(?-i:[A-ZА-ЯІЇЄ][\w.-]*(?:\s[A-Z][\w.-]*)?)$"
    r"|(?-i:[A-ZА-ЯІЇЄ][\w '’-]{1,40}(?:/[A-ZА-ЯІЇЄ][\w '’-]{1,40}){1,3})$"
    # In brackets after the caption: "(AA Archive)", "(AP Photo/Mara Lind)".
    r"|\((?-i:[A-ZА-ЯІЇЄ][\w .,'’/&-]{0,50})\)\.?$)",
    _FLAGS,
)

# A photo's credit in brackets that closes its caption's paragraph.
_PHOTO_CREDIT_RE = re.compile(
    r"^\((?:[^()]*\b(?:photo|picture|image)\b[^()]*)\)\.?$", re.IGNORECASE
)

# A caption left on a line of its own when the page lost its picture and credit (English only):
# an agency caption's shape, a present-tense verb of what the picture shows and a closing place
# ("Local resident Tetiana holds her pets …, in Kherson, Ukraine."). 2026-12-07: it matched the
# one such caption of the 13 stories and none of BBC's 22,183 sentences or the WMT documents'.
# So is a short line with no verb ("Russian ship in the Black Sea."): 3 to 8 words, none of them
# a common verb (`_VERBS`: "Buses return to the route on Monday." has one) or a lower-case word
# with a verb's ending. On BBC it matches two paragraphs ("Predictable and laughable.",
# "Repealing the Hunting Bill."), neither in a reference summary; in the stories, one caption.
_PLACE = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*)*"
_PICTURED_RE = re.compile(
    r"^(?=.{0,400}$)[A-Z][^.]{0,80}?\b(?:holds?|stands?|walks?|looks?|sits?|gestures?|"
    r"speaks?|attends?|waits?|carries|poses?|prays?|reacts?|rides?|cries|mourns?|hugs?|"
    r"embraces?|inspects?|(?:is|are) seen|watch(?:es)?|arrives?|sweeps?|clears?)\b[^.]*"
    rf",\s+in\s+{_PLACE},\s+{_PLACE}(?:,\s+(?:on\s+)?[A-Z][a-z]+day)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.? \d{1,2}(?:,\s+\d{4})?)?\.?$"
)
_VERBS = frozenset(
    """be is are was were been being am have has had do does did will would can could may might
    must shall should say said says go goes went gone get gets got make makes made know knew known
    think thought take took taken see saw seen come came want look use find found give gave given
    tell told work call try ask need feel felt become became leave left put mean keep kept let
    begin began seem help talk turn start show hear heard play run ran move live believe hold held
    bring brought happen write wrote provide sit stand stood lose lost pay paid meet met include
    continue set learn change lead led understand watch follow stop create speak read allow add
    spend grow open walk win won offer remember love consider appear buy wait serve die sent send
    expect build stay fall fell cut reach kill remain suggest raise pass sell require report
    decide pull return rise rose drop claim deny face hit launch seize warn urge vow plan join
    fight attack strike sink sank sunk fire flee fled rescue""".split()
)
_VERB_ENDING = re.compile(r"(?:ed|ing|s)$")
_LATIN_ONLY = re.compile(r"^[\x00-\x7f‘’“”–—…]*$")


def is_lone_caption(sentence: str) -> bool:
    """Whether a paragraph of this one sentence is a picture's caption (`_PICTURED_RE`, or
    a short line with no verb)."""
    text = sentence.strip()
    if not text.endswith(".") or not _LATIN_ONLY.match(text):
        return False
    if _PICTURED_RE.match(text):
        return True
    words = _WORD_RE.findall(text)
    return 3 <= len(words) <= 8 and not any(
        word.lower() in _VERBS or (word[0].islower() and _VERB_ENDING.search(word))
        for word in words
    )


def caption_mask(sentences: Sequence[str], paragraphs: Sequence[int]) -> list[bool]:
    """For each sentence, whether it is a photo caption: the first sentence of a paragraph whose
    other sentences are all photo credits ("A tank with the Wagner Group's flag stands guard in
    Rostov-on-Don. Credit: AP"), or a paragraph of one sentence shaped as a caption
    (`is_lone_caption`). The caption tells what a picture shows, not what happened."""
    if len(paragraphs) != len(sentences):
        raise ValueError(f"{len(paragraphs)} paragraph numbers for {len(sentences)} sentences")
    out = [False] * len(sentences)
    start = 0
    while start < len(sentences):
        end = start + 1
        while end < len(sentences) and paragraphs[end] == paragraphs[start]:
            end += 1
        credits = (_CREDIT_RE.match(sentences[k].strip()) for k in range(start + 1, end))
        if end - start >= 2 and _PHOTO_CREDIT_RE.match(sentences[end - 1].strip()):
            # "(FILES) This undated handout picture … shows … – Two leaks have been … (Photo by
            # Handout / Nord Stream 2 AG / AFP)": a wire caption, every sentence of it.
            out[start:end] = [True] * (end - start)
        elif end - start >= 2 and all(credits):
            out[start] = True
        elif end - start == 1 and is_lone_caption(sentences[start]):
            out[start] = True
        start = end
    return out


def boilerplate_mask(sentences: list[str]) -> list[bool]:
    """For each sentence, whether it is boilerplate (sentence patterns plus the closing appeal)."""
    # A repeated sentence is judged once (a text of a million "Hi." lines: seconds, not tens).
    seen: dict[str, bool] = {}
    mask = []
    for sentence in sentences:
        verdict = seen.get(sentence)
        if verdict is None:
            if len(seen) >= 4096:
                seen.clear()  # bounded; the verdict never depends on what is remembered
            verdict = seen[sentence] = is_boilerplate(sentence)
        mask.append(verdict)
    half = len(sentences) // 2
    for index in range(half, len(sentences)):
        if _APPEAL_START_RE.match(sentences[index].strip()):
            for rest in range(index, len(sentences)):
                mask[rest] = True
            break
    return mask
