"""``briefgen init``: scaffold a new briefing project in which every other command works.

Besides the site configuration and the content folders, a project is ready for review and
publishing on GitHub: ``.github/workflows/review.yml`` (pull requests: ``briefgen check`` and the
``briefgen diff`` report as a sticky comment), ``.github/workflows/publish.yml`` (``briefgen build
--frozen`` to GitHub Pages, ``site_url`` from the Pages configuration) and a
``.pre-commit-config.yaml`` running the ``briefgen-check`` hook. All three pin briefgen to the
version that wrote them (:data:`briefgen.__version__`), so a project upgrades on purpose.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from briefgen import __version__
from briefgen.errors import UsageError
from briefgen.schemas import SCHEMA_NAMES, json_schema
from briefgen.store import atomic_write

_SKELETON = resources.files("briefgen") / "skeleton"


def _skeleton(name: str) -> str:
    return (_SKELETON / name).read_text(encoding="utf-8")


def _pinned(name: str) -> str:
    """A skeleton file with ``@BRIEFGEN_VERSION@`` replaced by the installed version."""
    return _skeleton(name).replace("@BRIEFGEN_VERSION@", __version__)


def scaffold_files(title: str) -> dict[str, str]:
    """Relative path -> text of every file ``init`` writes."""
    safe_title = title.replace('"', "'")
    files = {
        "mkdocs.yml": _skeleton("mkdocs.yml").replace("{title}", f'"{safe_title}"'),
        ".gitignore": _skeleton("gitignore"),
        "templates/README.md": _skeleton("templates-README.md"),
        ".github/workflows/review.yml": _pinned("review.yml"),
        ".github/workflows/publish.yml": _pinned("publish.yml"),
        ".pre-commit-config.yaml": _pinned("pre-commit-config.yaml"),
        "content/topics.yaml": "topics: []\n",
        "docs/.gitkeep": "",
        "content/articles/.gitkeep": "",
        "content/briefings/.gitkeep": "",
        "content/editions/.gitkeep": "",
    }
    for name in SCHEMA_NAMES:
        files[f"schemas/{name}.schema.json"] = json_schema(name)
    return files


def init_project(directory: Path, title: str = "Briefings") -> list[Path]:
    """Create a project in ``directory``; refuse if one (mkdocs.yml or content/) already exists."""
    directory = Path(directory)
    for marker in ("mkdocs.yml", "content"):
        if (directory / marker).exists():
            raise UsageError(
                f"{directory / marker} already exists: refusing to overwrite an existing project"
            )
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a directory")
    written = []
    for rel, text in sorted(scaffold_files(title).items()):
        path = directory / rel
        atomic_write(path, text)
        written.append(path)
    return written
