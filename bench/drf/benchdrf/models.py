"""Clientele's plans table, read only (Clientele's migrations own it)."""
from django.db import models


class Plan(models.Model):
    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=100)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    payment_cycle = models.IntegerField()
    total_valid_months = models.IntegerField()
    is_cancellable = models.BooleanField()

    class Meta:
        managed = False
        db_table = "plans"
