from decimal import Decimal

from django.db import migrations


def create_default(apps, schema_editor):
    RankingPolicy = apps.get_model("reports", "RankingPolicy")
    if not RankingPolicy.objects.exists():
        RankingPolicy.objects.create(
            praise_completion_min=Decimal(90), praise_on_time_min=Decimal(80),
            criticise_completion_below=Decimal(50), min_came_due=1,
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
