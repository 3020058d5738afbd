"""Sources, snippets, glossary terms and fixture updates now live in core (core/0002), in the
same tables: careers' ``sources`` name ``core.Source``, and the old models leave careers'
state. State only, no SQL. After pathways/0005, so no state ever points at a removed model."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0004_role_key_facts'),
        ('core', '0002_shared_content_from_careers'),
        ('pathways', '0005_sources_in_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='clientgroup',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='nationfact',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='organisation',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='payfigure',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='relatedrole',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='role',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='skill',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='task',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.AlterField(
                    model_name='workplace',
                    name='sources',
                    field=models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source'),
                ),
                migrations.RemoveField(
                    model_name='fixtureupdate',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='fixtureupdate',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='glossaryterm',
                    name='sources',
                ),
                migrations.RemoveField(
                    model_name='historicalglossaryterm',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsnippet',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsource',
                    name='checked_by',
                ),
                migrations.RemoveField(
                    model_name='historicalsource',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='snippet',
                    name='sources',
                ),
                migrations.RemoveField(
                    model_name='source',
                    name='checked_by',
                ),
                migrations.DeleteModel(
                    name='FixtureUpdate',
                ),
                migrations.DeleteModel(
                    name='GlossaryTerm',
                ),
                migrations.DeleteModel(
                    name='HistoricalGlossaryTerm',
                ),
                migrations.DeleteModel(
                    name='HistoricalSnippet',
                ),
                migrations.DeleteModel(
                    name='HistoricalSource',
                ),
                migrations.DeleteModel(
                    name='Snippet',
                ),
                migrations.DeleteModel(
                    name='Source',
                ),
            ],
        ),
    ]
