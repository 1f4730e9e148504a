from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path('accounts/', include('accounts.urls')),
    path('polls/api/', include('polls.urls')),
]
if settings.DJOSER_ROUTES:
    urlpatterns.append(path('auth/', include('djoser.urls.authtoken')))
