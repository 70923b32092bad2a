"""``python -m perf_xlsx.template [ROOT]``: rebuild the committed template and docs/template.md."""
import sys

from .build import main

sys.exit(main(sys.argv[1:]))
