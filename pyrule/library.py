"""The bundled library and file loading.

Takes a charter or scenario name (`un`, `iraq-kuwait-1990`) or a path; gives
the parsed AST, and for a scenario the charters it uses and the dated
membership data it names. Unknown names raise `LoadProblem` with a "did you
mean" over the bundled names.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from . import ast as A
from .errors import LoadProblem, SyntaxProblem, did_you_mean
from .resources import resource_dir

CHARTER_SUFFIX = ".charter"
SCENARIO_SUFFIX = ".scenario"


def bundled(folder: str, suffix: str) -> dict[str, Path]:
    return {p.name[: -len(suffix)]: p for p in sorted(resource_dir(folder).glob(f"*{suffix}"))}


def is_file(path: Path) -> bool:
    """Whether a regular file stands at `path`; False where the system
    refuses the name itself (too long, say) rather than raising."""
    try:
        return path.is_file()
    except OSError:
        return False


def membership_tables() -> list[str]:
    """The names of the bundled membership tables (`charters/membership/NAME.tsv`)."""
    return sorted(p.stem for p in (resource_dir("charters") / "membership").glob("*.tsv"))


def _locate(name_or_path: str, folder: str, suffix: str, what: str) -> Path:
    path = Path(name_or_path)
    if path.suffix == suffix or os.path.lexists(path) or "/" in name_or_path:
        if is_file(path):
            return path
        kind = _not_a_file(path)
        raise LoadProblem(f"no {what} file at '{name_or_path}'" + (f" ({kind})" if kind else ""))
    known = bundled(folder, suffix)
    if name_or_path in known:
        return known[name_or_path]
    guess = did_you_mean(name_or_path, known)
    raise LoadProblem(f"no bundled {what} named '{name_or_path}'",
                      hint=(f"did you mean '{guess}'? " if guess else "")
                      + f"(bundled: {', '.join(known) or 'none'}; `pyrule list` shows them)")


_NAME = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
# the headers as the grammar has them (comments and white space before), read
# without the parser to name the files a scenario is made of (see `sources_of`)
_SCENARIO_HEADER = re.compile(rf'(?:\s|#[^\n]*)*scenario\s+{_NAME}\s+"[^"\n]*"\s+uses\s+({_NAME}(?:\s*,\s*{_NAME})*)\s*\.')
_CHARTER_HEADER = re.compile(rf"(?:\s|#[^\n]*)*charter\s+({_NAME})\s")


BOM = "\ufeff"


def _read(path: Path) -> str:
    """The text of a file: UTF-8, a byte-order mark at its start dropped (as
    some editors write one). Bytes that are not UTF-8 are an error at their
    line and column."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise LoadProblem(f"cannot read '{path}': {err.strerror or err}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _not_utf8(path, data, err) from None
    return text[1:] if text.startswith(BOM) else text


