"""Line features that mark page noise in scraped text: general web vocabulary and shapes only.

Each rule looks at one line on its own (length, punctuation, digits, call-to-action and link-list
phrasing, credits, bylines, date labels). Rules that need the page as a whole (repetition, position
relative to the body, the headline) live in :mod:`briefgen.ingest.text`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefgen.nlp.boilerplate import (
    addresses_reader,
    call_to_action,
    core_call_to_action,
    furniture,
    has_url,
)
from briefgen.nlp.patterns import Gated, lazy
from briefgen.nlp.similarity import words

_END = lazy(r"[.!?…。！？][\"'”’»)\]」』）]*$")
_TERMINALS = frozenset(".!?…。！？")
_CLOSERS = "\"'”’»)]」』）"
# Scripts written without spaces between words (Chinese, Japanese): two characters count as a word
_UNSPACED = lazy(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_INNER_END = lazy(r"[a-z0-9)”\"'][.!?][\"'”’]?\s+[\"“‘(]?[A-Z]")
_TRUNCATED = lazy(r"(?:\.\.\.|…)\s*$")
# "[a-z]{2,}[A-Z][a-z]", tried only where a lower-case run starts (or restarts after a match):
# a try inside a run ends where the try at its start ended, so skipping it changes no match and
# keeps findall linear on a long lower-case token (plain, it rescans the run from every letter).
_GLUED = lazy(r"(?<![a-z][a-z])[a-z]{2,}[A-Z][a-z]")
_DIGITS = lazy(r"\d")
_LETTERS = lazy(r"[^\W\d_]")
_RELATED_PREFIX = lazy(
    r"^(?:read (?:more|also|next)|also read|see also|see more|also|related(?: posts?| stories"
    r"| articles?| coverage| content)?|more|watch|listen|recommended|must read|don'?t miss"
    r"|trending|latest|contributing|popular on)\b\s*[:|»>–-]",
    re.IGNORECASE,
)
_LIST_HEADING = lazy(
    r"\b(?:related|latest|more|most|popular|trending|recommended|also|top|similar|further|more"
    r"|miss|picks|next|watch|videos?|stories|articles|headlines|reads?|news|like this|for you"
    r"|you may|you might|elsewhere)\b",
    re.IGNORECASE,
)
_AD = lazy(
    r"^(?:advertisement|advertising|ad|ads|sponsored(?: content)?|promoted(?: content)?"
    r"|paid (?:content|post)|partner content|continue reading(?: below)?)\W*$",
    re.IGNORECASE,
)
_DATE_LABEL = lazy(
    r"^(?P<label>published|posted|updated|last updated|first published|last modified|modified"
    r"|date|dated|released|today['’]s (?:paper|edition)|print edition|today|printed|accessed)\b"
    r"\s*(?:on|at|:|\|)?\s*",
    re.IGNORECASE,
)
_READ_TIME = lazy(
    r"^(?:\d+\s*(?:min(?:ute)?s?|hours?|hrs?)\s*(?:read|ago|listen)|\d+\s*(?:comments?|shares?"
    r"|views?|likes?)|\d+\s*(?:of|/)\s*\d+)\b\W*$",
    re.IGNORECASE,
)
_BYLINE = lazy(
    r"^(?:by|written by|words by|author|authors|reporter|story by|text by)\s*[:|]?\s+"
    r"(?P<name>[^\W\d_][\w.'’ -]{1,60}?)\s*(?:[,|–-].*)?$",
    re.IGNORECASE,
)
_TAGS = lazy(
    r"^(?:tags?|topics?|filed under|categor(?:y|ies)|keywords|related topics|posted in|section)"
    r"\s*:",
    re.IGNORECASE,
)
_CREDIT = Gated(
    r"(?:^(?:photo|image|picture|video|file photo|caption|credit|source|illustration)s?"
    r"(?: credit)?\s*[:|/]"
    r"|[(\[]\s*(?:photo|image|picture|file photo)s?\s*(?::|by)[^)\]]{2,60}[)\]]\s*$"
    r"|\b(?:photo|image|picture)s?\s*:\s*[^.]{2,60}$"
    r"|[/|]\s*(?:reuters|afp|ap|epa|getty|bloomberg|anadolu|xinhua|efe|dpa|ani|pti)\b[^.]{0,20}$"
    r"|[(\[]\s*(?:reuters|afp|ap|epa|getty(?: images)?|bloomberg|anadolu|xinhua|efe|dpa|ani|pti)"
    r"\s*/[^)\]]{2,40}[)\]]\s*$"
    r"|(?:^|\s)(?:reuters|afp|ap|epa|getty images|bloomberg|anadolu|xinhua|efe|dpa|ani|pti)"
    r"/[^\W\d_][\w.'’ -]{1,40}$"
    r"|\b(?:submitted|courtesy|file|staff|handout|contributed) (?:photo|image|picture)s?\W*$)",
    (
        "photo", "image", "picture", "video", "caption", "credit", "source", "illustration", "/",
        "|", "(", "[", "photo", "image", "picture",
    ),
    re.IGNORECASE,
)  # fmt: skip
_SHARE_WORDS = frozenset(
    "share shares sharing facebook twitter x whatsapp linkedin email e mail telegram reddit "
    "pinterest copy link print tweet messenger on this article story via the page save comment "
    "comments bluesky threads instagram youtube tiktok follow us".split()
)
_BIO = lazy(
    r"^(?:about the author\b|(?:[A-Z][\w.'’-]+ ){1,3}(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}"
    r"(?:reporter|correspondent|journalist|writer|editor|columnist|contributor|freelancer"
    r"|producer|photographer|author)\b)"
)


# A prose line this long that talks to the reader with a word calls to action also use
# ("contribute", "premium", "register") is advice in the article, not an appeal.
_LONG = 25
# A line this long is a paragraph of the article, whatever words it uses: boxes are short.
_PARAGRAPH = 60
_FOLLOW = lazy(r"^Follow\b")
_TAG = lazy(r"[#@]\w+")
_TOKEN = lazy(r"\S+")
# "[\w.+-]+@[\w-]+\.[\w.]{2,}" as a yes/no search, tried only at an "@": one character before it
# is all the first run needs, and "[\w-]++" cannot give back a "." (plain, the pattern rescans a
# long token from each of its characters).
_EMAIL = lazy(r"(?<=[\w.+-])@[\w-]++\.[\w.]{2}")
_SOCIAL = lazy(
    r"@\w|\b(?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky|mastodon"
    r"|telegram|whatsapp)\b",
    re.IGNORECASE,
)
_POST_SIGNATURE = lazy(
    r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}\s*$"
    r"|^A post shared by .{1,60}\(@[\w.]{1,30}\)"
)
_NAV = lazy(r"(?:\s[>›»|/]\s.*){2,}|^(?:[^\s>›»|/]+\s?[>›»|/]\s?){2,}")


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """Number of whitespace-separated tokens; in scripts written without spaces (Chinese,
    Japanese) every two characters count as one word."""
    n = len(text.split())
    if text.isascii():
        return n
    return max(n, len(_UNSPACED.findall(text)) // 2)


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


# Short words that headline style capitalises and running prose does not ("Fails To Rally In")
_HEADLINE_WORDS = frozenset(
    "To In Of For At On With After About From And Is Are By As Over Into Up Out Off Than Be "
    "Will Has Have Was Were But Or Not".split()
)


# A headline run into its summary with no stop between: a lower-case word, then a capitalised
# word that only opens sentences, then a lower-case word ("...for Republicans Even their own")
_GLUED_TEASER = lazy(
    r"[a-z0-9]\s+(?:The|This|Even|He|She|They|We|But|However|Now|Here|There|That|These"
    r"|Those|His|Her|Their)\s+[a-z]"
)


def _headline_case(text: str) -> bool:
    """Two or more mid-sentence short words capitalised in the first 20 words: a headline in
    title case run together with prose."""
    tokens = text.split(None, 20)[:20]
    hits = 0
    for j in range(1, len(tokens)):
        if tokens[j] in _HEADLINE_WORDS and tokens[j - 1][-1:] not in ".!?:":
            hits += 1
    return hits >= 2


def embedded_signature(text: str) -> bool:
    """The signature under an embedded post ("— Jane Doe (@jdoe) November 18, 2019", "A post
    shared by Jane (@jane) on ...") or a line carrying a post's picture link."""
    return bool(_POST_SIGNATURE.search(text)) or "pic.twitter.com/" in text


def _numeric(text: str) -> bool:
    """At most two words of letters, or two or more tokens with digits and no more than twice as
    many words ("DNB Bank AC # 0530 2294668", "Vipps: #557320"); not a headline with a number
    or two in it."""
    tokens = text.split()
    with_digits = sum(1 for t in tokens if _DIGITS.search(t))
    alpha = sum(1 for t in tokens if t.isalpha())
    return alpha <= 2 or (with_digits >= 2 and alpha <= 2 * with_digits)


def _no_tags(text: str) -> str:
    """Hashtags, handles and links replaced by a space (CamelCase in them is no menu text): what
    ``re.sub(r"[#@]\\w+|\\S*(?:://|www\\.)\\S*", " ", text)`` gives, token by token in linear
    time. Within a token the link branch is tried at its start and after each tag; it matches
    (the rest of the token) exactly when a "://" or "www." starts at or after that point."""
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        out.append(text[pos : m.start()])
        pos = m.end()
        last = max(token.rfind("://"), token.rfind("www."))
        at = 0
        while True:
            tag = _TAG.match(token, at)
            if tag is not None:
                out.append(" ")
                at = tag.end()
            elif 0 <= at <= last:
                out.append(" ")
                break
            else:
                out.append(_TAG.sub(" ", token[at:]))
                break
    out.append(text[pos:])
    return "".join(out)


def line_noise(text: str) -> str | None:
    """The reason ``text`` is page noise by its own features, or ``None`` when it may be body."""
    n = word_count(text)
    sentence = is_sentence_like(text)
    low = text.lower()
    if n <= 25 and _FOLLOW.match(text) and (n <= 4 or _SOCIAL.search(text) or has_url(low)):
        return "follow button"
    if n <= 25 and ((has_url(low) and (not sentence or n <= 3)) or _EMAIL.search(text)):
        return "web address or contact line"
    if not sentence and n <= 3 and text.isupper() and not _DIGITS.search(text):
        return "section label"
    if sentence and (_headline_case(text) or _GLUED_TEASER.search(text)):
        return "teaser (headline and summary run together)"
    if not sentence:
        letters = len(_LETTERS.findall(text))
        if letters == 0 or letters / max(1, len(text.replace(" ", ""))) < 0.35:
            return "numbers or symbols, not prose"
    if _AD.match(text) or _READ_TIME.match(text):
        return "advertisement or page counter"
    if furniture(text, low):
        return "page furniture (comments, credits, copyright)"
    if _truncated(text) and not _ends_sentence(text.rstrip(".… ")):
        return "truncated teaser"
    if not sentence and len(_DIGITS.findall(text)) >= 5 and n <= 12 and _numeric(text):
        return "numbers or account details"
    if _RELATED_PREFIX.match(text):
        return "related-story link"
    if _TAGS.match(text):
        return "tag list"
    if (not sentence or n <= 40) and _CREDIT.search(low, text):
        return "photo caption or credit"
    if n <= 12 and set(words(text)) <= _SHARE_WORDS:
        return "share buttons"
    if (
        n <= _PARAGRAPH
        and call_to_action(text, low)
        and (
            not sentence
            or n <= 6
            or (addresses_reader(text) and (n <= _LONG or core_call_to_action(text, low)))
        )
    ):
        return "call to action"
    if not sentence and _NAV.search(text):
        return "menu or breadcrumb"
    if not sentence and len(_GLUED.findall(_no_tags(text))) >= 2:
        return "run-together menu text"
    return None


def date_label(text: str) -> str | None:
    """The label of a date line ("published", "updated", "today"...), or ``None``."""
    m = _DATE_LABEL.match(text)
    return m.group("label").lower() if m and word_count(text) <= 14 else None


# Where a byline's name ends: a date or time stamp run on after it ("By Jane Doe Updated Nov 13")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_NAME_END = lazy(
    rf"\s+(?=(?:updated|published|posted)\b|(?:{_MONTHS})\.?\s+\d|\d"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)",
    re.IGNORECASE,
)
# Bylines that name no one ("Our Correspondent", "Staff Reporter", "Web Desk")
_STAFF = lazy(
    r"^(?:by\s+)?(?:(?:our|a|from our)\s+(?:special\s+|staff\s+|own\s+|foreign\s+)?"
    r"|(?:special|staff|foreign)\s+)(?:correspondent|reporter|writer)s?$",
    re.IGNORECASE,
)


