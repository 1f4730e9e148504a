"""
djoser's token views as the schema states them. drf-spectacular cannot guess them: it
takes the login's answer for its request serializer and cannot describe the logout, an
APIView without one. Registered by accounts' AppConfig when djoser is switched on.
"""
from djoser.serializers import TokenSerializer
from drf_spectacular.extensions import OpenApiViewExtension
from drf_spectacular.utils import extend_schema_view

from .views import login_schema, logout_schema


class TokenCreateViewSchema(OpenApiViewExtension):
    target_class = 'djoser.views.TokenCreateView'

    def view_replacement(self):
        @extend_schema_view(post=login_schema(TokenSerializer))
        class TokenCreateView(self.target_class):
            pass

        return TokenCreateView


class TokenDestroyViewSchema(OpenApiViewExtension):
    target_class = 'djoser.views.TokenDestroyView'

    def view_replacement(self):
        @extend_schema_view(post=logout_schema)
        class TokenDestroyView(self.target_class):
            pass

        return TokenDestroyView
