from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.metadata import SimpleMetadata
from rest_framework.routers import DefaultRouter

from .views import QuestionViewSet


class SchemaMetadata(SimpleMetadata):
    """DRF's OPTIONS answer as a plain dict: drf-spectacular's YAML renderer (0.25, the
    schema view's first) cannot dump the OrderedDict DRF 3.14 builds, and OPTIONS would
    be a 500."""

    def determine_metadata(self, request, view):
        return dict(super().determine_metadata(request, view))


router = DefaultRouter()
router.register('questions', QuestionViewSet)

urlpatterns = [
    # The OpenAPI schema, for anyone: YAML, or JSON with ?format=json.
    path(
        'schema/',
        SpectacularAPIView.as_view(metadata_class=SchemaMetadata),
        name='schema',
    ),
    path('', include(router.urls)),
]
