"""Web boilerplate vocabulary shared by ingest (page-noise lines) and summarize (sentences that
never make a statement): page furniture, calls to action (donate, subscribe, newsletter, share,
cookies...), addresses to the reader, reported speech, web addresses and imperative appeals.

Pure functions over one string; no files, no topic words. Each stage composes them with its own
shape rules: ingest drops a call to action only when the line is not prose, is short, or talks to
the reader (:func:`briefgen.ingest.noise.line_noise`); summarize never states a sentence that
:func:`web_boilerplate` flags (:func:`briefgen.summarize.cues.cues`).
"""

from __future__ import annotations

import re

from briefgen.nlp.patterns import Gated, lazy

_I = re.IGNORECASE

# Phrases that are page furniture wherever they occur, even in a well-formed sentence.
_FURNITURE = Gated(
    r"\b(?:comments? (?:are|is) (?:closed|disabled)|all rights reserved|story continues below"
    r"|skip to (?:main )?content|privacy policy|terms (?:of|and conditions of) (?:use|service)"
    r"|cookie (?:policy|settings|preferences)|enable javascript|javascript is disabled"
    r"|reporting by|editing by|additional reporting|this (?:article|story) (?:was|is|has been) "
    r"(?:originally )?(?:published|updated|amended)|thanks? (?:you )?for reading"
    r"|getty images|shutterstock|(?:photo|image|picture)s? (?:credit|courtesy|by)\b"
    r"|next time i comment|notify me (?:of|via|when|if)|reduce spam|by submitting this form"
    r"|e-?mail address will not be published|required fields are marked"
    r"|this slideshow requires javascript|contributed (?:reporting )?to this (?:report|story)"
    r"|non-commercial use only|an error has occurred|please try again later)",
    (
        "comment", "rights", "continues", "skip", "privacy", "terms", "cookie", "javascript",
        "reporting", "editing", "this article", "this story", "for reading", "getty",
        "shutterstock", "photo", "image", "picture", "notify me", "spam", "submitting",
        "will not be published", "required fields", "contributed", "non-commercial",
        "error has occurred", "try again later",
    ),
    _I,
)  # fmt: skip

# Calls to action that are never news prose: boilerplate in any sentence.
_CTA_CORE = (
    r"donat(?:e|ion|ions|ing)|subscri(?:be|ption)|newsletters?|sign(?:ing)?\s+up|log\s?in"
    r"|follow\s+us|share\s+(?:this|on|via)|cookies?|advertisement"
)
_CTA_CORE_ANCHORS = (
    "donat", "subscri", "newsletter", "sign", "log", "follow", "share", "cookie", "advertisement",
)  # fmt: skip

_CORE_CALL = Gated(rf"\b(?:{_CTA_CORE})\b", _CTA_CORE_ANCHORS, _I)

# Calls to action whose words also occur in news ("register", "premium", "support the"): page
# noise only in a line that is not prose, is short, or talks to the reader.
_CALL_TO_ACTION = Gated(
    rf"\b(?:{_CTA_CORE}|sign in|register|contribut(?:e|ion|ions)|support(?:ing)? (?:us|our|the)"
    r"|join us|become a (?:member|subscriber)|click here|tap here|accept all|inbox"
    r"|download (?:our|the) app|premium|paywall|free trial|unlimited access|advertis(?:e|ing)"
    r"|sponsored|privacy|free articles?|you['’]ve read|articles? (?:left|remaining)"
    r"|already a (?:subscriber|member)|enter your e-?mail|e-?mail address|stay up to date"
    r"|successfully subscribed)\b",
    (
        *_CTA_CORE_ANCHORS, "register", "contribut", "support", "join", "become", "click", "tap",
        "accept", "inbox", "download", "premium", "paywall", "trial", "unlimited", "advertis",
        "sponsor", "privacy", "free article", "’ve read", "'ve read", "left", "remaining",
        "already", "enter your", "mail address", "up to date", "subscribed",
    ),
    _I,
)  # fmt: skip

# What summarize counts as boilerplate in any sentence: the core calls to action plus navigation,
# credits and copyright lines.
_WEB_BOILERPLATE = Gated(
    rf"\b(?:{_CTA_CORE}|click|read\s+more|all\s+rights\s+reserved|copyright"
    r"|support\s+(?:our|independent)\s+journalism|latest\s+(?:articles|news|stories)"
    r"|related\s+(?:articles|stories)|page\s+last\s+updated|published\s+on|photograph:)\b",
    (
        *_CTA_CORE_ANCHORS, "click", "read", "reserved", "copyright", "journalism", "latest",
        "related", "updated", "published", "photograph",
    ),
)  # fmt: skip

