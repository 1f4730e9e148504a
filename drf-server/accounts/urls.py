from django.conf import settings
from django.urls import path

from . import views

urlpatterns = [
    path('get_auth_token/', views.obtain_auth_token, name='get_auth_token'),
]
if settings.LOGOUT_ROUTE:
    urlpatterns.append(path('logout/', views.LogoutView.as_view(), name='logout'))
