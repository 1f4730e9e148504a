from django.conf import settings
from rest_framework.authentication import TokenAuthentication


class KeywordTokenAuthentication(TokenAuthentication):
    """TokenAuthentication that wants another keyword (`Bearer <key>`): a client that
    sends `Token <key>` is refused. Only the DRF_SERVER_TOKEN_KEYWORD switch uses it."""

    keyword = settings.TOKEN_KEYWORD
