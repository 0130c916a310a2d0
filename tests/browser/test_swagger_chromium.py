"""Swagger UI in een echte browser zonder internet: elk verzoek dat niet naar 127.0.0.1 gaat, wordt geblokkeerd.

Vroeger kwamen JavaScript en CSS van een CDN: offline bleef /api/v1/docs leeg. Nu levert de service ze zelf
(pakket fastapi-offline), zonder lettertypen van buiten en zonder validatorbadge.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.main import maak_app
from tests.api.conftest import instellingen
from tests.live import draaiende_server


@pytest.fixture
def poort(tmp_path):
    with draaiende_server(maak_app(instellingen(f"sqlite:///{tmp_path}/maatstaf.db"))) as p:
        yield p


def test_swagger_ui_toont_de_operaties_zonder_verzoek_naar_buiten(browser, poort):
    buiten: list[str] = []
    binnen: list[str] = []
    fouten: list[str] = []

    def route(r):
        url = r.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
            binnen.append(url)
            r.continue_()
        else:
            buiten.append(url)
            r.abort()

    pagina = browser.new_page()
    pagina.route("**/*", route)
    pagina.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    try:
        pagina.goto(f"http://127.0.0.1:{poort}/api/v1/docs", wait_until="load")
        pagina.wait_for_selector(".opblock-summary", timeout=20_000)
        paden = pagina.locator(".opblock-summary-path").all_inner_texts()
        assert any("/boeteberekeningen" in p for p in paden), paden
        assert any("/berekeningen/{berekeningId}" in p.replace("\u200b", "") for p in paden), paden
        assert pagina.locator(".opblock").count() >= 10
        assert pagina.locator(".info .title").first.inner_text().startswith("Maatstaf")
        # geen validatorbadge (die zou het document naar een externe validator sturen)
        assert pagina.locator(".swagger-ui .errors-wrapper, img[src*='validator']").count() == 0
        map_ = Path(os.environ.get("MAATSTAF_ARTEFACTEN") or Path(__file__).parent / "artefacten")
        map_.mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(map_ / "swagger-ui.png"), full_page=False)
    finally:
        pagina.close()
    assert buiten == []
    assert any(u.endswith("/docs-bestanden/swagger-ui-bundle.js") for u in binnen)
    assert any(u.endswith("/openapi.json") for u in binnen)
    assert fouten == []
