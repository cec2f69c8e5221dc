"""`briefgen ingest` end to end: records written, summary line, exit codes, dry run, duplicates,
topics, and every kind of bad input failing alone with a clear message and nothing written."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from cli_kit import CliRunner, Result

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.model import Topic

from conftest import FIXTURES

PAGE = """Menu
Search
Harbour cranes idle as dock strike spreads to second port

The strike by dock workers spread to a second port on Monday, leaving cranes idle and ships \
waiting offshore.

Union leaders said the walkout would continue until operators improved their pay offer.

Operators said the dispute was costing the economy millions each day.

Share this article
"""


@pytest.fixture
def proj(project: Project) -> Project:
    """The scaffolded project with two topics."""
    project.store.save_topics(
        [
            Topic.validate(
                dict(
                    slug="ports", title="Port strike", keywords=("strike", "dock", "port", "union")
                )
            ),
            Topic.validate(
                dict(slug="weather", title="Storms", keywords=("storm", "rain", "flood", "wind"))
            ),
        ]
    )
    return project


def run(proj: Project, *args: str, input: bytes | None = None) -> Result:
    """Invoke `briefgen -C <project> ingest ...`."""
    return CliRunner().invoke(cli, ["-C", str(proj.root), "ingest", *args], input=input)


def files(proj: Project) -> list[str]:
    """Article files of the project, relative to content/articles."""
    base = proj.store.articles_dir
    return sorted(str(p.relative_to(base)) for p in base.glob("*/*.md"))


def write(tmp: Path, name: str, text: str | bytes) -> str:
    """Write a source file and return its path."""
    path = tmp / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return str(path)


def test_text_page_becomes_a_clean_record(proj: Project, tmp_path: Path) -> None:
    """A scraped page with --topic and --published is stored with title, sentences and metadata."""
    src = write(tmp_path, "page.txt", PAGE)
    result = run(proj, src, "--topic", "ports", "--published", "2026-03-02", "--publisher", "Wire")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "1 ingested, 0 skipped (duplicates), 0 failed"
    assert files(proj) == [
        "ports/2026-03-02-harbour-cranes-idle-as-dock-strike-spreads-to-second-port.md"
    ]
    article = proj.store.articles("ports")[0]
    assert article.title == "Harbour cranes idle as dock strike spreads to second port"
    assert article.published == dt.date(2026, 3, 2)
    assert article.published_basis == "given"
    assert article.published_evidence == "--published 2026-03-02"
    assert article.publisher == "Wire"
    assert article.noise_lines == 3
    assert [s.text for s in article.sentences] == [
        "The strike by dock workers spread to a second port on Monday, leaving cranes idle and "
        "ships waiting offshore.",
        "Union leaders said the walkout would continue until operators improved their pay offer.",
        "Operators said the dispute was costing the economy millions each day.",
    ]


def test_dry_run_prints_record_and_dropped_lines(proj: Project, tmp_path: Path) -> None:
    """--dry-run prints the record and every dropped line with its number, and writes nothing."""
    src = write(tmp_path, "page.txt", PAGE)
    result = run(proj, src, "--topic", "ports", "--published", "2026-03-02", "--dry-run")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "noise_lines: 3\n" in out
    assert "title: Harbour cranes idle as dock strike spreads to second port\n" in out
    assert "--- dropped 3 lines as noise:" in out
    assert "  line 1: [above the body (kicker, menu or standfirst without a sentence)] Menu" in out
    assert "  line 11: [share buttons] Share this article" in out
    assert out.splitlines()[-1].endswith("(dry run: nothing written)")
    assert files(proj) == []


def test_topic_matched_from_keywords_with_reason(proj: Project, tmp_path: Path) -> None:
    """Without --topic the one clearly matching topic is used and the reason is printed."""
    src = write(tmp_path, "page.txt", PAGE)
    result = run(proj, src, "--published", "2026-03-02")
    assert result.exit_code == 0, result.output
    assert "(topic ports: keywords strike (2), dock (2), port (2), union (1);" in result.stdout


def test_unmatched_or_ambiguous_topic_exits_2(proj: Project, tmp_path: Path) -> None:
    """An article no topic matches, or two topics match alike, exits 2 asking for --topic."""
    other = write(tmp_path, "other.txt", "A headline about cheese\n\nCheese prices rose again.\n")
    both = write(
        tmp_path,
        "both.txt",
        "Storm and strike\n\nA storm with heavy rain hit the port as the dock strike went on.\n",
    )
    for src, needle in ((other, "no topic's keywords match"), (both, "ambiguous")):
        result = run(proj, src, "--published", "2026-03-02")
        assert result.exit_code == 2
        assert needle in result.stderr and "pass --topic SLUG" in result.stderr
    assert files(proj) == []


def test_bad_topic_slugs_exit_2(proj: Project, tmp_path: Path) -> None:
    """An unknown --topic or one with path characters is a usage error naming --topic."""
    src = write(tmp_path, "page.txt", PAGE)
    unknown = run(proj, src, "--topic", "nope")
    assert unknown.exit_code == 2
    assert "Error: --topic: unknown topic 'nope' (known: ports, weather)" in unknown.stderr
    bad = run(proj, src, "--topic", "../etc")
    assert bad.exit_code == 2
    assert "Error: --topic: topic '../etc' is not valid" in bad.stderr
    assert files(proj) == []


def test_bad_inputs_fail_alone(proj: Project, tmp_path: Path) -> None:
    """Empty, PNG, 200 MB, sentence-less, broken HTML and missing sources each fail with a clear
    message naming the source; the good source still ingests; exit 1 and the summary counts."""
    good = write(tmp_path, "good.txt", PAGE)
    empty = write(tmp_path, "empty.txt", "  \n\n")
    png = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.seek(200 * 1024 * 1024 - 1)
        fh.write(b"\n")
    words = write(tmp_path, "words.txt", "apples\noranges\npears and plums\n")
    broken = write(tmp_path, "broken.html", (FIXTURES / "html" / "broken.html").read_text())
    missing = str(tmp_path / "missing.txt")
    result = run(
        proj, good, empty, png, str(huge), words, broken, missing, "--topic", "ports",
        "--published", "2026-03-02",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 ingested, 0 skipped (duplicates), 6 failed"
    errors = result.stderr.splitlines()
    assert errors == [
        f"Error: {empty}: source is empty",
        f"Error: {png}: binary file (a PNG image), not text or HTML",
        f"Error: {huge}: source is larger than the size cap of 20,000,000 bytes (max_source_bytes)",
        f"Error: {words}: no body sentences found: no line reads as prose (1 dropped as noise; "
        "see --dry-run)",
        f"Error: {broken}: no article text found in the HTML",
        f"Error: {missing}: no such file",
    ]
    assert files(proj) == [
        "ports/2026-03-02-harbour-cranes-idle-as-dock-strike-spreads-to-second-port.md"
    ]


def test_exact_duplicate_is_a_noop(proj: Project, tmp_path: Path) -> None:
    """The same article with different page noise is skipped as an exact duplicate; no write."""
    first = write(tmp_path, "a.txt", PAGE)
    again = write(tmp_path, "b.txt", "Advertisement\n" + PAGE + "\nTags: ports, strikes\n")
    assert run(proj, first, "--topic", "ports", "--published", "2026-03-02").exit_code == 0
    path = proj.store.article_paths("ports")[0]
    before = path.read_bytes()
    result = run(proj, again, "--topic", "ports", "--published", "2026-03-03")
    assert result.exit_code == 0
    assert f"skipped {again}: same article as {path.stem} (exact duplicate); nothing written" in (
        result.stdout
    )
    assert result.stdout.splitlines()[-1] == "0 ingested, 1 skipped (duplicates), 0 failed"
    assert path.read_bytes() == before
    assert len(files(proj)) == 1


def test_near_duplicate_recorded_on_first(proj: Project, tmp_path: Path) -> None:
    """A syndicated copy with a small edit is recorded on the first article, not stored twice."""
    body = " ".join(
        f"Paragraph word{i} tells the strike story at the port again." for i in range(30)
    )
    first = write(tmp_path, "a.txt", f"Dock strike story headline here\n\n{body}\n")
    copy = write(
        tmp_path, "b.txt", f"Dock strike story headline here\n\n{body} One more line was added.\n"
    )
    assert run(proj, first, "--topic", "ports", "--published", "2026-03-02").exit_code == 0
    result = run(proj, copy, "--topic", "ports", "--url", "https://syndicate.example/x")
    assert result.exit_code == 0, result.output
    assert "near-duplicate of 2026-03-02-dock-strike-story-headline-here" in result.stdout
    assert len(files(proj)) == 1
    article = proj.store.articles("ports")[0]
    assert len(article.duplicates) == 1
    assert article.duplicates[0].url == "https://syndicate.example/x"
    assert 0.9 <= article.duplicates[0].similarity < 1


def test_stdin_and_folder_sources(proj: Project, tmp_path: Path) -> None:
    """`-` reads standard input; a folder ingests every file in it."""
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "one.txt", PAGE)
    write(folder, "two.txt", "Advertisement\n" + PAGE)
    result = run(proj, str(folder), "--topic", "ports", "--published", "2026-03-02")
    assert result.stdout.splitlines()[-1] == "1 ingested, 1 skipped (duplicates), 0 failed"
    other = PAGE.replace("second port", "third port").replace("millions", "billions")
    other = other.replace("Union leaders said", "Union leaders insisted") + (
        "\nA fourth paragraph makes the third port story different enough to stand alone.\n"
    )
    result = run(proj, "-", "--topic", "ports", "--published", "2026-03-04", input=other.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested - -> ")


def test_same_title_gets_collision_safe_id(proj: Project, tmp_path: Path) -> None:
    """Two different articles with the same headline and date get distinct ids."""
    a = write(
        tmp_path, "a.txt", "Same headline for both\n\nThe first story is about a port strike.\n"
    )
    b = write(
        tmp_path, "b.txt", "Same headline for both\n\nA second story, wholly unrelated, on docks.\n"
    )
    result = run(proj, a, b, "--topic", "ports", "--published", "2026-03-02")
    assert result.exit_code == 0, result.output
    assert files(proj) == [
        "ports/2026-03-02-same-headline-for-both-2.md",
        "ports/2026-03-02-same-headline-for-both.md",
    ]


def test_no_date_fails_never_today(proj: Project, tmp_path: Path) -> None:
    """A page with no date anywhere fails asking for --published; the ingest day is never used."""
    src = write(tmp_path, "page.txt", PAGE)
    result = run(proj, src, "--topic", "ports")
    assert result.exit_code == 1
    assert "no publication date" in result.stderr and "--published" in result.stderr
    assert files(proj) == []


def test_bad_published_option(proj: Project, tmp_path: Path) -> None:
    """A --published that is not YYYY-MM-DD is a usage error."""
    src = write(tmp_path, "page.txt", PAGE)
    result = run(proj, src, "--topic", "ports", "--published", "5 Nov")
    assert result.exit_code == 2
    assert "Error: --published: '5 Nov' is not a date (use YYYY-MM-DD)" in result.stderr


def test_html_file_metadata(proj: Project, tmp_path: Path) -> None:
    """An HTML file yields title, author, site name, canonical URL, language and metadata date."""
    src = str(FIXTURES / "html" / "article.html")
    proj.store.save_topics(
        [Topic.validate(dict(slug="ferries", title="Ferries", keywords=("ferry", "pier")))]
    )
    result = run(proj, src)
    assert result.exit_code == 0, result.output
    article = proj.store.articles("ferries")[0]
    assert article.id == "2025-03-14-ferry-service-resumes-after-storm-damage"
    assert (article.author, article.publisher, article.language) == (
        "Amira Haddad", "Harbour Times", "en",
    )  # fmt: skip
    assert article.url == "https://harbour.example/news/ferry-service-resumes"
    assert article.published_basis == "metadata"
    assert len(article.sentences) == 5
    assert all("Photo" not in s.text and "Share" not in s.text for s in article.sentences)


def test_seeds_example_content(proj: Project) -> None:
    """Both seeds ingest into one topic with the basis recorded; 002's date can be inferred once
    000 gives the topic a year."""
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    assert len(seeds) == 2
    proj.store.save_topics(
        [Topic.validate(dict(slug="af-pk", title="AF-PK", keywords=("afghanistan", "kabul")))]
    )
    assert run(proj, str(seeds[0]), "--published", "2025-10-24").exit_code == 0
    result = run(proj, str(seeds[1]))
    assert result.exit_code == 0, result.output
    second = next(a for a in proj.store.articles("af-pk") if a.published_basis == "inferred")
    assert second.published == dt.date(2025, 10, 20)
    assert second.published_evidence is not None
    assert '"October 19"' in second.published_evidence
    assert "from the topic's other articles (latest 2025-10-24)" in second.published_evidence
    assert "last week" in second.published_evidence
    assert os.path.basename(proj.store.article_paths("af-pk")[0]).startswith("2025-10-20-")


def test_title_and_year_options(proj: Project, tmp_path: Path) -> None:
    """--title overrides the headline (and the id); --year completes a year-less stated date."""
    page = PAGE.replace("Search\n", "Search\nPublished on 2 March\n")
    src = write(tmp_path, "page.txt", page)
    result = run(
        proj, src, "--topic", "ports", "--year", "2026", "--title", "Ports at a standstill"
    )
    assert result.exit_code == 0, result.output
    (article,) = proj.store.articles("ports")
    assert article.id == "2026-03-02-ports-at-a-standstill"
    assert article.title == "Ports at a standstill"
    assert (article.published_basis, article.published_evidence) == (
        "stated",
        'line 3: "Published on 2 March" (year 2026 from --year)',
    )


def test_dry_run_on_a_failing_page_prints_the_record_so_far(proj: Project, tmp_path: Path) -> None:
    """--dry-run on a page with no date still prints the cleaned record so far and every
    dropped line with its reason; the error goes to stderr, exit 1, nothing written."""
    src = write(
        tmp_path,
        "nodate.txt",
        "Menu\nDock strike spreads to second port\nBy Jane Doe\n"
        "GENEVA: Dock workers at a second port joined the strike over pay and cranes.\n"
        "Share this\n",
    )
    result = run(proj, src, "--topic", "ports", "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {src}: no publication date")
    assert result.stdout.splitlines() == [
        f"--- {src}: failed; the record so far (dry run, nothing written)",
        "title: Dock strike spreads to second port",
        "publisher: (none)",
        "author: Jane Doe",
        "url: (none)",
        "dateline: GENEVA: (place Geneva, agency None, date None)",
        "date lines: (none)",
        "body: 1 paragraph(s)",
        "  Dock workers at a second port joined the strike over pay and cranes.",
        "--- dropped 3 lines as noise:",
        "  line 1: [above the body (kicker, menu or standfirst without a sentence)] Menu",
        "  line 3: [byline] By Jane Doe",
        "  line 5: [share buttons] Share this",
        "0 ingested, 0 skipped (duplicates), 1 failed (dry run: nothing written)",
    ]
    assert files(proj) == []
