"""A cache of checked and compiled programs.

Takes the texts a scenario is made of (the scenario file, the charter files
it uses, in the order found) and what was made of them (the `Bundle` and the
compiled `Program`); gives the same back on a later run with the same texts,
so that parsing, checking and compiling are skipped.

An entry is keyed by a hash of those texts and their file names (diagnostics
and explanations name the files), of pyrule's version and of every file of
pyrule that can change an answer: its Python sources, the grammar, the rules
(`rules/*.lp`) and the bundled membership tables. So an entry is never read
by another version or another build of pyrule, and changing any input makes
a new entry.

Entries live under the user's cache directory (`$PYRULE_CACHE_DIR`, else
`$XDG_CACHE_HOME/pyrule`, else `~/.cache/pyrule`), in a folder only its owner
may write to; a folder anyone else could write to is not used (an entry is a
pickle, and a pickle can run code). Each entry is written to a temporary file
and renamed into place, so concurrent runs never read half an entry; an
entry that cannot be read is ignored and written again. `--no-cache` (or
`PYRULE_NO_CACHE=1`) skips the cache.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any

from .gcpause import collector_paused
from .resources import resource_dir

FORMAT = 1      # the layout of an entry; raise it when that changes


def enabled() -> bool:
    return os.environ.get("PYRULE_NO_CACHE", "") in ("", "0")


def folder() -> Path:
    base = os.environ.get("PYRULE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "pyrule"


@functools.cache
def fingerprint() -> str:
    """pyrule's version and the contents of every file of it that can change an answer."""
    from importlib import metadata

    h = hashlib.sha256()
    try:
        h.update(metadata.version("pyrule").encode())
    except metadata.PackageNotFoundError:       # run from a checkout without installing
        h.update(b"checkout")
    h.update(str(FORMAT).encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.glob("*.py"))
    for name, pattern in (("grammars", "*.lark"), ("rules", "*.lp"), ("charters", "membership/*.tsv")):
        files += sorted(resource_dir(name).glob(pattern))
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def key(sources: list[tuple[str, str]], extra: str = "") -> str:
    """The key of an entry made from `sources` (file name, text), in order."""
    h = hashlib.sha256(fingerprint().encode())
    for name, text in sources:
        for part in (name, text):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    h.update(extra.encode())
    return h.hexdigest()


def _usable(path: Path) -> bool:
    """A folder owned by this user that no one else may write to."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _ready() -> Path | None:
    path = folder()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return path if _usable(path) else None


def get(entry: str) -> Any | None:
    path = _ready()
    if path is None:
        return None
    try:
        with open(path / f"{entry}.pickle", "rb") as f, collector_paused():
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:       # a damaged entry (or one from a changed class): made again
        try:
            (path / f"{entry}.pickle").unlink()
        except OSError:
            pass
        return None


def put(entry: str, value: Any) -> None:
    """Store an entry; a cache that cannot be written to is no error."""
    path = _ready()
    if path is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=path, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path / f"{entry}.pickle")
    except (OSError, pickle.PicklingError, RecursionError):
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
