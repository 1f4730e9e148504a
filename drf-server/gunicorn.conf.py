"""
gunicorn's settings for drf-server: `gunicorn -c gunicorn.conf.py mysite.wsgi`, from this
folder. Options on the command line (`--bind`, `--access-logfile -`) override them.
"""

bind = '127.0.0.1:8000'

# One process, because the login throttle counts failures in this process's memory
# (Django's local-memory cache); its threads serve requests side by side.
workers = 1
threads = 4

# The app is loaded before the port opens, so a broken setting stops the start, and a
# request that comes once the port is open is served.
preload_app = True

# Requests under way get this long after SIGTERM.
graceful_timeout = 3

# Warnings and errors only; `--access-logfile -` logs one line per request.
loglevel = 'warning'
access_log_format = '%(m)s %(U)s %(s)s %(M)sms'


def when_ready(server):
    """One line on stdout, for scripts to wait on."""
    from django.conf import settings

    listening = ', '.join(str(listener) for listener in server.LISTENERS)
    print(f'drf-server listening on {listening} (data: {settings.DATA_DIR})', flush=True)
