"""``briefgen serve``: ``mkdocs serve`` on the project's mkdocs.yml, with live reload."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError


def serve_site(config_file: Path, docs_dir: Path, dev_addr: str) -> None:
    """Serve the working edition with live reload until interrupted (Ctrl-C)."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    kwargs: dict[str, Any] = {"dev_addr": dev_addr}
    with tempfile.TemporaryDirectory(prefix="briefgen-docs-") as empty:
        if not docs_dir.is_dir():
            kwargs["docs_dir"] = str(Path(empty))
        try:
            serve(str(config_file), livereload=True, **kwargs)
        except MkDocsException as exc:
            raise BuildError(f"mkdocs serve: {exc}", file=config_file) from None
