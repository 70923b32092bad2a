"""``python -m perf_xlsx``: the same as the ``perf-xlsx`` command."""
from __future__ import annotations

from .launcher import main

if __name__ == "__main__":
    main()
