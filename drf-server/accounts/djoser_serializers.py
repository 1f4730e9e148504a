from djoser import serializers as djoser_serializers
from djoser.conf import settings as djoser_settings

from .throttling import failed_login_counted


class TokenCreateSerializer(djoser_serializers.TokenCreateSerializer):
    # djoser's login serializer, named as djoser names it, with the throttle of the
    # tutorial's own login: djoser has none. Its fields are optional, so validate() also
    # runs without a username; djoser refuses that login, and there is no username to
    # count it against.
    def validate(self, attrs):
        username = attrs.get(djoser_settings.LOGIN_FIELD)
        if username is None:
            return super().validate(attrs)
        with failed_login_counted(username):
            return super().validate(attrs)
