"""One helper shared by the stages that build many objects at once.

Parsing a large charter, compiling a scenario, reading a large answer: each
makes a great many small objects that all live on. Meanwhile Python's cyclic
garbage collector, triggered by the number of allocations, would walk the
whole heap (the AST, the program, the answer so far) again and again and
find nothing to free. `collector_paused()` switches it off for such a
stretch and back on after (if it was on), errors included.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()

