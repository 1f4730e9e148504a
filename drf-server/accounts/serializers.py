from rest_framework.authtoken import serializers as authtoken_serializers

from .throttling import failed_login_counted


class AuthTokenSerializer(authtoken_serializers.AuthTokenSerializer):
    # DRF's serializer, named as DRF names it, with a throttle around the credentials
    # check. validate() runs once both fields are valid: a locked-out username is
    # refused before its password is checked, and only wrong credentials stay counted.
    def validate(self, attrs):
        with failed_login_counted(attrs['username']):
            return super().validate(attrs)
