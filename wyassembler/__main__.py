"""``python -m wyassembler``: the same as the ``wyassembler`` command."""

import sys

from .cli import main

sys.exit(main())
