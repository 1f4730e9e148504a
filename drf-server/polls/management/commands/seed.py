import base64
import hashlib
import hmac
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from polls.models import Choice, Question

# The mock API's seed, so that both servers start with the same users, questions,
# choices, ids and dates.
SEED = settings.BASE_DIR.parent / 'mock-api' / 'seed.json'

# seed.json keeps the mock's scrypt hashes, which Django 3.2 cannot check (its
# ScryptPasswordHasher came in 4.0), so each user gets its documented password hashed
# by Django's default hasher; scrypt_matches() proves it is the password of the hash.
SEED_PASSWORDS = {'admin': 'admin'}


def scrypt_matches(password, encoded):
    """Whether `password` is the one of a `scrypt$N$salt$r$p$base64` hash."""
    algorithm, n, salt, r, p, key = encoded.split('$')
    n, r, p = int(n), int(r), int(p)
    derived = hashlib.scrypt(
        password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=256 * n * r * p, dklen=64
    )
    return algorithm == 'scrypt' and hmac.compare_digest(base64.b64encode(derived).decode(), key)


class Command(BaseCommand):
    help = "Loads mock-api/seed.json into a new database; --reset empties the database first."

    def add_arguments(self, parser):
        parser.add_argument('--reset', action='store_true', help='Restore the seed.')

    def handle(self, *args, reset=False, **options):
        User = get_user_model()
        if reset:
            call_command('flush', interactive=False, verbosity=0)
        elif User.objects.exists() or Question.objects.exists():
            return
        seed = json.loads(SEED.read_text(encoding='utf-8'))
        with transaction.atomic():
            for record in seed['users']:
                password = SEED_PASSWORDS.get(record['username'])
                if password is None or not scrypt_matches(password, record['password']):
                    raise CommandError(f"no known password for {record['username']} in {SEED}")
                user = User(
                    id=record['id'],
                    username=record['username'],
                    is_active=record['is_active'],
                    is_staff=record['is_staff'],
                    is_superuser=record['is_superuser'],
                    date_joined=parse_datetime(record['date_joined']),
                )
                user.set_password(password)
                # The post_save receiver gives the user a new token.
                user.save()
            Question.objects.bulk_create(
                Question(
                    id=record['id'],
                    question_text=record['question_text'],
                    pub_date=parse_datetime(record['pub_date']),
                )
                for record in seed['questions']
            )
            Choice.objects.bulk_create(
                Choice(
                    id=record['id'],
                    question_id=record['questionId'],
                    choice_text=record['choice_text'],
                    votes=record['votes'],
                )
                for record in seed['choices']
            )
        self.stdout.write(f'Loaded the seed into {settings.DATABASES["default"]["NAME"]}.')
