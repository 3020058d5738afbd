"""Sources, snippets, glossary terms and fixture updates (with their history) move from careers
to core, keeping their tables (``careers_source`` and so on): state only, no SQL.
Careers and pathways point their ``sources`` at them next (careers/0005, pathways/0005), and
0003 moves their content types."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0004_role_key_facts'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_content_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalGlossaryTerm',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('is_published', models.BooleanField(default=True, help_text='Untick to hide this from the public site.', verbose_name='published')),
                        ('last_reviewed', models.DateField(default=django.utils.timezone.localdate, help_text='When an editor last checked this against its sources.')),
                        ('needs_verification', models.BooleanField(default=False, help_text='Tick when a figure must be checked against its source before it can be trusted.', verbose_name='flagged for verification')),
                        ('verification_note', models.CharField(blank=True, help_text="What to check and where, shown to visitors as 'check with …'.", max_length=300)),
                        ('slug', models.SlugField(max_length=80)),
                        ('term', models.CharField(help_text="As it is written, e.g. 'HCPC'.", max_length=80)),
                        ('also_matches', models.CharField(blank=True, help_text="Other ways pages write it, comma-separated, e.g. 'Agenda for Change pay'.", max_length=300)),
                        ('definition', models.TextField(help_text='One or two plain sentences.')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical glossary term',
                        'verbose_name_plural': 'historical glossary terms',
                        'db_table': 'careers_historicalglossaryterm',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSnippet',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('is_published', models.BooleanField(default=True, help_text='Untick to hide this from the public site.', verbose_name='published')),
                        ('last_reviewed', models.DateField(default=django.utils.timezone.localdate, help_text='When an editor last checked this against its sources.')),
                        ('needs_verification', models.BooleanField(default=False, help_text='Tick when a figure must be checked against its source before it can be trusted.', verbose_name='flagged for verification')),
                        ('verification_note', models.CharField(blank=True, help_text="What to check and where, shown to visitors as 'check with …'.", max_length=300)),
                        ('slug', models.SlugField(max_length=80)),
                        ('title', models.CharField(blank=True, max_length=160)),
                        ('text', models.TextField(help_text='Blank lines separate paragraphs.')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical snippet',
                        'verbose_name_plural': 'historical snippets',
                        'db_table': 'careers_historicalsnippet',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalSource',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80)),
                        ('title', models.CharField(max_length=200)),
                        ('publisher', models.CharField(max_length=200)),
                        ('url', models.URLField(blank=True, help_text="The page cited, not the publisher's home page. Empty when the source has no public page.", max_length=500, verbose_name='URL')),
                        ('date_shown', models.CharField(default='undated', help_text="The date the source itself gives, as it gives it (or 'undated').", max_length=60)),
                        ('last_checked', models.DateField(blank=True, help_text="When an editor last checked this source against its live page. Empty until someone does: visitors see 'checked' only where an editor set it.", null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('checked_by', models.ForeignKey(blank=True, db_constraint=False, help_text='The editor who last checked it.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical source',
                        'verbose_name_plural': 'historical sources',
                        'db_table': 'careers_historicalsource',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Source',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=80, unique=True)),
                        ('title', models.CharField(max_length=200)),
                        ('publisher', models.CharField(max_length=200)),
                        ('url', models.URLField(blank=True, help_text="The page cited, not the publisher's home page. Empty when the source has no public page.", max_length=500, verbose_name='URL')),
                        ('date_shown', models.CharField(default='undated', help_text="The date the source itself gives, as it gives it (or 'undated').", max_length=60)),
                        ('last_checked', models.DateField(blank=True, help_text="When an editor last checked this source against its live page. Empty until someone does: visitors see 'checked' only where an editor set it.", null=True)),
                        ('checked_by', models.ForeignKey(blank=True, help_text='The editor who last checked it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'careers_source',
                        'ordering': ['publisher', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Snippet',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('is_published', models.BooleanField(default=True, help_text='Untick to hide this from the public site.', verbose_name='published')),
                        ('last_reviewed', models.DateField(default=django.utils.timezone.localdate, help_text='When an editor last checked this against its sources.')),
                        ('needs_verification', models.BooleanField(default=False, help_text='Tick when a figure must be checked against its source before it can be trusted.', verbose_name='flagged for verification')),
                        ('verification_note', models.CharField(blank=True, help_text="What to check and where, shown to visitors as 'check with …'.", max_length=300)),
                        ('slug', models.SlugField(max_length=80, unique=True)),
                        ('title', models.CharField(blank=True, max_length=160)),
                        ('text', models.TextField(help_text='Blank lines separate paragraphs.')),
                        ('sources', models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source')),
                    ],
                    options={
                        'db_table': 'careers_snippet',
                        'ordering': ['slug'],
                    },
                ),
                migrations.CreateModel(
                    name='GlossaryTerm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('is_published', models.BooleanField(default=True, help_text='Untick to hide this from the public site.', verbose_name='published')),
                        ('last_reviewed', models.DateField(default=django.utils.timezone.localdate, help_text='When an editor last checked this against its sources.')),
                        ('needs_verification', models.BooleanField(default=False, help_text='Tick when a figure must be checked against its source before it can be trusted.', verbose_name='flagged for verification')),
                        ('verification_note', models.CharField(blank=True, help_text="What to check and where, shown to visitors as 'check with …'.", max_length=300)),
                        ('slug', models.SlugField(max_length=80, unique=True)),
                        ('term', models.CharField(help_text="As it is written, e.g. 'HCPC'.", max_length=80)),
                        ('also_matches', models.CharField(blank=True, help_text="Other ways pages write it, comma-separated, e.g. 'Agenda for Change pay'.", max_length=300)),
                        ('definition', models.TextField(help_text='One or two plain sentences.')),
                        ('sources', models.ManyToManyField(blank=True, help_text='Where the facts in this record come from.', related_name='+', to='core.source')),
                    ],
                    options={
                        'db_table': 'careers_glossaryterm',
                        'ordering': ['term'],
                    },
                ),
                migrations.CreateModel(
                    name='FixtureUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveIntegerField()),
                        ('fixture_values', models.JSONField(help_text="The fixture's version of the record: field values, related records' ids, and which fields the fixture changed since it was seeded.")),
                        ('is_declined', models.BooleanField(default=False, help_text='Set when an editor keeps their text; a later fixture version asks again.', verbose_name='editor kept their text')),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('noticed_at', models.DateTimeField(auto_now=True, help_text='When seeding last found this fixture version.')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'careers_fixtureupdate',
                        'ordering': ['content_type', 'object_id'],
                        'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='fixtureupdate_one_per_record')],
                    },
                ),
            ],
        ),
    ]
