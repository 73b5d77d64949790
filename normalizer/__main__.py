"""``python -m normalizer`` runs the ``mtnorm`` command line."""

from .cli import run

run()
