import math

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

    def to_internal_value(self, data):
        # int() of an infinite float (1e400 in JSON) and a pk beyond SQLite's 64 bits
        # raise OverflowError, which DRF leaves to a 500: infinity is no pk at all, a
        # number too big names no choice.
        try:
            return super().to_internal_value(data)
        except OverflowError:
            if isinstance(data, float) and math.isinf(data):
                self.fail('incorrect_type', data_type=type(data).__name__)
            self.fail('does_not_exist', pk_value=data)


class VoteSerializer(serializers.Serializer):
    choice = ChoiceOfQuestionField()
