from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import maak_app
from tests.api.conftest import instellingen, kop


@pytest.fixture
def client(tmp_path):
    """Dezelfde app als in tests/api: eigen SQLite-bestand, standaardtoken van gemeente 0363."""
    with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/maatstaf.db")), headers=kop()) as c:
        yield c
