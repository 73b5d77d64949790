"""``mtnorm review --serve``: the same review app in a browser, served by textual-serve on 127.0.0.1.

textual-serve runs the command it is given (here: this ``mtnorm review`` without ``--serve``)
once per browser tab, with Textual's web driver, and relays the screen and the keys through a
web socket. It is an optional dependency: ``pip install 'mtnorm[serve]'``.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence

from .errors import UsageError

HOST = "127.0.0.1"  # loopback only: a review session is not for the network


def review_command(argv: Sequence[str]) -> list[str]:
    """The ``review`` command line each browser tab runs: ``argv`` without ``--serve`` and ``--port``.

    >>> review_command(["review", "corpus", "--serve", "--port", "8123", "--out", "o"])[-4:]
    ['review', 'corpus', '--out', 'o']
    """
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--serve" or arg.startswith("--port="):
            continue
        elif arg == "--port":
            skip = True
        else:
            out.append(arg)
    return [sys.executable, "-m", "normalizer", *out]


def serve(argv: Sequence[str], port: int) -> int:
    """Serve the review app on ``http://127.0.0.1:PORT`` until interrupted."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError("--serve needs textual-serve: pip install 'mtnorm[serve]' (or textual-serve)") from None
    command = shlex.join(review_command(argv))
    print(f"Serving mtnorm review on http://{HOST}:{port} (Ctrl+C to stop)", flush=True)
    Server(command, host=HOST, port=port, title="mtnorm review").serve()
    return 0
