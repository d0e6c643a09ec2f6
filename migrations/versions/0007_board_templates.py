"""board templates a coordinator saved

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-30 19:40:00

"""
from alembic import op
import sqlalchemy as sa

import app.models._types


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('board_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('phases', sa.JSON(), nullable=False),
    sa.Column('lanes', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('source_board_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models._types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_board_templates_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_board_id'], ['boards.id'], name=op.f('fk_board_templates_source_board_id_boards'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_templates'))
    )
    with op.batch_alter_table('board_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_templates_created_by_id'), ['created_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('board_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_templates_created_by_id'))

    op.drop_table('board_templates')
