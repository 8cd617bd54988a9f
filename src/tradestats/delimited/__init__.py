"""Reading delimited text files as users hand them over: the encoding, delimiter and header are
sniffed (``sniff``), lines are read with their file line numbers, and a line that cannot be read
becomes a ``BadLine`` naming file, line, field and why (``reader``).

Both the adapters (each source's layout) and the ingest pipeline (staging, checks, the store)
build on this package; it depends on neither, so there is no cycle between them.
"""
