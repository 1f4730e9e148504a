import hashlib
import threading
from contextlib import contextmanager

from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle

# Reading a username's history and writing it back is one step under this lock, so
# logins sent side by side each see the others' attempts. gunicorn runs one process
# (gunicorn.conf.py), whose threads share it and the local-memory cache.
_history_lock = threading.Lock()


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

    def count_attempt(self):
        """
        Counts this login as a failure before its password is checked, or raises DRF's
        Throttled (429, Retry-After) when the username is locked out. Counting first is
        what keeps simultaneous guesses within the limit: each one takes a place in the
        history before any password check starts.
        """
        with _history_lock:
            self.now = self.timer()
            history = self.cache.get(self.key, [])
            self.history = [t for t in history if t > self.now - self.duration]
            if len(self.history) >= self.num_requests:
                raise Throttled(self.wait())
            self.history.insert(0, self.now)
            self.cache.set(self.key, self.history, self.duration)

    def withdraw_attempt(self):
        """The password was right: the attempt that count_attempt added is not a failure."""
        with _history_lock:
            history = self.cache.get(self.key, [])
            if self.now in history:
                history.remove(self.now)
                self.cache.set(self.key, history, self.duration)


@contextmanager
def failed_login_counted(username):
    """
    Around a login's credentials check: a locked-out username is refused (429) before its
    password is checked, and the attempt stays counted unless the check ends without
    raising, that is, unless the credentials were right.
    """
    throttle = FailedLoginThrottle(username)
    throttle.count_attempt()
    yield
    throttle.withdraw_attempt()
