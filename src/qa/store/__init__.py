"""Storage: the schema, database sessions and migrations."""
