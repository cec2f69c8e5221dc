"""One test per extraction rule of issue 12, with the exact output."""

from __future__ import annotations

import pytest

from briefgen.ingest import noise
from briefgen.ingest.dateline import Dateline, split_dateline
from briefgen.ingest.html import _resplit, clean_html
from briefgen.ingest.text import clean_text


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        ("GENEVA: Aid convoys will resume next week.", Dateline("GENEVA:", "Geneva", None, None),
         "Aid convoys will resume next week."),
        ("NAIROBI, Kenya — March 3, 2024 — Teachers called off the strike.",
         Dateline("NAIROBI, Kenya — March 3, 2024 —", "Nairobi", None, "March 3, 2024"),
         "Teachers called off the strike."),
        ("(Syndicator- Agency) CITY, Mar 9 (Agency) -- Officials met again on Friday.",
         Dateline("(Syndicator- Agency) CITY, Mar 9 (Agency) --", "City", "Agency", "Mar 9"),
         "Officials met again on Friday."),
        ("Lagos, Mar 9 (Agency) Fuel queues returned to the city.",
         Dateline("Lagos, Mar 9 (Agency)", "Lagos", "Agency", "Mar 9"),
         "Fuel queues returned to the city."),
        ("ST. JOSEPH, Mich. (AP) — Health officials reported a sixth death.",
         Dateline("ST. JOSEPH, Mich. (AP) —", "St. Joseph", "AP", None),
         "Health officials reported a sixth death."),
        ("BREAKING: The Senate adjourned after the vote.", Dateline("BREAKING:", None, None, None),
         "The Senate adjourned after the vote."),
    ],
)  # fmt: skip
def test_dateline_is_cut_into_metadata(text: str, dateline: Dateline, rest: str) -> None:
    """Datelines and agency slugs leave the sentence and keep place, agency and stated date."""
    assert split_dateline(text) == (dateline, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the talks would resume.",
        "Paris, France is a city that many people visit.",
        "NATO - the alliance - met on Monday.",
        "Palm Bay (1-0): won again.",
        "The UN said: More talks are needed.",
    ],
)
def test_sentences_that_only_look_like_datelines_stay_whole(text: str) -> None:
    """A name opening an ordinary sentence, a bracket with digits, or a lower-case continuation
    is not a dateline."""
    assert split_dateline(text) == (None, text)


def test_dateline_date_joins_the_date_lines_and_agency_the_publisher() -> None:
    """The cut dateline's date is a 'dated' date line and its agency the publisher."""
    page = clean_text(
        "Oil slips as stocks drift\n\nLONDON, Nov 19 (Reuters) - Oil prices fell on Tuesday.\n"
    )
    assert page.paragraphs == ("Oil prices fell on Tuesday.",)
    assert page.publisher == "Reuters"
    assert [(d.line, d.text, d.label) for d in page.date_lines] == [(3, "Nov 19", "dated")]


def test_truncated_page_keeps_its_last_complete_sentence() -> None:
    """Only the cut fragment is dropped, with its reason and line."""
    page = clean_text(
        "Rail refunds promised\n\nThe operator said refunds would be paid to all passengers.\n"
        "Engineers replaced the signals. The rest of the work will take until the end of\n"
    )
    assert page.paragraphs == (
        "The operator said refunds would be paid to all passengers.",
        "Engineers replaced the signals.",
    )
    assert [(d.line, d.text, d.reason) for d in page.dropped] == [
        (4, "The rest of the work will take until the end of", "cut fragment of a truncated page")
    ]


def test_cut_fragment_leaves_complete_and_bracketed_endings() -> None:
    """A text ending a sentence, a bracket or a teaser ellipsis is not cut."""
    assert noise.cut_fragment("The talks resumed on Monday.") is None
    assert noise.cut_fragment("He said it was over. It’s Complicated [Bloomberg]") is None
    assert noise.cut_fragment("Read the full story here...") is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Follow", "follow button"),
        ("Follow us on Instagram", "follow button"),
        ("Follow Lena Fischer on Twitter", "follow button"),
        ("WORLD NEWS", "section label"),
        ("POLITICS", "section label"),
        ("Villagers wade through floodwater. REUTERS/Mohammad Ponir", "photo caption or credit"),
        ("Evacuees wait at a sports hall. (AFP/Daniel Roe)", "photo caption or credit"),
        ("Enter your email address", "call to action"),
        ("Save my name, email, and website in this browser for the next time I comment.",
         "page furniture (comments, credits, copyright)"),
        ("Harvick Fails To Rally Overmatched Ford In NASCAR Finale Ford flopped at the track.",
         "teaser (headline and summary run together)"),
        ("Storm knocks out power to 200,000 homes", None),
        ("DNB Bank AC # 0530 2294668", "numbers or account details"),
    ],
)  # fmt: skip
def test_line_rules(line: str, reason: str | None) -> None:
    """Each line-level rule gives its reason; body-like lines give none."""
    assert noise.line_noise(line) == reason


