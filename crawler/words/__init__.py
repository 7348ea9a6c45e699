"""Word tables the crawler reads: YAML data files, English and Chinese side by side.

They live next to the code as data so that a linguist can extend them without
touching Python. Each file is read once per process; the tables are immutable.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).parent


@cache
def load(name: str) -> Any:
    """Return the parsed content of ``crawler/words/<name>.yaml``."""
    with (_HERE / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
