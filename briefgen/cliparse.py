"""The command-line machinery under :mod:`briefgen.cli`: commands and groups of typed options and
arguments, parsed by :mod:`argparse` (standard library, no click import at start-up).

argparse splits the words (options anywhere, ``--opt=value``, ``-jN``, ``--``); this module
declares the commands, converts and checks the values (types: :mod:`briefgen.clitypes`), and
writes the usage errors in the words the command line had under click (``Usage: ...``,
``Try 'briefgen CMD --help' for help.``, ``Error: No such option '--x'.``; exit 2) and its help
pages in click's layout (:mod:`briefgen.clihelp`), so that what users and scripts see did not
change.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from briefgen.clitypes import TEXT, BadValue, Kind

HELP = ("-h", "--help")
MARK = "\0"
"""Put before an option's value so that argparse never takes it for an option: no word on a
command line can hold a NUL character."""


class UsageFault(Exception):
    """A usage error: shown as click showed it (``Usage:`` and ``Try`` lines, unless ``bare``;
    then ``Error: <message>``), exit 2. ``command`` is the command whose usage is shown."""

    exit_code = 2

    def __init__(self, message: str, command: Command | None = None, *, bare: bool = False):
        super().__init__(message)
        self.message = message
        self.command = command
        self.bare = bare

    def show(self) -> str:
        """The text printed on stderr (no final newline)."""
        if self.bare or self.command is None:
            return f"Error: {self.message}"
        path = self.command.path
        return f"{self.command.usage()}\nTry '{path} --help' for help.\n\nError: {self.message}"


class Exit(Exception):
    """Leave with ``code`` after printing ``text`` (help, version) on stdout or stderr."""

    def __init__(self, code: int, text: str = "", *, err: bool = False) -> None:
        super().__init__(code)
        self.code = code
        self.text = text
        self.err = err


class Param:
    """An option (``flags`` set) or an argument (``flags`` empty). ``nargs``: words per value;
    -1 for an argument taking any number (``SOURCES...``). Plain slots (no dataclass or
    NamedTuple): building the command line costs no class generation at start-up."""

    __slots__ = (
        "default",
        "dest",
        "flag",
        "flags",
        "help",
        "kind",
        "metavar",
        "multiple",
        "nargs",
        "required",
        "show_default",
    )

    def __init__(
        self,
        dest: str,
        flags: tuple[str, ...] = (),
        *,
        kind: Kind = TEXT,
        help: str = "",
        default: Any = None,
        show_default: bool = False,
        required: bool = False,
        flag: bool = False,
        nargs: int = 1,
        multiple: bool = False,
        metavar: str | None = None,
    ) -> None:
        self.dest = dest
        self.flags = flags
        self.kind = kind
        self.help = help
        self.default = default
        self.show_default = show_default
        self.required = required
        self.flag = flag
        self.nargs = nargs
        self.multiple = multiple
        self.metavar = metavar

    @property
    def hint(self) -> str:
        """How errors name it: ``'-j' / '--jobs'`` or ``'DIRECTORY'``."""
        if self.flags:
            return " / ".join(repr(f) for f in self.flags)
        return repr(self.usage())

    def usage(self) -> str:
        """An argument in the usage line: ``DIRECTORY``, ``[BASE]``, ``[SOURCES]...``."""
        name = self.metavar or (self.kind.metavar if self.kind.metavar[0] == "[" else "")
        name = name or self.dest.upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def help_row(self) -> tuple[str, str]:
        """The option's line in the help page: ``-j, --jobs N`` and its text with notes."""
        flags = sorted(self.flags, key=lambda f: 1 if f.startswith("--") else 0)
        first = ", ".join(flags)
        if not self.flag:
            first += " " + (self.metavar or self.kind.metavar)
        notes = []
        if self.show_default and self.default is not None:
            notes.append(f"default: {self.default}")
        if self.kind.note:
            notes.append(self.kind.note)
        if self.required:
            notes.append("required")
        text = self.help
        if notes:
            text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
        return first, text


def option(*flags: str, dest: str | None = None, **spec: Any) -> Param:
    """An option; ``dest`` defaults to the longest flag's name (``--dry-run`` -> ``dry_run``)."""
    name = dest or max(flags, key=len).lstrip("-").replace("-", "_")
    return Param(name, flags, **spec)


def flag(*flags: str, help: str = "") -> Param:
    """An on/off option (``--force``)."""
    return option(*flags, flag=True, default=False, help=help)


