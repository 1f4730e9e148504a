import hashlib

from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle


class FailedLoginThrottle(SimpleRateThrottle):
    """
    Failed logins of one username, at most DEFAULT_THROTTLE_RATES['failed_login'] (10 a
    minute): then every login of that username is refused with 429 until the oldest
    failure leaves the window. Only failures count, so a user who types the password
    right is never locked out by their own successful logins, and the count is kept per
    username, not per address, so guessing one account's password from many addresses
    is slowed down as much as from one.
    """

    scope = 'failed_login'

    def __init__(self, username):
        super().__init__()
        # A hash keeps any username, however long or odd, a valid cache key.
        ident = hashlib.sha256(username.encode()).hexdigest()
        self.key = self.cache_format % {'scope': self.scope, 'ident': ident}
        self.now = self.timer()
        history = self.cache.get(self.key, [])
        self.history = [t for t in history if t > self.now - self.duration]

    def check(self):
        """Raises DRF's Throttled (429, Retry-After) when the username is locked out."""
        if len(self.history) >= self.num_requests:
            raise Throttled(self.wait())

    def record_failure(self):
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)
