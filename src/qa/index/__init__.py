"""The search index: versioned builds on disk (FAISS + BM25) with their rows in the database."""