def test_embedded_post_signature_and_picture_link() -> None:
    """The signature under an embedded post and a post's picture link are dropped as such."""
    page = clean_text(
        "Minister resigns\n\nThe transport minister resigned on Wednesday after criticism.\n"
        "— Opposition Office (@OppositionHQ) May 14, 2025\n"
        "Opposition leaders called for a full inquiry into the contracts.\n"
    )
    assert [(d.line, d.reason) for d in page.dropped] == [
        (4, "embedded post (signature or picture link)")
    ]
    assert noise.embedded_signature("— Jane Doe (@jdoe) November 18, 2019")
    assert noise.embedded_signature("Use masks whenever needed pic.twitter.com/MYwRz9euaq")
    assert not noise.embedded_signature("Jane Doe said on Monday that masks work.")


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Umair Irfan Updated Nov 13, 2019", "Umair Irfan"),
        ("By Mary May", "Mary May"),
        ("Our Correspondent", "Our Correspondent"),
        ("Staff Reporter", "Staff Reporter"),
        ("Written by: Grace Mensah", "Grace Mensah"),
        ("Reporter", None),
    ],
)
def test_bylines(line: str, author: str | None) -> None:
    """Bylines name the author without a run-on date; bare menu words are not bylines."""
    assert noise.byline(line) == author


def test_headline_is_never_a_breadcrumb_byline_or_standfirst() -> None:
    """The headline skips 'Paris / Berlin', the byline and the longer standfirst below it."""
    page = clean_text(
        "Paris / Berlin\n\nMinisters agree energy plan\n\n"
        "France and Germany say the shared grid will lower prices\n\nBy Jane Doe\n\n"
        "France and Germany agreed on Tuesday to build shared power lines.\n"
    )
    assert (page.title, page.author) == ("Ministers agree energy plan", "Jane Doe")


def test_page_title_line_gives_headline_and_publisher() -> None:
    """A first line 'Headline - Site' (the HTML title) names the headline the page repeats and
    the publisher, even when the site name holds a hyphen."""
    page = clean_text(
        "Cat found far from home - San Antonio Express-News\n\nHome\n\nNews\n\n"
        "Cat found far from home\n\nA cat missing for a year was found 800 miles away.\n"
    )
    assert (page.title, page.publisher) == ("Cat found far from home", "San Antonio Express-News")


def test_main_text_drops_teaser_grid_and_comments() -> None:
    """Prose outside the main stretch (teasers with dates, comments after a comments heading)
    is dropped; subheadings inside the article are kept."""
    body = [
        "The council approved the harbour budget on Tuesday after a long and heated debate.",
        "Members said the money would pay for two new cranes and a wider quay for ferries.",
        "New cranes",
        "The first crane is expected to arrive in the spring, the port authority said today.",
    ]
    page = clean_text(
        "Harbour budget approved\n\n" + "\n\n".join(body) + "\n\n3 comments\n\nanna\n\n"
        "What a waste of money when the roads are full of potholes, I think.\n\nReply\n\n"
        "More news\n\nFerry strike ends\n\nNovember 19, 2019\n\n"
        "Ferry workers returned to work after a deal on pay was agreed late on Monday.\n"
    )
    assert list(page.paragraphs) == body


def test_html_path_keeps_what_trafilatura_kept() -> None:
    """On trafilatura's main text the second pass keeps subheadings, list items and repeated
    paragraphs, and still drops credits."""
    items = "".join(f"<li>Item number {n} on the list</li>" for n in range(3))
    html = (
        "<html><head><title>Recipe day</title></head><body><article><h1>Recipe day</h1>"
        "<p>The cooks met on Sunday to test the new recipes for the winter menu.</p>"
        "<h2>What you need</h2><ul>" + items + "</ul>"
        "<p>Everything was ready in under an hour, the head cook said afterwards.</p>"
        "<p>Photo: Jane Doe/Reuters</p></article></body></html>"
    )
    _, page = clean_html(html, "page.html")
    assert "What you need" in page.paragraphs
    assert [p for p in page.paragraphs if p.startswith("- Item")] == [
        "- Item number 0 on the list", "- Item number 1 on the list", "- Item number 2 on the list"
    ]  # fmt: skip
    assert "Photo: Jane Doe/Reuters" not in page.paragraphs


def test_one_line_extraction_is_cut_at_the_page_blocks() -> None:
    """trafilatura's paragraphs run into one line are cut again at the page's own blocks; a
    line the blocks do not make up exactly is left as it is."""
    blocks = "Menu\n\nFirst paragraph here.\n\nSecond paragraph here."
    assert _resplit("First paragraph here. Second paragraph here.", blocks) == (
        "First paragraph here.\n\nSecond paragraph here."
    )
    assert _resplit("Something else entirely.", blocks) == "Something else entirely."


def test_list_right_after_the_body_is_kept_menus_are_not() -> None:
    """A list that follows the last paragraph (a heading, then three or more items sharing a
    separator) belongs to the article; a menu of one-word items after it does not."""
    body = [
        "The band announced a 30-date tour on Monday, starting in Florida next June.",
        "Tickets go on sale to the general public on Friday at 10 a.m. local time.",
    ]
    tour = [
        "Tour dates",
        "June 9 – West Palm Beach, FL",
        "June 10 – Tampa, FL",
        "June 14 – Alpharetta, GA",
    ]
    page = clean_text(
        "Band sets anniversary tour\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(tour)
        + "\n\nHome\nMusic\nContact\n"
    )  # fmt: skip
    assert list(page.paragraphs) == body + tour