def argument(name: str, **spec: Any) -> Param:
    """A positional argument (required unless ``required=False`` or ``nargs=-1``)."""
    spec.setdefault("required", spec.get("nargs", 1) == 1)
    return Param(name, **spec)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own checks; kept from exiting
        raise UsageFault(message)


class _Eager(argparse.Action):
    """``--help`` or ``--version``: the first one given wins, after the words parse."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        if getattr(namespace, "_eager", None) is None:
            namespace._eager = self.dest


class Command:
    """A command: a function called with the converted values of ``params``."""

    hidden = False

    def __init__(
        self,
        name: str,
        func: Callable[..., Any] | None,
        params: Sequence[Param],
        *,
        help: str = "",
        hidden: bool = False,
        pass_obj: bool = False,
        one_line_errors: bool = False,
    ) -> None:
        self.name = name
        self.one_line_errors = one_line_errors
        self.func = func
        self.params = list(params)
        self.doc = help or (func.__doc__ if func else "") or ""
        self.hidden = hidden
        self.pass_obj = pass_obj
        self.parent: Group | None = None

    @property
    def help(self) -> str:
        """The help text (the docstring, dedented)."""
        from inspect import cleandoc  # only for help pages: inspect costs ~4 ms to import

        return cleandoc(self.doc)

    @property
    def path(self) -> str:
        """``briefgen eval tls``."""
        return f"{self.parent.path} {self.name}" if self.parent else self.name

    def usage_args(self) -> str:
        return " ".join(["[OPTIONS]", *(p.usage() for p in self.params if not p.flags)])

    def usage(self) -> str:
        """The usage line(s) a usage error starts with."""
        from briefgen.clihelp import usage

        return usage(self.path, self.usage_args())

    def _parser(self) -> _Parser:
        parser = _Parser(prog=self.path, add_help=False, allow_abbrev=False, exit_on_error=False)
        parser.add_argument(*HELP, action=_Eager, nargs=0, dest="help")
        for p in self.params:
            if p.flag:
                parser.add_argument(*p.flags, action="store_true", dest=p.dest)
            elif p.flags:
                action = "append" if p.multiple else "store"
                nargs = p.nargs if p.nargs != 1 else None
                parser.add_argument(*p.flags, action=action, nargs=nargs, dest=p.dest)
            else:
                parser.add_argument(p.dest, nargs="*" if p.nargs == -1 else "?")
        return parser

    def _marked(self, args: list[str]) -> list[str]:
        """``args`` with each option value marked (:data:`MARK`), so that an option takes its
        next words whatever they look like (``--title -x``, ``--into SLUG -x``,
        ``--format --``: click's rule; argparse would take ``-x`` for an option). Stops at
        ``--`` (and, in a group, at the command)."""
        arity = {f: p.nargs for p in self.params if p.flags and not p.flag for f in p.flags}
        out: list[str] = []
        i = 0
        while i < len(args):
            word = args[i]
            if word == "--" or (isinstance(self, Group) and not word.startswith("-")):
                return [*out, *args[i:]]
            name, eq, value = word.partition("=")
            if word[:1] == "-" and word[1:2] != "-" and len(word) > 2:  # -j4, -Cdir; -C=x is "=x"
                name, eq, value = word[:2], "=", word[2:]
            n = arity.get(name, 0) if eq else 0
            if n and i + n <= len(args):  # --topic=x, --into=SLUG SOURCE: values marked too
                out += [name, MARK + value, *(MARK + v for v in args[i + 1 : i + n])]
                i += n
                continue
            n = arity.get(word, 0)
            if n and i + n < len(args):
                out += [word, *(MARK + v for v in args[i + 1 : i + 1 + n])]
                i += 1 + n
                continue
            out.append(word)
            i += 1
        return out

    def _order(self, p: Param, words: list[str]) -> int:
        """Where ``p`` is first given in ``words`` (click converts the values in that order)."""
        for i, word in enumerate(words):
            if p.flags and any(
                word == f or word.startswith(f + "=") or (f[1] != "-" and word.startswith(f))
                for f in p.flags
            ):
                return i
            if not p.flags and not word.startswith(("-", MARK)):
                return i
        return len(words)

    def _split(self, args: list[str]) -> tuple[argparse.Namespace, list[str]]:
        """argparse's split of the words: the values and the words it did not place. Words
        after ``--`` are arguments, never options."""
        args = self._marked(args)
        after: list[str] = []
        if "--" in args:
            cut = args.index("--")
            args, after = args[:cut], args[cut + 1 :]
        try:
            ns, rest = self._parser().parse_known_intermixed_args(args)
        except argparse.ArgumentError as exc:
            raise _arity_fault(exc, args, self) from None
        ns.words = args
        for p in self.params:
            if after and not p.flags and p.nargs == -1:
                setattr(ns, p.dest, [*(getattr(ns, p.dest) or []), *after])
                after = []
            elif after and not p.flags and getattr(ns, p.dest) is None:
                setattr(ns, p.dest, after.pop(0))
        return ns, [*rest, *after]

    def _unknown(self, rest: list[str]) -> None:
        """An unknown option is a usage error (found while parsing, as click found it)."""
        for word in rest:
            if word.startswith("-") and word != "-":
                name = word.split("=", 1)[0]
                longs = [f for r in self._extra_rows() for f in r[0].split(", ")]
                longs += [f for p in self.params for f in p.flags if f.startswith("--")]
                raise UsageFault(_no_such("option", name, [*longs, "--help"]), self)

    def _extra(self, rest: list[str]) -> None:
        """A word too many is a usage error (after the values convert, as click checked it)."""
        if rest:
            plural = "s" if len(rest) > 1 else ""
            raise UsageFault(f"Got unexpected extra argument{plural} ({' '.join(rest)})", self)

    def _extra_rows(self) -> list[tuple[str, str]]:
        return []

    def _eager(self, ns: argparse.Namespace) -> None:
        if getattr(ns, "_eager", None) == "help":
            raise Exit(0, self.format_help())

    def convert(self, ns: argparse.Namespace) -> dict[str, Any]:
        """The values, converted and checked: the given ones in the order given, then the
        missing ones (click's order: the first error reported is the same)."""
        values: dict[str, Any] = {}
        given = [p for p in self.params if _given(getattr(ns, p.dest, None))]
        given.sort(key=lambda p: self._order(p, ns.words))
        for p in given:
            values[p.dest] = _convert(p, getattr(ns, p.dest), self)
        for p in self.params:
            if p in given:
                continue
            if p.required:
                what = "option" if p.flags else "argument"
                raise UsageFault(f"Missing {what} {p.hint}.", self)
            if p.flag:
                values[p.dest] = False
            elif p.multiple or p.nargs == -1:
                values[p.dest] = ()
            else:
                values[p.dest] = p.default
        return values

    def parse(self, args: list[str]) -> dict[str, Any]:
        """The converted values of ``args``; a :class:`UsageFault` or :class:`Exit` (help).
        With ``one_line_errors`` a usage error is one line pointing at the help."""
        try:
            ns, rest = self._split(args)
            self._unknown(rest)
            self._eager(ns)
            values = self.convert(ns)
            self._extra(rest)
            return values
        except UsageFault as exc:
            if not self.one_line_errors:
                raise
            message = f"{exc.message} (see '{self.path} --help')"
            raise UsageFault(message, self, bare=True) from None

    def format_help(self) -> str:
        """The help page, laid out as click laid it out (:mod:`briefgen.clihelp`)."""
        from briefgen.clihelp import help_page

        rows = [*self._extra_rows(), *(p.help_row() for p in self.params if p.flags)]
        rows.append((", ".join(HELP), "Show this message and exit."))
        commands = [
            (n, c.help) for n, c in sorted(getattr(self, "commands", {}).items()) if not c.hidden
        ]
        return help_page(self.path, self.usage_args(), self.help, rows, commands)


class Group(Command):
    """A command with subcommands; its ``func`` (if any) returns the object passed to
    subcommands declared with ``pass_obj``."""

    def __init__(self, *args: Any, version: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands: dict[str, Command] = {}
        self.version = version

    def usage_args(self) -> str:
        return "[OPTIONS] COMMAND [ARGS]..."

    def add(self, command: Command) -> Command:
        command.parent = self
        self.commands[command.name] = command
        return command

    def command(
        self,
        *params: Param,
        name: str | None = None,
        hidden: bool = False,
        pass_obj: bool = False,
        one_line_errors: bool = False,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register the decorated function as a subcommand taking ``params``; ``pass_obj``: the
        group's object comes first; ``one_line_errors``: usage errors are one line."""

        def register(func: Callable[..., Any]) -> Callable[..., Any]:
            cmd_name = name or func.__name__.strip("_").replace("_", "-")
            self.add(
                Command(
                    cmd_name,
                    func,
                    params,
                    hidden=hidden,
                    pass_obj=pass_obj,
                    one_line_errors=one_line_errors,
                )
            )
            return func

        return register

    def group(self, name: str, help: str) -> Group:
        """A subgroup (``eval``) without options of its own."""
        sub = Group(name, None, (), help=help)
        self.add(sub)
        return sub

    def _parser(self) -> _Parser:
        parser = super()._parser()
        if self.version is not None:
            parser.add_argument("--version", action=_Eager, nargs=0, dest="version")
        return parser

    def _split(self, args: list[str]) -> tuple[argparse.Namespace, list[str]]:
        """The group's options (argparse), then the command: the first word that is not an
        option (or the word after ``--``) and the words after it, left for the command."""
        args = self._marked(args)
        bare = (i for i, w in enumerate(args) if w == "--" or not w.startswith(("-", MARK)))
        cut = next(bare, None)
        head, tail = (args, []) if cut is None else (args[:cut], args[cut:])
        tail = tail[1:] if tail[:1] == ["--"] else tail
        try:
            ns, rest = self._parser().parse_known_args(head)
        except argparse.ArgumentError as exc:
            raise _arity_fault(exc, args, self) from None
        ns.words = head
        ns.command, ns.command_args = (tail[0], tail[1:]) if tail else (None, [])
        return ns, rest

    def _extra_rows(self) -> list[tuple[str, str]]:
        return [] if self.version is None else [("--version", "Show the version and exit.")]

    def _eager(self, ns: argparse.Namespace) -> None:
        if getattr(ns, "_eager", None) == "version":
            raise Exit(0, f"{self.path}, version {self.version}\n")
        super()._eager(ns)

    def resolve(self, args: list[str]) -> list[tuple[Command, dict[str, Any]]]:
        """The chain of commands ``args`` names, each with its converted values (the group's
        first); raises :class:`UsageFault`, or :class:`Exit` for help and version."""
        if not args:
            raise Exit(2, self.format_help(), err=True)
        ns, rest = self._split(args)
        self._unknown(rest)
        self._eager(ns)
        values = self.convert(ns)
        name: str | None = ns.command
        if name is None:
            raise UsageFault("Missing command.", self)
        sub = self.commands.get(name)
        if sub is None:
            raise UsageFault(_no_such("command", name, list(self.commands)), self)
        sub_args: list[str] = ns.command_args
        if isinstance(sub, Group):
            return [(self, values), *sub.resolve(sub_args)]
        return [(self, values), (sub, sub.parse(sub_args))]


def _given(value: Any) -> bool:
    return value not in (None, False)


def _convert(p: Param, raw: Any, command: Command) -> Any:
    if p.flag:
        return True
    try:
        if p.multiple:
            return tuple(tuple(p.kind.convert(_unmark(v)) for v in item) for item in raw)
        if p.nargs == -1:
            return tuple(p.kind.convert(v) for v in raw)
        return p.kind.convert(_unmark(raw))
    except BadValue as exc:
        raise UsageFault(f"Invalid value for {p.hint}: {exc}", command) from None


def _unmark(value: str) -> str:
    return value.removeprefix(MARK)


def _arity_fault(exc: argparse.ArgumentError, args: list[str], command: Command) -> UsageFault:
    """click's words for an option missing its value, or given one it does not take."""
    names = (exc.argument_name or "").split("/")
    typed = next((w.split("=", 1)[0] for w in reversed(args) if w.split("=", 1)[0] in names), "")
    typed = typed or next((n for n in names if any(w.startswith(n) for w in args)), names[-1])
    if exc.message.startswith("ignored explicit argument"):
        return UsageFault(f"Option {typed!r} does not take a value.", command, bare=True)
    count = exc.message.removeprefix("expected ").split()[0]
    need = "an argument" if count == "one" else f"{count} arguments"
    return UsageFault(f"Option {typed!r} requires {need}.", command, bare=True)


def _no_such(what: str, name: str, known: list[str]) -> str:
    """``No such option '--dry'. (Did you mean one of: '--dry-run', '--url'?)``."""
    from difflib import get_close_matches

    message = f"No such {what} {name!r}."
    close = sorted(get_close_matches(name, known))
    if len(close) == 1:
        return f"{message} Did you mean {close[0]!r}?"
    if close:
        return f"{message} (Did you mean one of: {', '.join(repr(c) for c in close)}?)"
    return message
