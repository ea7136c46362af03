"""Language codes: their English names, and which languages newsbrief translates.

The one home of these facts; detection, the model store, error messages, the pipeline and the
renderers all import them from here.
"""

from __future__ import annotations

# What detection says when it cannot tell (ISO 639-2's code for "undetermined").
UNDETERMINED = "und"

# The languages newsbrief translates into English: the ones it has models for.
TRANSLATABLE: tuple[str, ...] = ("ru", "uk")

# Every language detection can name; ISO 639-1 codes (langdetect's zh-cn / zh-tw kept as is).
# "und" is "undetermined", as ISO 639-2 names it (not "unknown": the language is not unknown to
# us, the text does not settle it).
NAMES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "kk": "Kazakh",
    "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian",
    "pa": "Punjabi", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh-cn": "Chinese (Simplified)", "zh-tw": "Chinese (Traditional)",
    UNDETERMINED: "undetermined",
}


def language_name(code: str) -> str:
    """English name of a language code ("be" → "Belarusian"); the code itself when unknown."""
    return NAMES.get(code, code)
