"""``briefgen serve``: ``mkdocs serve`` on the project's config, with live reload."""

from __future__ import annotations

from briefgen.app.project import Project
from briefgen.publish.serve import serve_site


def serve(project: Project, dev_addr: str) -> None:
    """Serve the working edition until interrupted (Ctrl-C)."""
    serve_site(project.config_file, project.site.docs_dir, dev_addr)
