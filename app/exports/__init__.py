"""Reports and exports: the board as PDF, CSV, XLSX and JSON (and JSON import)."""

from flask import Blueprint

bp = Blueprint("exports", __name__)

from app.exports import routes  # noqa: E402, F401
