from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.api.http.auth import ROLLEN, maak_token
from app.config import Instellingen
from app.main import maak_app

#: Het HS256-geheim van de testapps (ten minste 32 tekens, zoals de service eist).
GEHEIM = "test-geheim-voor-maatstaf-0123456789abcdef"
GEMEENTE = "0363"
#: De hoofdsleutel van de testapps (MAATSTAF_SLEUTEL): base64 van 32 bytes.
SLEUTEL = "dGVzdHNsZXV0ZWwtdm9vci1tYWF0c3RhZi0zMmJ5dGU="


def token(sub: str = "tester", gemeente: str = GEMEENTE, rollen=ROLLEN, geldig: int = 3600) -> str:
    return maak_token(sub, gemeente, tuple(rollen), GEHEIM, geldig)


def kop(sub: str = "tester", gemeente: str = GEMEENTE, rollen=ROLLEN) -> dict[str, str]:
    """Authorization-header voor een andere gebruiker, gemeente of rol."""
    return {"Authorization": f"Bearer {token(sub, gemeente, rollen)}"}


#: De sleutel van de checkpoints in de testapps (MAATSTAF_CHECKPOINT_SLEUTEL): base64 van 32 bytes.
CHECKPOINTSLEUTEL = "dGVzdC1jaGVja3BvaW50LXNsZXV0ZWwtMzItYnl0ZXM="


def instellingen(url: str, **anders) -> Instellingen:
    return Instellingen(
        database_url=url,
        jwt_secret=GEHEIM,
        **{"sleutel": SLEUTEL, "checkpoint_sleutel": CHECKPOINTSLEUTEL, "bewaartermijn_jaren": 10, **anders},
    )


@pytest.fixture
def client(tmp_path):
    """De echte app op een eigen SQLite-bestand, inclusief migraties bij het starten; stuurt standaard een token
    mee van gemeente 0363 met alle rollen (overschrijf met ``headers=kop(...)``)."""
    app = maak_app(instellingen(f"sqlite:///{tmp_path}/maatstaf.db"))
    with TestClient(app, raise_server_exceptions=False, headers=kop()) as c:
        yield c


@pytest.fixture
def client_op(tmp_path):
    """Maakt een client op een gegeven database-URL (SQLite of PostgreSQL), met hetzelfde standaardtoken."""
    geopend = []

    def maak(url: str) -> TestClient:
        c = TestClient(maak_app(instellingen(url)), raise_server_exceptions=False, headers=kop())
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