_APPEAL = lazy(
    r"^(?:Support|Donate|Subscribe|Join|Click|Tap|Sign\s+up|Follow|Share|Read|Watch|Listen|Download"
    r"|Register|Contact|Learn\s+more|Get\s+the|Don't\s+miss)\b"
)
_WEB_ADDRESS = lazy(r"(?:https?://|www\.)\S")

_REPORTING = r"said|says|told|added|according\s+to"
_REPORTING_ANCHORS = ("said", "says", "told", "added", "according")
_SPEECH = lazy(rf"\b(?:{_REPORTING}|asked)\b", _I)
_ATTRIBUTION = Gated(
    rf"\b(?:{_REPORTING}|announced|confirmed|reported|stated|warned)\b",
    (*_REPORTING_ANCHORS, "announced", "confirmed", "reported", "stated", "warned"),
)
_SECOND_PERSON = r"you|your|yours"
_READER = lazy(rf"\b(?:{_SECOND_PERSON}|we|us|our|ours)\b", _I)
_YOU = Gated(rf"\b(?:{_SECOND_PERSON})\b", ("you",))
_FIRST_PERSON = lazy(r"\b(?:I|I'm|[Mm]y|[Mm]e|[Ww]e|us|[Oo]ur)\b")
_QUOTE_MARK = lazy(r"[“”\"‘]")


def furniture(text: str, low: str | None = None) -> bool:
    """Page furniture wherever it stands: closed comments, copyright and legal links, cookie
    settings, agency and photo credits, "this article was amended" (``low``: ``text.lower()``)."""
    return _FURNITURE.search(text.lower() if low is None else low, text)


def call_to_action(text: str, low: str | None = None) -> bool:
    """Any call-to-action vocabulary, including words news prose also uses ("register",
    "premium"): a line-level signal to weigh with its shape, not a verdict."""
    return _CALL_TO_ACTION.search(text.lower() if low is None else low, text)


def core_call_to_action(text: str, low: str | None = None) -> bool:
    """Call-to-action vocabulary that is never news prose (donate, subscribe, newsletter, sign
    up, log in, follow us, share this, cookies, advertisement)."""
    return _CORE_CALL.search(text.lower() if low is None else low, text)


def web_boilerplate(text: str, low: str | None = None) -> bool:
    """Boilerplate in any sentence: page furniture, a call to action that is never news prose
    (donate, subscribe, newsletter, sign up, share this, cookies, advertisement), navigation and
    copyright lines, a web or e-mail address, or an imperative appeal opening the sentence."""
    low = text.lower() if low is None else low
    return (
        _WEB_BOILERPLATE.search(low)
        or furniture(text, low)
        or has_url(low)
        or _APPEAL.match(text.strip()) is not None
    )


def has_url(low: str) -> bool:
    """A web address or an e-mail address (checked only when one could be there): what
    ``(?:https?://|www\\.)\\S+|\\S+@\\S+\\.\\w+`` finds, in time linear in the text."""
    if "http" not in low and "www." not in low and "@" not in low:
        return False
    return _WEB_ADDRESS.search(low) is not None or ("@" in low and _email_like(low))


def _email_like(low: str) -> bool:
    """What ``\\S+@\\S+\\.\\w+`` finds (an "@" after a character, then a "." after another and
    before a word character, in one token), token by token: the regex rescans the rest of a
    token from every character, which takes minutes on one long token."""
    for token in low.split():
        at = token.find("@", 1)
        if at < 0:
            continue
        dot = token.find(".", at + 2)
        while 0 <= dot < len(token) - 1:
            nxt = token[dot + 1]
            if nxt.isalnum() or nxt == "_":
                return True
            dot = token.find(".", dot + 1)
    return False


def reported_speech(text: str) -> bool:
    """A speech verb (said, told, added, asked, according to): someone else is talking."""
    return _SPEECH.search(text) is not None


def attribution(low: str) -> bool:
    """Attribution in lower-cased ``low``: a speech verb or a reporting verb (announced,
    confirmed, reported, stated, warned)."""
    return _ATTRIBUTION.search(low)


def addresses_reader(text: str) -> bool:
    """Second person or first-person plural outside reported speech: the page talking to us."""
    return _READER.search(text) is not None and not reported_speech(text)


def second_person(low: str) -> bool:
    """ "you", "your" or "yours" in lower-cased ``low``."""
    return _YOU.search(low)


def first_person_unquoted(text: str) -> bool:
    """First person (I, my, me, we, us, our) in a text with no quotation mark: the writer
    speaking (appeals, opinion), not a quoted source."""
    return bool(_FIRST_PERSON.search(text)) and not _QUOTE_MARK.search(text)
