"""Beheer: GET /health, /health/live en /health/ready (``routes.py``)."""

from app.api.beheer.routes import router

__all__ = ["router"]
