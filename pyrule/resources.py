"""Where the bundled files live.

Takes a folder name (`grammars`, `rules`, `charters`, `scenarios`) and gives
its path: inside the installed package (a wheel carries them as package data)
or, from a checkout, at the project root beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(folder: str) -> Path:
    for base in (_PACKAGE / "bundled", _PACKAGE.parent):
        candidate = base / folder
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pyrule's bundled folder '{folder}' is missing from this installation")


def resource_path(folder: str, *parts: str) -> Path:
    return resource_dir(folder).joinpath(*parts)
