"""Toegang: JWT (HS256 en RS256 via JWKS), rollen, gemeenten, en weigeren te starten zonder geheim."""

from __future__ import annotations

import base64
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from app.api.http import auth
from app.cli import main as cli
from app.config import Configuratiefout, Instellingen
from app.main import maak_app
from tests.api.conftest import CHECKPOINTSLEUTEL, GEHEIM, SLEUTEL, VOORBEELD, instellingen, kop

BOETE = "/api/v1/boeteberekeningen"


def _probleem(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["API-Version"]
    return r.json()


def _ruw_token(claims: dict, geheim: str = GEHEIM, **kw) -> str:
    return jwt.encode(claims, geheim, algorithm="HS256", **kw)


def _claims(**anders) -> dict:
    return {"sub": "jan", "gemeente": "0363", "rollen": ["medewerker"], "exp": int(time.time()) + 600, **anders}


@pytest.mark.parametrize(
    ("header", "in_detail"),
    [
        (None, "Bearer"),
        ("Basic amFuOmdlaGVpbQ==", "Bearer"),
        ("Bearer", "Bearer"),
        ("Bearer geen.jwt", "geen geldige JWT"),
        (f"Bearer {_ruw_token(_claims(), 'ander-geheim-van-minstens-32-tekens-lang')}", "handtekening"),
        (f"Bearer {_ruw_token(_claims(exp=int(time.time()) - 120))}", "verlopen"),
        (f"Bearer {_ruw_token({k: v for k, v in _claims().items() if k != 'exp'})}", "exp"),
        (f"Bearer {_ruw_token({k: v for k, v in _claims().items() if k != 'sub'})}", "sub"),
        (f"Bearer {_ruw_token(_claims(gemeente='363'))}", "gemeente"),
        (f"Bearer {_ruw_token(_claims(gemeente=363))}", "gemeente"),
        ("Bearer " + _ruw_token(_claims(gemeente="0363\n")), "gemeente"),
        (f"Bearer {_ruw_token(_claims(gemeente='0000'))}", "gemeente"),  # issue #20, 11: geen CBS-code
        ("Bearer " + _ruw_token(_claims(gemeente="\uff10\uff13\uff16\uff13")), "gemeente"),  # brede cijfers
        ("Bearer " + _ruw_token(_claims(gemeente="\u0660\u0663\u0666\u0663")), "gemeente"),  # Arabisch-Indisch
        (f"Bearer {_ruw_token(_claims(exp=10**20))}", "exp"),  # issue #8: geen crash, geen token tot na jaar 9999
        (f"Bearer {_ruw_token(_claims(exp='abc'))}", "ongeldig"),
        (f"Bearer {_ruw_token(_claims(exp=str(int(time.time()) + 600)))}", "exp"),
        (f"Bearer {_ruw_token(_claims(exp=float(int(time.time()) + 600.5)))}", "exp"),
        (f"Bearer {_ruw_token(_claims(exp=True))}", "verlopen"),  # PyJWT leest True als 1
        ("Bearer " + "a" * (auth.MAX_TOKEN_TEKENS + 1), "langer dan"),
        (f"Bearer {_ruw_token(_claims(sub=' '))}", "sub"),
        (f"Bearer {_ruw_token(_claims(rollen=['beheerder']))}", "rollen"),
        (f"Bearer {_ruw_token(_claims(rollen=[]))}", "rollen"),
        (f"Bearer {_ruw_token(_claims(rollen='medewerker'))}", "rollen"),
        (f"Bearer {jwt.encode(_claims(), None, algorithm='none')}", "algoritme"),
    ],
)
def test_geen_of_ongeldig_token_is_401(client, header, in_detail):
    headers = {"Authorization": header} if header else {}
    client.headers.pop("Authorization", None)
    r = client.post(BOETE, json=VOORBEELD, headers=headers)
    body = _probleem(r, 401)
    assert in_detail in body["detail"]
    assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_verkeerde_rol_is_403(client):
    r = client.post(BOETE, json=VOORBEELD, headers=kop(rollen=("auditor",)))
    assert "medewerker" in _probleem(r, 403)["detail"]
    r = client.get("/api/v1/audit/integriteit", headers=kop(rollen=("medewerker",)))
    assert "auditor" in _probleem(r, 403)["detail"]


def test_alles_behalve_documentatie_en_health_vraagt_een_token(client):
    client.headers.pop("Authorization", None)
    for pad in (
        "/api/v1/openapi.json",
        "/api/v1/docs",
        "/api/v1/health",
        "/api/v1/health/live",
        "/api/v1/health/ready",
    ):
        assert client.get(pad).status_code == 200, pad
    doc = client.get("/api/v1/openapi.json").json()
    for pad, operaties in doc["paths"].items():
        for methode, operatie in operaties.items():
            if pad.startswith("/health"):
                assert "security" not in operatie
                continue
            assert operatie["security"] == [{"bearerAuth": []}], (pad, methode)
            assert {"401", "403"} <= operatie["responses"].keys(), (pad, methode)
            url = "/api/v1" + pad.replace("{berekeningId}", "0" * 8 + "-0000-4000-8000-" + "0" * 12).replace(
                "{maatwerkbesluitId}", "0" * 8 + "-0000-4000-8000-" + "0" * 12
            )
            assert client.request(methode.upper(), url, json={}).status_code == 401, (pad, methode)


def test_een_gemeente_ziet_de_records_van_een_andere_niet(client):
    r = client.post(BOETE, json=VOORBEELD)
    locatie = r.headers["Location"]
    eigen = client.get(locatie).json()
    assert (eigen["sub"], eigen["gemeente"]) == ("tester", "0363")
    ander = client.get(locatie, headers=kop(gemeente="0599"))
    assert _probleem(ander, 404)["detail"].startswith("Er is geen berekening")
    assert client.get("/api/v1/berekeningen", headers=kop(gemeente="0599")).json()["berekeningen"] == []
    assert len(client.get("/api/v1/berekeningen").json()["berekeningen"]) == 1


def test_zonder_geheim_weigert_de_service_te_starten(tmp_path):
    app = maak_app(Instellingen(database_url=f"sqlite:///{tmp_path}/a.db"))
    with pytest.raises(Configuratiefout, match="MAATSTAF_JWT_SECRET"), TestClient(app):
        pass
    kort = maak_app(Instellingen(database_url=f"sqlite:///{tmp_path}/a.db", jwt_secret="kort"))
    with pytest.raises(Configuratiefout, match="te kort"), TestClient(kort):
        pass


def test_ontwikkelmodus_gebruikt_het_ontwikkelgeheim(tmp_path, monkeypatch, capsys):
    app = maak_app(Instellingen(database_url=f"sqlite:///{tmp_path}/a.db", ontwikkelmodus=True))
    monkeypatch.setenv("MAATSTAF_ONTWIKKELING", "1")
    monkeypatch.delenv("MAATSTAF_JWT_SECRET", raising=False)
    assert cli(["token", "--sub", "jan", "--gemeente", "0363", "--rollen", "medewerker", "--geldig", "5m"]) == 0
    token = capsys.readouterr().out.strip()
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        assert c.post(BOETE, json=VOORBEELD).status_code == 201
        # een token met een ander geheim wordt ook in ontwikkelmodus geweigerd
        assert c.post(BOETE, json=VOORBEELD, headers=kop()).status_code == 401


def test_cli_zonder_geheim_en_met_fouten(monkeypatch, capsys):
    monkeypatch.delenv("MAATSTAF_JWT_SECRET", raising=False)
    monkeypatch.delenv("MAATSTAF_ONTWIKKELING", raising=False)
    assert cli(["token"]) == 2
    monkeypatch.setenv("MAATSTAF_JWT_SECRET", GEHEIM)
    with pytest.raises(SystemExit):
        cli(["token", "--rollen", "beheerder"])
    with pytest.raises(SystemExit):
        cli(["token", "--gemeente", "Amsterdam"])
    with pytest.raises(SystemExit):
        cli(["token", "--gemeente", "0000"])  # geen CBS-gemeentecode
    assert cli(["token", "--gemeente", "0599", "--rollen", "auditor"]) == 0
    claims = jwt.decode(capsys.readouterr().out.strip(), GEHEIM, algorithms=["HS256"])
    assert (claims["gemeente"], claims["rollen"]) == ("0599", ["auditor"])
    assert "team" not in claims
    with pytest.raises(SystemExit):
        cli(["token", "--team", "jan de vries"])  # een teamcode, geen naam
    assert cli(["token", "--rollen", "beleidsmedewerker", "--team", "HANDHAVING-NOORD"]) == 0
    claims = jwt.decode(capsys.readouterr().out.strip(), GEHEIM, algorithms=["HS256"])
    assert (claims["rollen"], claims["team"]) == (["beleidsmedewerker"], "HANDHAVING-NOORD")


# ---------------------------------------------------------------- RS256 via JWKS


def _b64(getal: int) -> str:
    ruw = getal.to_bytes((getal.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(ruw).rstrip(b"=").decode()


def test_rs256_via_jwks(tmp_path, monkeypatch):
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    publiek = sleutel.public_key().public_numbers()
    jwks = {
        "keys": [
            {"kty": "RSA", "kid": "idp-1", "use": "sig", "alg": "RS256", "n": _b64(publiek.n), "e": _b64(publiek.e)}
        ]
    }
    # geen netwerk: de JWKS-client krijgt de sleutelset rechtstreeks
    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", lambda self: jwks)
    app = maak_app(
        Instellingen(
            database_url=f"sqlite:///{tmp_path}/a.db",
            jwks_url="https://idp.example/jwks.json",
            sleutel=SLEUTEL,
            checkpoint_sleutel=CHECKPOINTSLEUTEL,
        )
    )
    token = jwt.encode(_claims(), sleutel, algorithm="RS256", headers={"kid": "idp-1"})
    onbekend = jwt.encode(_claims(), sleutel, algorithm="RS256", headers={"kid": "idp-2"})
    with TestClient(app) as c:
        assert c.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {token}"}).status_code == 201
        r = c.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {onbekend}"})
        assert "JWKS" in _probleem(r, 401)["detail"]
        # HS256 wordt niet geaccepteerd als er alleen een JWKS is (geen algoritmeverwarring)
        hs = _ruw_token(_claims())
        assert c.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {hs}"}).status_code == 401


def _jwks_met(sleutel, kid: str = "idp-1") -> dict:
    publiek = sleutel.public_key().public_numbers()
    return {
        "keys": [{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": _b64(publiek.n), "e": _b64(publiek.e)}]
    }


def test_jwks_onbereikbaar_is_503_en_geen_401(tmp_path, monkeypatch):
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def weg(self):
        raise jwt.PyJWKClientConnectionError("Fail to fetch data from the url, err: timed out")

    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", weg)
    app = maak_app(
        Instellingen(
            database_url=f"sqlite:///{tmp_path}/a.db",
            jwks_url="https://idp.example/jwks.json",
            sleutel=SLEUTEL,
            checkpoint_sleutel=CHECKPOINTSLEUTEL,
        )
    )
    token = jwt.encode(_claims(), sleutel, algorithm="RS256", headers={"kid": "idp-1"})
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {token}"})
        body = _probleem(r, 503)
        assert r.headers["Retry-After"] == "30"
        assert "idp.example" not in body["detail"] and "timed out" not in body["detail"]
        # een sleutelset zonder bruikbare sleutels is ook een probleem van de identity provider, geen 500
        monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", lambda self: {"keys": [{"kty": "onzin"}]})
        _probleem(c.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {token}"}), 503)


def test_een_ingetrokken_sleutel_geldt_na_de_jwks_cache_niet_meer(monkeypatch):
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    andere = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sleutelset = {"nu": _jwks_met(sleutel)}
    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", lambda self: sleutelset["nu"])
    monkeypatch.setattr(auth.Verificateur, "JWKS_GELDIG_S", 0.05)
    verificateur = auth.Verificateur(None, "https://idp.example/jwks.json")
    assert verificateur.controleer(jwt.encode(_claims(), sleutel, algorithm="RS256", headers={"kid": "idp-1"}))
    sleutelset["nu"] = _jwks_met(andere, "idp-2")  # de identity provider trekt idp-1 in
    time.sleep(0.1)
    nieuw = jwt.encode(_claims(jti="2"), sleutel, algorithm="RS256", headers={"kid": "idp-1"})
    with pytest.raises(auth.OngeldigToken, match="JWKS"):
        verificateur.controleer(nieuw)


def test_vereist_kent_alleen_bestaande_rollen():
    with pytest.raises(ValueError):
        auth.vereist("beheerder")


def test_instellingen_van_de_tests_werken(tmp_path):
    with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/a.db")), headers=kop()) as c:
        assert c.get("/api/v1/regels?peildatum=2026-02-02").status_code == 200


def test_audience_en_issuer(tmp_path):
    app = maak_app(
        instellingen(f"sqlite:///{tmp_path}/a.db", jwt_audience="maatstaf", jwt_issuer="https://idp.example")
    )
    goed = _ruw_token(_claims(aud="maatstaf", iss="https://idp.example"))
    with TestClient(app) as c:
        assert c.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {goed}"}).status_code == 201
        for claims, woord in (
            (_claims(aud="ander", iss="https://idp.example"), "aud"),
            (_claims(iss="https://idp.example"), "aud"),
            (_claims(aud="maatstaf", iss="https://kwaad.example"), "iss"),
        ):
            r = c.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {_ruw_token(claims)}"})
            assert woord in _probleem(r, 401)["detail"]


def test_token_met_aud_zonder_ingestelde_audience_wordt_geaccepteerd(client):
    token = _ruw_token(_claims(aud="iets-anders"))
    assert client.post(BOETE, json=VOORBEELD, headers={"Authorization": f"Bearer {token}"}).status_code == 201


def test_een_gecontroleerd_token_wordt_kort_onthouden_maar_niet_voorbij_exp(monkeypatch):
    verificateur = auth.Verificateur(GEHEIM)
    klok = {"nu": time.time()}
    monkeypatch.setattr(auth.time, "time", lambda: klok["nu"])
    token = _ruw_token(_claims(exp=int(klok["nu"]) + 10))
    assert verificateur.controleer(token).sub == "jan"
    monkeypatch.setattr(auth.jwt, "decode", lambda *a, **k: pytest.fail("had uit de cache moeten komen"))
    klok["nu"] += 5
    assert verificateur.controleer(token).sub == "jan"
    klok["nu"] += 60  # voorbij exp + speling: de cache geldt niet meer, dus opnieuw (volledig) controleren
    with pytest.raises(pytest.fail.Exception, match="cache"):
        verificateur.controleer(token)
