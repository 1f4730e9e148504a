#!/usr/bin/python3
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Debian's packages are seen by /usr/bin/python3: "
            'sudo apt-get install python3-django python3-djangorestframework '
            'python3-django-cors-headers python3-djangorestframework-spectacular gunicorn'
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
