"""Line features that mark page noise in scraped text: general web vocabulary and shapes only.

Each rule looks at one line on its own (length, punctuation, digits, call-to-action and link-list
phrasing, credits, bylines, date labels). Rules that need the page as a whole (repetition, position
relative to the body, the headline) live in :mod:`briefgen.ingest.text`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefgen.nlp.boilerplate import addresses_reader, call_to_action, furniture
from briefgen.nlp.patterns import Gated
from briefgen.nlp.similarity import words

_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_TERMINALS = frozenset(".!?…")
_CLOSERS = "\"'”’»)]"
_INNER_END = re.compile(r"[a-z0-9)”\"'][.!?][\"'”’]?\s+[\"“‘(]?[A-Z]")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
_GLUED = re.compile(r"[a-z]{2,}[A-Z][a-z]")
_DIGITS = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]")
_RELATED_PREFIX = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related|more|watch|listen|recommended"
    r"|must read|don'?t miss|trending|latest)\b\s*[:|»>–-]",
    re.IGNORECASE,
)
_LIST_HEADING = re.compile(
    r"\b(?:related|latest|more|most|popular|trending|recommended|also|top|similar|further|more"
    r"|miss|picks|next|watch|videos?|stories|articles|headlines|reads?|news|like this|for you"
    r"|you may|you might|elsewhere)\b",
    re.IGNORECASE,
)
_AD = re.compile(
    r"^(?:advertisement|advertising|ad|ads|sponsored(?: content)?|promoted(?: content)?"
    r"|paid (?:content|post)|partner content|continue reading(?: below)?)\W*$",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^(?P<label>published|posted|updated|last updated|first published|last modified|modified"
    r"|date|dated|released|today['’]s (?:paper|edition)|print edition|today|printed|accessed)\b"
    r"\s*(?:on|at|:|\|)?\s*",
    re.IGNORECASE,
)
_READ_TIME = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|hours?|hrs?)\s*(?:read|ago|listen)|\d+\s*(?:comments?|shares?"
    r"|views?|likes?))\b\W*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|author|authors|reporter|story by|text by)\s*[:|]?\s+"
    r"(?P<name>[^\W\d_][\w.'’ -]{1,60}?)\s*(?:[,|–-].*)?$",
    re.IGNORECASE,
)
_TAGS = re.compile(
    r"^(?:tags?|topics?|filed under|categor(?:y|ies)|keywords|related topics|posted in|section)"
    r"\s*:",
    re.IGNORECASE,
)
_CREDIT = Gated(
    r"(?:^(?:photo|image|picture|video|file photo|caption|credit|source|illustration)s?"
    r"(?: credit)?\s*[:|/]"
    r"|[(\[]\s*(?:photo|image|picture|file photo)s?\s*(?::|by)[^)\]]{2,60}[)\]]\s*$"
    r"|\b(?:photo|image|picture)s?\s*:\s*[^.]{2,60}$"
    r"|[/|]\s*(?:reuters|afp|ap|epa|getty|bloomberg|anadolu|xinhua|efe|dpa|ani|pti)\b[^.]{0,20}$)",
    (
        "photo", "image", "picture", "video", "caption", "credit", "source", "illustration", "/",
        "|",
    ),
    re.IGNORECASE,
)  # fmt: skip
_SHARE_WORDS = frozenset(
    "share shares sharing facebook twitter x whatsapp linkedin email e mail telegram reddit "
    "pinterest copy link print tweet messenger on this article story via the page save comment "
    "comments bluesky threads instagram youtube tiktok follow us".split()
)
_BIO = re.compile(
    r"^(?:about the author\b|(?:[A-Z][\w.'’-]+ ){1,3}(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}"
    r"(?:reporter|correspondent|journalist|writer|editor|columnist|contributor|freelancer"
    r"|producer|photographer|author)\b)"
)


_NAV = re.compile(r"(?:\s[>›»|/]\s.*){2,}|^(?:[^\s>›»|/]+\s?[>›»|/]\s?){2,}")


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """Number of whitespace-separated tokens."""
    return len(text.split())


def _truncated(text: str) -> bool:
    """``_TRUNCATED.search(text)``: an ellipsis, then only whitespace, at the end."""
    return text.rstrip().endswith(("...", "…"))


def _ends_sentence(text: str) -> bool:
    """``_END.search(text)``: sentence punctuation, then only closing quotes or brackets, at the
    end (``$`` also matches before a final newline). Looks at the tail only."""
    if text.endswith("\n"):
        text = text[:-1]
    return text.rstrip(_CLOSERS)[-1:] in _TERMINALS


@lru_cache(maxsize=4096)
def is_sentence_like(text: str) -> bool:
    """A line that reads as prose: several words ending in sentence punctuation, or a long line
    with an inner sentence boundary. Truncated teasers ("...") are not prose."""
    if _truncated(text):
        return False
    n = word_count(text)
    if n >= 4 and _ends_sentence(text):
        return True
    return n >= 20 and bool(_INNER_END.search(text))


def line_noise(text: str) -> str | None:
    """The reason ``text`` is page noise by its own features, or ``None`` when it may be body."""
    n = word_count(text)
    sentence = is_sentence_like(text)
    if not sentence:
        letters = len(_LETTERS.findall(text))
        if letters == 0 or letters / max(1, len(text.replace(" ", ""))) < 0.35:
            return "numbers or symbols, not prose"
    if _AD.match(text) or _READ_TIME.match(text):
        return "advertisement or page counter"
    low = text.lower()
    if furniture(text, low):
        return "page furniture (comments, credits, copyright)"
    if _truncated(text) and not _ends_sentence(text.rstrip(".… ")):
        return "truncated teaser"
    if not sentence and len(_DIGITS.findall(text)) >= 5 and n <= 12:
        return "numbers or account details"
    if _RELATED_PREFIX.match(text):
        return "related-story link"
    if _TAGS.match(text):
        return "tag list"
    if (not sentence or n <= 40) and _CREDIT.search(low, text):
        return "photo caption or credit"
    if n <= 12 and set(words(text)) <= _SHARE_WORDS:
        return "share buttons"
    if call_to_action(text, low) and (not sentence or addresses_reader(text) or n <= 6):
        return "call to action"
    if not sentence and _NAV.search(text):
        return "menu or breadcrumb"
    if not sentence and len(_GLUED.findall(text)) >= 2:
        return "run-together menu text"
    return None


def date_label(text: str) -> str | None:
    """The label of a date line ("published", "updated", "today"...), or ``None``."""
    m = _DATE_LABEL.match(text)
    return m.group("label").lower() if m and word_count(text) <= 14 else None


def byline(text: str) -> str | None:
    """The author named by a byline ("By Jane Doe"), or ``None``."""
    if word_count(text) > 10 or is_sentence_like(text):
        return None
    m = _BYLINE.match(text)
    return m.group("name").strip() if m else None


def is_list_heading(text: str) -> bool:
    """A short heading that introduces a list of links ("Latest articles", "You may also like")."""
    n = word_count(text)
    return 1 <= n <= 6 and not _ends_sentence(text) and bool(_LIST_HEADING.search(text))


def is_bio(text: str) -> bool:
    """An author biography line ("Jane Doe is a reporter covering ...")."""
    return bool(_BIO.match(text))
