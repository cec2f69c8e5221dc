"""The help pages of :mod:`briefgen.cliparse`, laid out as click laid them out: the usage line,
the command's text rewrapped to the terminal (at most 100 columns), then the options and the
subcommands as two-column lists. Imported only when a help page is shown."""

from __future__ import annotations

from shutil import get_terminal_size
from textwrap import TextWrapper


def _width() -> int:
    return max(min(get_terminal_size().columns, 100) - 2, 50)


def usage(path: str, usage_args: str, width: int | None = None) -> str:
    """``Usage: briefgen init [OPTIONS] DIRECTORY``, wrapped to the terminal as click wrapped it."""
    width = _width() if width is None else width
    prefix = f"Usage: {path} "
    if width >= len(prefix) + 20:
        return _wrap(usage_args, width, prefix)
    # click's layout for a long command path: the arguments on the next line
    return prefix + "\n" + _wrap(usage_args, width, " " * 11)


def help_page(
    path: str,
    usage_args: str,
    text: str,
    options: list[tuple[str, str]],
    commands: list[tuple[str, str]],
) -> str:
    """The page: ``Usage: <path> <usage_args>``, ``text``, ``Options:`` and, for a group,
    ``Commands:`` with each one's first sentence (``commands``: name and full help text)."""
    width = _width()
    out = [usage(path, usage_args, width)]
    if text:
        out += ["", _paragraphs(text, width, "  ")]
    out += ["", "Options:", _dl(options, width)]
    if commands:
        limit = width - 6 - max(len(name) for name, _ in commands)
        shorts = [(name, _short_help(help, limit)) for name, help in commands]
        out += ["", "Commands:", _dl(shorts, width)]
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int, first: str = "", rest: str | None = None) -> str:
    indent = " " * len(first) if rest is None else rest
    wrapper = TextWrapper(
        width, initial_indent=first, subsequent_indent=indent, replace_whitespace=False
    )
    return wrapper.fill(text.expandtabs())


def _paragraphs(text: str, width: int, indent: str = "") -> str:
    """Each paragraph (blank-line separated) rewrapped to ``width``, as click's help does."""
    paragraphs = [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(_wrap(p.strip(), width, indent, indent) for p in paragraphs)


def _dl(rows: list[tuple[str, str]], width: int, indent: int = 2) -> str:
    """click's two-column definition list (options, commands)."""
    first_col = min(max(len(first) for first, _ in rows), 30) + 2
    lines = []
    for first, second in rows:
        line = " " * indent + first
        if not second:
            lines.append(line)
            continue
        if len(first) <= first_col - 2:
            line += " " * (first_col - len(first))
        else:
            lines.append(line)
            line = " " * (first_col + indent)
        wrapped = _paragraphs(second, max(width - first_col - 2, 10)).splitlines()
        lines.append(line + wrapped[0])
        lines += [" " * (first_col + indent) + w if w else "" for w in wrapped[1:]]
    return "\n".join(lines)


def _short_help(help: str, limit: int) -> str:
    """The first sentence of a command's help, cut to ``limit`` characters (click's rule)."""
    words = help.split("\n\n", 1)[0].split()
    total = 0
    for i, word in enumerate(words):
        total += len(word) + (i > 0)
        if total > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
        if total == limit and i != len(words) - 1:
            break
    else:
        return " ".join(words)
    total += 3
    while i > 0:
        total -= len(words[i]) + (i > 0)
        if total <= limit:
            break
        i -= 1
    return " ".join(words[:i]) + "..."
