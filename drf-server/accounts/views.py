from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.authtoken import views as authtoken_views
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import AuthTokenSerializer


# DRF's view, named as DRF names it, with the throttled serializer. It takes no
# token, which the schema says.
@extend_schema_view(post=extend_schema(auth=[]))
class ObtainAuthToken(authtoken_views.ObtainAuthToken):
    serializer_class = AuthTokenSerializer


obtain_auth_token = ObtainAuthToken.as_view()


class LogoutView(APIView):
    # DRF has no logout view: deleting the caller's token is what revokes it. The
    # next login creates a new one. (A request can come in without a token only when
    # a switch lets it: AllowAny, or a session.) No docstring: DRF would show it in
    # the OPTIONS answer.
    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if request.auth is not None:
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
