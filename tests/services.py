"""Whether the real services tests need are here."""

import os

import redis


def running_in_ci() -> bool:
    """Return whether CI runs the tests: there a missing service is a failure."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def redis_problem(url: str) -> str | None:
    """Return why Redis at url cannot be used, or None if it answers a ping."""
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        return f"Redis is not running at {url} ({error})"
    finally:
        client.close()
    return None