def _not_utf8(path: Path, data: bytes, err: UnicodeDecodeError) -> SyntaxProblem:
    before = data[:err.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = data.decode("utf-8", "replace")
    return SyntaxProblem(f"byte 0x{data[err.start]:02x} is not UTF-8" +
                         (" (the file looks like UTF-16)" if utf16 else ""),
                         A.Span(_display(path), line, column, line, column + 1),
                         expected="text in UTF-8", hint="save the file as UTF-8", text=text)


def load_charter(name_or_path: str, loaded: dict[Path, A.Charter] | None = None,
                 read: list[tuple[str, str]] | None = None) -> A.Charter:
    """The charter at a path or of a bundled name; `loaded` (by resolved
    path) keeps a file named twice from being parsed twice; `read` collects
    the (file name, text) of each file parsed."""
    path = _locate(name_or_path, "charters", CHARTER_SUFFIX, "charter")
    key = path.resolve()
    if loaded is not None and key in loaded:
        return loaded[key]
    text = _read(path)
    if read is not None:
        read.append((_display(path), text))
    from .parse import parse_charter     # (not needed where the cache has the program)

    charter = parse_charter(text, _display(path))
    if loaded is not None:
        loaded[key] = charter
    return charter


def load_scenario(name_or_path: str, read: list[tuple[str, str]] | None = None) -> A.Scenario:
    path = _locate(name_or_path, "scenarios", SCENARIO_SUFFIX, "scenario")
    text = _read(path)
    if read is not None:
        read.append((_display(path), text))
    from .parse import parse_scenario

    return parse_scenario(text, _display(path))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Membership:
    code: str
    name: str
    organisation: str
    start: dt.date
    end: dt.date | None


def load_membership(source: A.MembershipSource) -> list[Membership]:
    """Rows of a bundled membership table (`charters/membership/NAME.tsv`)."""
    folder = resource_dir("charters") / "membership"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", source.data):
        raise LoadProblem(f"'{source.data}' is not the name of a bundled membership table", source.span,
                          expected="a name such as \"un\" (the tables are in charters/membership/)")
    path = folder / f"{source.data}.tsv"
    if not path.is_file():
        known = [p.stem for p in folder.glob("*.tsv")]
        guess = did_you_mean(source.data, known)
        raise LoadProblem(f"no bundled membership data named '{source.data}'", source.span,
                          hint=f"did you mean '{guess}'?" if guess else f"known: {', '.join(known)}")
    rows = [line for line in _read(path).splitlines() if line and not line.startswith("#")]
    out = []
    for row in csv.DictReader(rows, delimiter="\t"):
        out.append(Membership(row["code"], row["name"], source.organisation,
                              dt.date.fromisoformat(row["from"]),
                              dt.date.fromisoformat(row["until"]) if row["until"] else None))
    return out


@dataclass(frozen=True)
class Bundle:
    """A scenario with everything it needs: charters and membership rows."""

    scenario: A.Scenario
    charters: tuple[A.Charter, ...]
    members: tuple[Membership, ...]
    sources: tuple[tuple[str, str], ...] = ()     # the files read, in order: (name, text)

    def roster(self) -> "Roster":
        return Roster.of(self)


FOREVER = dt.date(9999, 12, 31)


@dataclass
class Roster:
    """Who belongs to which organisation on which days: the membership rows
    of a bundle and the memberships its scenario declares. `spans` maps a
    state's code to its (organisation, first day, first day no longer) as day
    numbers; `names` maps codes to names. The one place that says who holds
    a role on a day."""

    spans: dict[str, list[tuple[str, int, int]]]
    names: dict[str, str]

    @classmethod
    def of(cls, bundle: Bundle) -> "Roster":
        spans: dict[str, list[tuple[str, int, int]]] = {}
        names: dict[str, str] = {}
        end_of = FOREVER.toordinal()
        for m in bundle.members:
            names.setdefault(m.code, m.name)
            spans.setdefault(m.code, []).append((m.organisation, m.start.toordinal(),
                                                 m.end.toordinal() if m.end else end_of))
        for st in bundle.scenario.states:
            names[st.code] = st.name
            for org in st.member_of:
                spans.setdefault(st.code, []).append((org, st.since.toordinal(),  # type: ignore[union-attr]
                                                      st.until.toordinal() if st.until else end_of))
        return cls(spans, names)

    def spells(self, code: str, org: str, day: dt.date) -> list[dt.date]:
        """The first days of the spells of membership by which `code` belongs to `org` on `day`."""
        d = day.toordinal()
        return [dt.date.fromordinal(s) for o, s, e in self.spans.get(code, ()) if o == org and s <= d < e]

    def holds(self, code: str, org: str, day: dt.date) -> bool:
        return bool(self.spells(code, org, day))

    def holders(self, org: str, day: dt.date) -> set[str]:
        """The codes of the members of `org` on `day`."""
        return {code for code in self.spans if self.holds(code, org, day)}


# General international law (charters/general.charter) is loaded with the UN
# Charter: the customary rules bind the states the Charter does not, and the
# Charter's rules presuppose them. A scenario that names `general` itself, or
# gives a charter of that id, loads that one instead.
IMPLIED = {"un": ("general",)}


def implied_uses(names) -> list[str]:
    """The charters a scenario uses, with those its charters bring with them."""
    out = list(dict.fromkeys(names))
    for name in list(out):
        for more in IMPLIED.get(name, ()):
            if more not in out:
                out.append(more)
    return out


def load_bundle(scenario: str, extra_charters: tuple[str, ...] = ()) -> Bundle:
    """A scenario, the charters it `uses` and any extra ones. A name the
    scenario uses is the extra charter of that id if one is given, else a
    charter file of that name beside the scenario, else the bundled one."""
    read: list[tuple[str, str]] = []
    scen = load_scenario(scenario, read)
    beside = Path(scen.path).parent
    loaded: dict[Path, A.Charter] = {}
    extra = [load_charter(n, loaded, read) for n in extra_charters]
    given = {ch.id: ch for ch in extra}
    charters = []
    for name in implied_uses(scen.uses):
        if name in given:
            charters.append(given[name])
            continue
        try:
            where = _used(name, beside)
        except LoadProblem as err:
            raise LoadProblem(err.message, scen.span, hint=err.hint) from None
        try:
            charters.append(load_charter(where, loaded, read))
        except LoadProblem as err:
            hint = (err.hint + "; " if err.hint else "") + \
                f"or give it with --charter PATH, or put it beside the scenario as {name}{CHARTER_SUFFIX}"
            raise LoadProblem(err.message, scen.span, hint=hint) from None
    charters += extra
    seen: dict[str, A.Charter] = {}
    for ch in charters:
        if ch.id in seen and seen[ch.id].path != ch.path:
            raise LoadProblem(f"two different charters are both named '{ch.id}'", ch.span)
        seen.setdefault(ch.id, ch)
    charters = list(seen.values())
    members: list[Membership] = []
    for src in scen.memberships:
        members.extend(load_membership(src))
    # Tables the charters' roles and organs rest on and the scenario does not
    # name are taken from the bundled ones of the same name, where there are.
    declared = {src.organisation for src in scen.memberships}
    needed = [r.membership for ch in charters for r in ch.roles] + \
             [o.seats for ch in charters for o in ch.organs if o.seats]
    for org in dict.fromkeys(needed):
        if org not in declared and org in membership_tables():
            members.extend(load_membership(A.MembershipSource(org, org, scen.span)))
    return Bundle(scen, tuple(charters), tuple(members), tuple(read))


def _not_a_file(path: Path) -> str | None:
    """What stands at a path that is not a regular file, in words (None: nothing)."""
    try:
        os.lstat(path)
    except OSError as err:
        return None if err.errno == errno.ENOENT else os.strerror(err.errno).lower()
    if path.is_symlink() and not path.exists():
        return "a link to nothing"
    if path.is_dir():
        return "a folder"
    if path.exists():
        return "not a regular file" + (" (a named pipe)" if stat.S_ISFIFO(path.stat().st_mode) else "")
    return None


def _used(name: str, beside: Path) -> str:
    """Where a charter a scenario `uses` is looked for, after the ones given:
    beside the scenario, then among the bundled ones. Something beside the
    scenario by that name that is not a file is an error, not a reason to
    take the bundled charter instead."""
    local = beside / f"{name}{CHARTER_SUFFIX}"
    if is_file(local):
        return str(local)
    kind = _not_a_file(local)
    if kind is not None:
        raise LoadProblem(f"'{local}' is beside the scenario, but it is {kind}, not a charter file",
                          hint=f"remove or rename it to use the bundled charter '{name}', or put the charter there")
    return name


def sources_of(scenario: str, extra_charters: tuple[str, ...] = ()) -> list[tuple[str, str]] | None:
    """The files `load_bundle` would read, in its order, (name, text), found
    from the files' headers without parsing; None where that cannot be told
    (the parser then says what is wrong)."""
    try:
        read: list[tuple[str, str]] = []
        path = _locate(scenario, "scenarios", SCENARIO_SUFFIX, "scenario")
        text = _read(path)
        read.append((_display(path), text))
        m = _SCENARIO_HEADER.match(text)
        if m is None:
            return None
        seen: set[Path] = set()
        given: dict[str, Path] = {}
        for name in extra_charters:
            p = _locate(name, "charters", CHARTER_SUFFIX, "charter")
            t = _read(p)
            h = _CHARTER_HEADER.match(t)
            if h is None:
                return None
            given.setdefault(h.group(1), p)
            if p.resolve() not in seen:
                seen.add(p.resolve())
                read.append((_display(p), t))
        for name in implied_uses(n.strip() for n in m.group(1).split(",")):
            if name in given:
                continue
            p = _locate(_used(name, path.parent), "charters", CHARTER_SUFFIX, "charter")
            if p.resolve() not in seen:
                seen.add(p.resolve())
                read.append((_display(p), _read(p)))
        return read
    except LoadProblem:
        return None
