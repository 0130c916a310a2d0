"""Maatstaf: gevolgen van schending van de inlichtingenplicht onder de Participatiewet."""

__version__ = "1.0.0"
