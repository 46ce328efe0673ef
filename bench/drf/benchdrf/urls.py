"""The one route: GET /ref/drf."""
from django.urls import path
from rest_framework import generics, serializers
from rest_framework.response import Response

from benchdrf.models import Plan


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "name", "amount", "payment_cycle", "total_valid_months",
                  "is_cancellable"]


class PlanList(generics.GenericAPIView):
    queryset = Plan.objects.order_by("id")
    serializer_class = PlanSerializer

    def get(self, request):
        # One SELECT ... LIMIT 3 (no pagination class: its COUNT(*) would
        # be a second statement the other references do not make).
        rows = self.get_serializer(self.get_queryset()[:3], many=True).data
        return Response({"count": len(rows), "next": None, "previous": None,
                         "results": rows})


urlpatterns = [path("ref/drf", PlanList.as_view())]
