"""hosts: server processes say they are alive, so the presence of a dead one can be swept

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 23:00:00

"""
from alembic import op
import sqlalchemy as sa

import app.models._types


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hosts',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('seen_at', app.models._types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hosts'))
    )


def downgrade():
    op.drop_table('hosts')
