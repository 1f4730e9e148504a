import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = 'Adds a user with a password (and, by the post_save receiver, a token).'

    def add_arguments(self, parser):
        parser.add_argument('username')
        parser.add_argument(
            '--password',
            help='The password; or set POLLS_PASSWORD, which keeps it out of the process list.',
        )
        parser.add_argument(
            '--inactive', action='store_true', help='Neither its login nor its token work.'
        )

    def handle(self, *args, username, password, inactive, **options):
        password = password or os.environ.get('POLLS_PASSWORD')
        if not password:
            raise CommandError('--password (or POLLS_PASSWORD) is required')
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f'a user named "{username}" already exists')
        User.objects.create_user(username=username, password=password, is_active=not inactive)
        self.stdout.write(f'Created user "{username}".')
