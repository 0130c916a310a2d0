"""Een echte uvicorn op een vrije poort van 127.0.0.1, in een draad (voor de kopgrens en de browsertest)."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn

from app.server import BegrensdeKop


@contextmanager
def draaiende_server(app, **config):
    """Start ``app`` zoals in productie (``--http app.server:BegrensdeKop``) en geeft de poort; ``config``: meer
    instellingen van uvicorn (bijv. ``timeout_keep_alive``)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=poort, http=BegrensdeKop, log_level="warning", **config)
    )
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    try:
        for _ in range(400):
            if server.started:
                break
            time.sleep(0.025)
        else:
            raise RuntimeError("uvicorn kwam niet op")
        yield poort
    finally:
        server.should_exit = True
        draad.join(10)
