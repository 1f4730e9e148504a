"""
The error answers of Django REST framework, stated for the OpenAPI schema: drf-spectacular
describes a view's successful answer by itself, never its errors, and a client (or a
generated one) needs both. Nothing here changes what the server answers.
"""
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.plumbing import (
    build_array_type,
    build_basic_type,
    build_object_type,
    get_doc,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """DRF's answer to a request it refuses as a whole: `{"detail": message}`."""

    detail = serializers.CharField()


class ValidationErrorSerializer(serializers.Serializer):
    """DRF's answer to fields it cannot accept: their messages, the body's in `non_field_errors`."""


class ValidationErrorSchema(OpenApiSerializerExtension):
    # An object of lists of messages, whatever the field names: no serializer field says that.
    target_class = ValidationErrorSerializer

    def map_serializer(self, auto_schema, direction):
        return build_object_type(
            description=get_doc(self.target_class),
            additionalProperties=build_array_type(build_basic_type(OpenApiTypes.STR)),
        )


BAD_REQUEST = OpenApiResponse(
    PolymorphicProxySerializer(
        component_name='BadRequest',
        serializers=[ValidationErrorSerializer, ErrorSerializer],
        resource_type_field_name=None,
    ),
    description='Fields that are missing or wrong, or a body that cannot be parsed',
)
NOT_AUTHENTICATED = OpenApiResponse(
    ErrorSerializer,
    description='No token, or one that is not valid; `WWW-Authenticate: Token` names the scheme',
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description='No question with this id')
NOT_ACCEPTABLE = OpenApiResponse(
    ErrorSerializer, description='The Accept header asks for nothing the view can send'
)
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(
    ErrorSerializer, description='A body that is neither JSON nor a form'
)
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description='Ten failed logins for this username within a minute; `Retry-After` says how long to wait',
)

# The headers of those answers that a client acts on.
TOKEN_CHALLENGE = OpenApiParameter(
    'WWW-Authenticate',
    str,
    OpenApiParameter.HEADER,
    description='The scheme the Authorization header needs: `Token`',
    response=[401],
)
RETRY_AFTER = OpenApiParameter(
    'Retry-After',
    int,
    OpenApiParameter.HEADER,
    description='Seconds until the username may try again',
    response=[429],
)
