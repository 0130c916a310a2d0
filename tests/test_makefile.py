"""`make test` moet ook in een losse kloon zonder ../shared/adr/linter.yaml slagen (issue #8 §4)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

WORTEL = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")


def _lint_api(**env) -> subprocess.CompletedProcess:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("CI", "MAKEFLAGS", "MAKELEVEL")}
    omgeving.update(env)
    return subprocess.run(
        ["make", "-s", "lint-api", "ADR_LINTER=/bestaat/niet/linter.yaml"],
        cwd=WORTEL,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_lint_api_slaat_over_zonder_ruleset():
    r = _lint_api()
    assert r.returncode == 0, r.stderr
    assert "overgeslagen" in r.stdout and "niet aanwezig" in r.stdout


def test_lint_api_zonder_ruleset_faalt_in_ci():
    r = _lint_api(CI="true")
    assert r.returncode != 0
    assert "in CI verplicht" in r.stderr