def byline(text: str) -> str | None:
    """The author named by a byline ("By Jane Doe"), without a date run on after it."""
    if word_count(text) > 10 or is_sentence_like(text):
        return None
    if _STAFF.match(text.strip()):
        return " ".join(text.split()).removeprefix("By ").removeprefix("by ")
    m = _BYLINE.match(text)
    if not m:
        return None
    name = _NAME_END.split(m.group("name"), maxsplit=1)[0].strip(" .,-")
    return name or None


def is_list_heading(text: str) -> bool:
    """A short heading that introduces a list of links ("Latest articles", "You may also like")."""
    n = word_count(text)
    return 1 <= n <= 6 and not _ends_sentence(text) and bool(_LIST_HEADING.search(text))


_COMMENTS_HEADING = lazy(
    r"^\W*(?:\d+\s+|top(?: rated)?\s+|reader\s+|show\s+|view\s+)?(?:comments?|replies|responses"
    r"|discussion|leave a (?:comment|reply)|post a comment|join the (?:discussion|conversation))"
    r"\b(?:\s*\(?\d+\)?)?\W*$",
    re.IGNORECASE,
)


_SOURCE = lazy(r"^source\s*:\s*(?P<name>[^\W\d_][^.:;|]{1,40}?)\s*\.?$", re.IGNORECASE)
_BOUNDARY = lazy(r"[.!?…。！？][\"'”’»)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


def source_credit(text: str) -> str | None:
    """The publisher a "Source: Reuters" credit line names, or ``None``."""
    m = _SOURCE.match(text.strip())
    return m.group("name").strip() if m and word_count(text) <= 6 else None


def cut_fragment(text: str) -> tuple[str, str] | None:
    """A text cut off mid-sentence: (its complete sentences, the cut fragment); ``None`` when it
    ends a sentence or a bracket, holds no complete sentence of four words, or is a truncated
    teaser."""
    if _ends_sentence(text) or _truncated(text):
        return None
    ends = list(_BOUNDARY.finditer(text))
    if not ends:
        return None
    tail = text[ends[-1].end() :]
    head = text[: ends[-1].end()].rstrip()
    if word_count(head) < 4 or not tail or not tail.rstrip()[-1:].isalnum():
        return None
    return head, tail


def is_comments_heading(text: str) -> bool:
    """A heading that opens the reader comments ("Comments", "12 comments", "Leave a Reply")."""
    return word_count(text) <= 5 and bool(_COMMENTS_HEADING.match(text))


def is_bio(text: str) -> bool:
    """An author biography line ("Jane Doe is a reporter covering ...")."""
    return bool(_BIO.match(text))
