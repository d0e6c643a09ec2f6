"""notification settings, sent reminders, mail headers

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-30 19:19:22

"""
from alembic import op
import sqlalchemy as sa

import app.models._types


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=True),
    sa.Column('last_mailed_at', app.models._types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_digest_on', sa.Date(), nullable=True),
    sa.Column('updated_at', app.models._types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_notification_settings_board_id_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_settings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_settings')),
    sa.UniqueConstraint('board_id', 'user_id', name=op.f('uq_notification_settings_board_id_user_id'))
    )
    with op.batch_alter_table('notification_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_settings_board_id'), ['board_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_settings_user_id'), ['user_id'], unique=False)

    op.create_table('sent_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('ref_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('sent_at', app.models._types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_sent_reminders_board_id_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sent_reminders_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_reminders')),
    sa.UniqueConstraint('user_id', 'kind', 'ref_id', 'due_on', name=op.f('uq_sent_reminders_user_id_kind_ref_id_due_on'))
    )
    with op.batch_alter_table('sent_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sent_reminders_board_id'), ['board_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sent_reminders_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('headers', sa.JSON(), nullable=True))



def downgrade():
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_column('headers')

    with op.batch_alter_table('sent_reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sent_reminders_user_id'))
        batch_op.drop_index(batch_op.f('ix_sent_reminders_board_id'))

    op.drop_table('sent_reminders')
    with op.batch_alter_table('notification_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_settings_user_id'))
        batch_op.drop_index(batch_op.f('ix_notification_settings_board_id'))

    op.drop_table('notification_settings')
