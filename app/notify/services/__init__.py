"""The operations of reminders and digests: a person's choice per board, and `flask notify`."""
