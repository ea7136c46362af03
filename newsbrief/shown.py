r"""The one rule for showing an untrusted name: ids, file names, labels, model names.

A file name or a jsonl `id` can hold any character. Printed raw, `ESC ] 0 ; … BEL` retitles the
user's terminal and `ESC [ 2 J` clears it; U+202E (right-to-left override) makes `x\u202etxt.exe`
read as `xexe.txt`; a NUL ends a C string in whatever reads the output next. So every name that
reaches a person (a terminal line, stderr, a Markdown heading, an HTML page, an output file's
name) passes through `shown`, which writes those characters visibly as escapes:

- ESC as `\e`; any other C0 or C1 control, DEL and NUL as `\xNN` (`\t`, `\n`, `\r` by name);
- bidi controls and line/paragraph separators as `\uXXXX`;
- an undecodable file-name byte (a lone surrogate from Python's surrogateescape) as `\xNN`.

Everything else (Cyrillic, spaces, punctuation) is left as it is: the name stays readable. The
data itself (JSON values, the batch manifest) keeps the exact name; only what is shown changes.
`shown_message` applies the same rule to a whole stderr message but keeps its line breaks.
"""

from __future__ import annotations

import re

__all__ = ["shown", "shown_message", "unsafe"]

# C0, DEL, C1; bidi embeddings/overrides/isolates and marks; line and paragraph separators;
# lone surrogates (undecodable bytes of a file name).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_UNSAFE_IN_MESSAGE = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))
_NAMED = {"\x1b": "\\e", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def shown(name: str) -> str:
    """`name` as it may be shown anywhere: one line, no control or bidi character in it."""
    return _UNSAFE.sub(_escape, name)


def shown_message(message: str) -> str:
    """A message for stderr under the same rule, its own line breaks and tabs kept."""
    return _UNSAFE_IN_MESSAGE.sub(_escape, message)


def unsafe(name: str) -> bool:
    """Whether `shown` would change `name`."""
    return _UNSAFE.search(name) is not None
