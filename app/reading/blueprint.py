"""The reading blueprint: its pages (routes.py) and its form posts (posts.py) add routes to it."""

from flask import Blueprint

bp = Blueprint("reading", __name__)
