"""Rules for the text of a cell that no schema language states: no markup, one line, one script per word.

Data text reaches HTML pages, MyST pages, PDF handouts and slide decks; markup in a cell would be interpreted by
one of them (a raw HTML tag swallows a page; a MyST directive includes a file). So a cell holds plain text: every
markup language the book's formats understand is refused, not escaped. Identifiers and labels must not mix
look-alike letters of different scripts (``FDХ1`` with a Cyrillic Х is a different string from ``FDX1``).
"""

from __future__ import annotations

import re
import unicodedata

#: Markup of the formats a cell can land in, each with what it is called in the error message.
MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--|-->"), "an HTML comment"),
    (re.compile(r"<\s*/?\s*[A-Za-z!?]"), "an HTML tag (also when left unclosed)"),
    (re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"), "an HTML character reference"),
    (re.compile(r"`"), "a backtick (Markdown/MyST code, a code fence or a role)"),
    (re.compile(r"~~~|:::"), "a MyST fence"),
    (re.compile(r"\{\{|\}\}|\{[A-Za-z][\w:.+-]*\}"), "a MyST role, directive or substitution ({name})"),
    (re.compile(r"(^|\s)\.\.\s+(_|\[|\||[\w:-]+::)"), "a reStructuredText directive or target (.. name::)"),
    (re.compile(r"(^|\s):[\w:+-]+:(?=\S)"), "a reStructuredText role (:name:)"),
    (re.compile(r"\[[^\]]*\]\(|!\["), "a Markdown link or image ([text](address))"),
    (re.compile(r"\$\$|\$[^$\s][^$]*\$"), "math markup ($…$)"),
    (re.compile(r"\\[A-Za-z(\[]"), "a backslash command or escape"),
    (re.compile(r"(?i)\b(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript)\s*:"), "a javascript: address"),
    (re.compile(r"(?i)\bdata\s*:\s*[a-z]+/[\w.+-]+\s*[;,]"), "a data: address"),
    (re.compile(r"^(#{1,6}\s|>\s)"), "a Markdown heading or quotation"),
    (re.compile(r"\*\*|__|(?<![\w*])\*[^*\s][^*]*\*(?![\w*])"), "Markdown emphasis (*…*, **…**)"),
)

#: Letters of other scripts that look like Latin letters (Unicode confusables for the scripts near Latin).
LOOKALIKES = set("АВЕЅІЈКМНОРСТХУѴԁаеіјосрхуѕһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοϲϳ")


def markup(text: str) -> str | None:
    """What kind of markup ``text`` holds, or None."""
    for pattern, what in MARKUP:
        if pattern.search(text):
            return what
    return None


def invisible(text: str) -> str | None:
    """The first control, format (zero-width, bidirectional) or private-use character, as ``U+XXXX NAME``."""
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") and ch not in "\n\r":
            return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}"
    return None


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "UNKNOWN")
    return name.split()[0]


def mixed_script(text: str) -> str | None:
    """A word that mixes look-alike letters of different scripts, explained; None when every word is clean.

    Greek beside Latin is the book's own usage (NF-κB, TNF-α), so only Greek letters that look like Latin ones
    count; a word of look-alike letters only (a Cyrillic ``ХОР``) counts too, and so do compatibility forms
    (fullwidth or mathematical letters, ligatures).
    """
    for word in re.findall(r"[^\W_]+", text):
        letters = [ch for ch in word if ch.isalpha()]
        for ch in letters:
            if unicodedata.normalize("NFKC", ch) != ch:
                return (
                    f"{word!r} holds {ch!r} ({unicodedata.name(ch, '?')}), a compatibility form: type the plain letter"
                )
        scripts = {_script(ch) for ch in letters}
        if len(scripts) > 1 and not scripts <= {"LATIN", "GREEK"}:
            odd = next(ch for ch in letters if _script(ch) != "LATIN")
            return (
                f"{word!r} mixes {' and '.join(sorted(scripts))} letters ({odd!r} is {unicodedata.name(odd)}): "
                "retype the word in one script"
            )
        if "LATIN" in scripts or (letters and all(ch in LOOKALIKES for ch in letters)):
            odd_ones = [ch for ch in letters if ch in LOOKALIKES]
            if odd_ones:
                ch = odd_ones[0]
                return (
                    f"{word!r} holds {ch!r} ({unicodedata.name(ch)}), which looks like a Latin letter: "
                    "retype it as the Latin letter"
                )
    return None
