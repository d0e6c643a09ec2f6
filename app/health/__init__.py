"""Health check for proxies and orchestrators: is the database (and Redis, when used) reachable?"""

from flask import Blueprint, current_app
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from app.extensions import csrf, db

bp = Blueprint("health", __name__)


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:
        current_app.logger.exception("health: database unreachable")
        return False
    finally:
        db.session.rollback()


def _redis_ok(url: str) -> bool:
    import redis  # noqa: PLC0415 (only needed with a Redis message queue)

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(client.ping())
    except redis.RedisError:
        current_app.logger.exception("health: redis unreachable")
        return False
    finally:
        client.close()


@bp.get("/healthz")
@csrf.exempt
def healthz() -> ResponseReturnValue:
    """Report whether this process can serve: 200 when all is well, 503 otherwise."""
    checks = {"database": "ok" if _database_ok() else "unreachable"}
    queue = current_app.config.get("SOCKETIO_MESSAGE_QUEUE")
    if queue and queue.startswith(("redis://", "rediss://")):
        checks["redis"] = "ok" if _redis_ok(queue) else "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return {"status": "ok" if healthy else "unavailable", **checks}, 200 if healthy else 503
