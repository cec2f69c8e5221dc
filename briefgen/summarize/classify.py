"""Section classification of one sentence: background, status, stakes or other.

Each section gets a score from the general cues of :mod:`briefgen.summarize.cues`; the highest wins.
"other" is for sentences that are not statements about the situation: web boilerplate (donation
appeals, navigation), quote fragments, questions, condolences in the first person, captions without
a full stop. The weights were set on the labeled set in ``tests/fixtures/labeled/`` (Timeline17
articles and test fixtures), never on the seed articles.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from briefgen.summarize.cues import Cues, cues, surface_noise

Label = Literal["background", "status", "stakes", "other"]
LABELS: tuple[Label, ...] = ("background", "status", "stakes", "other")
_TIE_ORDER: tuple[Label, ...] = ("status", "background", "stakes", "other")


class Classification(msgspec.Struct, frozen=True):
    """A sentence's label, the confidence margin over the runner-up, and the cues behind it."""

    label: Label
    confidence: float
    cues: Cues


def is_noise(c: Cues) -> bool:
    """Web boilerplate, fragments and asides that never make a statement."""
    return c.noise


class Weights(msgspec.Struct, frozen=True):
    """How much each cue counts toward each section (set on the labeled set, see module doc)."""

    status_base: float = 0.5
    lead: float = 0.7
    early: float = 0.3
    recent: float = 0.7
    progressive: float = 0.5
    perfect: float = 0.6
    present: float = 0.4
    past_near: float = 0.5
    future: float = 0.6
    past_far: float = 1.4
    pluperfect: float = 1.2
    history: float = 0.8
    late: float = 0.3
    past: float = 0.2
    anti_future: float = 0.5
    anti_progressive: float = 0.4
    risk_any: float = 0.9
    risk_each: float = 0.4
    modal: float = 0.6
    conditional: float = 0.9
    goal: float = 0.7
    anti_recent: float = 0.4
    first_person: float = 1.2
    unterminated: float = 0.8


WEIGHTS = Weights()


def scores(c: Cues, w: Weights = WEIGHTS) -> dict[Label, float]:
    """The evidence for each section (higher is stronger)."""
    lead = c.position <= 2
    early = c.position <= max(3, c.of // 4)
    late = c.position > max(3, c.of // 2)
    ahead = c.future or c.scheduled
    status = w.status_base + (w.lead if lead else w.early if early else 0.0)
    status += w.recent * c.recent + w.progressive * c.progressive + w.perfect * c.perfect
    status += w.present * c.present + w.past_near * c.past_near + w.future * ahead
    background = w.past_far * c.past_far + w.pluperfect * c.pluperfect
    background += w.history * min(c.history, 2) + w.late * late
    background += w.past * min(c.past, 3) * (not c.recent and not c.perfect)
    background -= w.anti_future * ahead + w.anti_progressive * c.progressive
    stakes = w.risk_any * (c.risk > 0) + w.risk_each * min(c.risk, 3) + w.modal * min(c.modal, 2)
    stakes += w.conditional * c.conditional + w.goal * min(c.goal, 2) - w.anti_recent * c.recent
    other = w.first_person * (c.first_person and not c.attribution)
    other += w.unterminated * c.unterminated
    return {"background": background, "status": status, "stakes": stakes, "other": other}


def classify_cues(c: Cues, w: Weights = WEIGHTS) -> Classification:
    """Label a sentence from its cues; noise is always ``other``."""
    if is_noise(c):
        return Classification("other", 1.0, c)
    s = scores(c, w)
    ranked = sorted(LABELS, key=lambda k: (-s[k], _TIE_ORDER.index(k)))
    best, second = ranked[0], ranked[1]
    return Classification(best, round(s[best] - s[second], 6), c)


def classify(
    text: str,
    published: dt.date,
    position: int,
    of: int,
    *,
    day_first: bool = True,
    toks: list[str] | None = None,
) -> Classification:
    """Label ``text`` (sentence ``position`` of ``of``, published on ``published``)."""
    return classify_cues(cues(text, published, position, of, day_first=day_first, toks=toks))


def is_noise_text(text: str, published: dt.date) -> bool:
    """True when ``text`` is boilerplate or a fragment (cheap: stops at the surface cues)."""
    return surface_noise(text)
