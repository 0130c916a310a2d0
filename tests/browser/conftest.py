"""Gedeeld door de browsertests: headless Chromium (Debian-pakket /usr/bin/chromium) via Playwright, en de app."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import maak_app
from tests.api.conftest import instellingen, kop

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTEN = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    vereist = os.environ.get("MAATSTAF_REQUIRE_BROWSER") == "1"
    if not CHROMIUM.exists():
        if vereist:
            pytest.fail("/usr/bin/chromium ontbreekt (apt-get install chromium), en MAATSTAF_REQUIRE_BROWSER=1")
        pytest.skip("/usr/bin/chromium ontbreekt")
    try:
        from playwright import sync_api
    except ImportError:
        if vereist:
            pytest.fail("Playwright ontbreekt (pip install -e '.[dev]'), en MAATSTAF_REQUIRE_BROWSER=1")
        pytest.skip("Playwright ontbreekt")
    with tempfile.TemporaryDirectory() as profiel, sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profiel, executable_path=str(CHROMIUM), args=ARGUMENTEN, viewport={"width": 900, "height": 1200}
        )
        yield context
        context.close()


@pytest.fixture
def client(tmp_path):
    """Dezelfde app als in tests/api: eigen SQLite-bestand, standaardtoken van gemeente 0363."""
    with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/maatstaf.db")), headers=kop()) as c:
        yield c
