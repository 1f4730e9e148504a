from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from .views import QuestionViewSet

router = DefaultRouter()
router.register('questions', QuestionViewSet)

urlpatterns = [
    # The OpenAPI schema, for anyone: YAML, or JSON with ?format=json.
    path('schema/', SpectacularAPIView.as_view(), name='schema'),
    path('', include(router.urls)),
]
