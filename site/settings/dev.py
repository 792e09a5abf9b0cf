"""Development profile: what ``make run`` uses. Embedded defaults, DEBUG on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed development key: this profile is never exposed beyond loopback.
SECRET_KEY = env("SECRET_KEY", default="dev-only-key-not-for-production-7f3b9c")
