"""Every record's ``sources`` now name ``core.Source`` (the same table): state only, no SQL."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_shared_content_from_careers'),
        ('pathways', '0004_plan_notes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='entryroute',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='nationnote',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='plannote',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='planstep',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='programme',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='progressionstage',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='qualification',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='requirement',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='specialism',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
            ],
        ),
    ]
