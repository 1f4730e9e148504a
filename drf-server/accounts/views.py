from drf_errors import (
    BAD_REQUEST,
    NOT_ACCEPTABLE,
    NOT_AUTHENTICATED,
    RETRY_AFTER,
    THROTTLED,
    TOKEN_CHALLENGE,
    UNSUPPORTED_MEDIA_TYPE,
)
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.authtoken import views as authtoken_views
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import AuthTokenSerializer


def login_schema(answer):
    """
    A login's POST, for the schema: it needs no token, but DRF's default authentication
    still runs on it, so a bad Authorization header is a 401; `answer` holds the key.
    """
    return extend_schema(
        auth=[],
        parameters=[TOKEN_CHALLENGE, RETRY_AFTER],
        responses={
            200: answer,
            400: BAD_REQUEST,
            401: NOT_AUTHENTICATED,
            406: NOT_ACCEPTABLE,
            415: UNSUPPORTED_MEDIA_TYPE,
            429: THROTTLED,
        },
    )


# A logout's POST, for the schema: no body, a 204 without one.
logout_schema = extend_schema(
    request=None,
    parameters=[TOKEN_CHALLENGE],
    responses={204: None, 401: NOT_AUTHENTICATED, 406: NOT_ACCEPTABLE},
)


# DRF's view, named as DRF names it, with the throttled serializer.
@extend_schema_view(post=login_schema(AuthTokenSerializer))
class ObtainAuthToken(authtoken_views.ObtainAuthToken):
    serializer_class = AuthTokenSerializer


obtain_auth_token = ObtainAuthToken.as_view()


class LogoutView(APIView):
    # DRF has no logout view: deleting the caller's token is what revokes it. The
    # next login creates a new one. (A request can come in without a token only when
    # a switch lets it: AllowAny, or a session.) No docstring: DRF would show it in
    # the OPTIONS answer.
    @logout_schema
    def post(self, request):
        if request.auth is not None:
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
