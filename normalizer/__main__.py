"""``python -m normalizer`` runs the ``mtnorm`` command line."""

import sys

from .cli import main

sys.exit(main())
