from django.db.models import F
from django.http import Http404
from drf_errors import (
    BAD_REQUEST,
    NOT_ACCEPTABLE,
    NOT_AUTHENTICATED,
    NOT_FOUND,
    TOKEN_CHALLENGE,
    UNSUPPORTED_MEDIA_TYPE,
)
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Choice, Question
from .serializers import QuestionSerializer, VoteSerializer


# Every answer of the viewset may be a 401, with its challenge.
@extend_schema(parameters=[TOKEN_CHALLENGE])
@extend_schema_view(
    list=extend_schema(
        responses={
            200: QuestionSerializer(many=True),
            401: NOT_AUTHENTICATED,
            406: NOT_ACCEPTABLE,
        },
    ),
    retrieve=extend_schema(
        responses={
            200: QuestionSerializer,
            401: NOT_AUTHENTICATED,
            404: NOT_FOUND,
            406: NOT_ACCEPTABLE,
        },
    ),
)
class QuestionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Question.objects.prefetch_related('choice_set')
    serializer_class = QuestionSerializer

    def get_object(self):
        # SQLite stores 64 bits: a pk beyond them fails the query with OverflowError. It
        # names no question, so it is DRF's 404, as an id that is not a number is.
        try:
            return super().get_object()
        except OverflowError:
            raise Http404

    @extend_schema(
        request=VoteSerializer,
        responses={
            200: QuestionSerializer,
            400: BAD_REQUEST,
            401: NOT_AUTHENTICATED,
            404: NOT_FOUND,
            406: NOT_ACCEPTABLE,
            415: UNSUPPORTED_MEDIA_TYPE,
        },
    )
    @action(detail=True, methods=['post'], serializer_class=VoteSerializer)
    def vote(self, request, pk=None, format=None):
        # The question first: an unknown one is a 404 whatever the body says.
        question = self.get_object()
        serializer = VoteSerializer(data=request.data, context={'question': question})
        serializer.is_valid(raise_exception=True)
        # F() counts in the database, so simultaneous votes all count.
        choice = serializer.validated_data['choice']
        Choice.objects.filter(pk=choice.pk).update(votes=F('votes') + 1)
        question.refresh_from_db()
        return Response(QuestionSerializer(question).data)
