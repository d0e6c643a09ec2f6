"""Regions: boards of several municipalities side by side (figures and bridge; card texts only
where a board's coordinator allows it)."""

from app.regions import routes

bp = routes.bp  # create_app registers it
