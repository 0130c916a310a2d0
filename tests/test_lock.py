"""De lockbestanden horen bij pyproject.toml: elke afhankelijkheid staat erin, met een vaste versie en hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

WORTEL = Path(__file__).resolve().parents[1]


def _naam(specificatie: str) -> str:
    return re.split(r"[\[<>=!~;\s]", specificatie, maxsplit=1)[0].lower().replace("_", "-")


def _vast(lock: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) for m in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+) \\$", lock, re.M)}


def test_elke_afhankelijkheid_staat_vast_in_de_lockbestanden():
    project = tomllib.loads((WORTEL / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _vast((WORTEL / "requirements.lock").read_text(encoding="utf-8"))
    dev = _vast((WORTEL / "requirements-dev.lock").read_text(encoding="utf-8"))
    for specificatie in project["dependencies"]:
        assert _naam(specificatie) in runtime, f"{specificatie} ontbreekt in requirements.lock: make lock"
    for specificatie in project["dependencies"] + project["optional-dependencies"]["dev"]:
        assert _naam(specificatie) in dev, f"{specificatie} ontbreekt in requirements-dev.lock: make lock"
    # dezelfde versies in beide bestanden
    assert {naam: versie for naam, versie in dev.items() if naam in runtime} == runtime


def test_elke_regel_in_de_lockbestanden_heeft_een_hash():
    for bestand in ("requirements.lock", "requirements-dev.lock"):
        tekst = (WORTEL / bestand).read_text(encoding="utf-8")
        blokken = re.split(r"\n(?=[A-Za-z0-9._-]+==)", tekst)[1:]
        assert blokken and all("--hash=sha256:" in blok for blok in blokken), bestand
