from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.config import Instellingen
from app.main import maak_app


@pytest.fixture
def client(tmp_path):
    """De echte app op een eigen SQLite-bestand, inclusief migraties bij het starten."""
    app = maak_app(Instellingen(database_url=f"sqlite:///{tmp_path}/maatstaf.db"))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def client_op(tmp_path):
    """Maakt een client op een gegeven database-URL (SQLite of PostgreSQL)."""
    geopend = []

    def maak(url: str) -> TestClient:
        c = TestClient(maak_app(Instellingen(database_url=url)), raise_server_exceptions=False)
        c.__enter__()
        geopend.append(c)
        return c

    yield maak
    for c in geopend:
        c.__exit__(None, None, None)


VOORBEELD = {
    "overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31"},
    "beschikkingsdatum": "2026-02-02",
    "benadelingsbedrag": "8000.00",
    "verwijtbaarheid": {"graad": "NORMAAL"},
    "huishouden": {"leefvorm": "ALLEENSTAANDE"},
    "eerdereSancties": [],
}
