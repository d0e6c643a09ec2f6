"""Reports and exports: the board as PDF, CSV, XLSX and JSON (and JSON import)."""

from app.exports.routes import bp  # noqa: F401 (create_app registers it)
