from django.db.models import F
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Choice, Question
from .serializers import QuestionSerializer, VoteSerializer


class QuestionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Question.objects.prefetch_related('choice_set')
    serializer_class = QuestionSerializer

    @extend_schema(request=VoteSerializer, responses=QuestionSerializer)
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
