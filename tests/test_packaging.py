"""The built wheel carries every data file the package reads at runtime."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _package_data() -> set[str]:
    """Every file under briefgen/ that is not Python source or bytecode, as a wheel path."""
    return {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "briefgen").rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    }


def test_wheel_holds_every_package_data_file(tmp_path: Path) -> None:
    """`pip wheel .` packs templates, assets, the init skeleton and py.typed (nothing left out)."""
    # A clean copy, so no stale *.egg-info or build/ of an earlier build supplies the file list.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "briefgen", src / "briefgen", ignore=shutil.ignore_patterns("__pycache__")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        timeout=600,
    )
    (wheel,) = (tmp_path / "dist").glob("briefgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = _package_data()
    assert {"briefgen/skeleton/mkdocs.yml", "briefgen/skeleton/gitignore"} <= data
    assert sorted(data - names) == []
