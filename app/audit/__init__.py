"""The audit log (contract §6.2): rows written in the operations' own transactions, read by
administrators and coordinators, pruned after AUDIT_KEEP_DAYS.

Services import `app.audit.log`; this package's own pages, API and hooks are wired by
`app.audit.setup` (so that importing the log pulls in nothing above it).
"""
