from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Choice, Question


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ['id', 'choice_text', 'votes']
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    choices = ChoiceSerializer(many=True, read_only=True, source='choice_set')

    class Meta:
        model = Question
        fields = ['id', 'question_text', 'pub_date', 'choices']
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class ChoiceOfQuestionField(serializers.PrimaryKeyRelatedField):
    # A choice of another question is "Invalid pk", as one that does not exist.
    def get_queryset(self):
        return self.context['question'].choice_set.all()


class VoteSerializer(serializers.Serializer):
    choice = ChoiceOfQuestionField()
