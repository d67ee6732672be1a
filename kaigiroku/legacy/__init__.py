"""The legacy import: records a city has already published → meeting files in ``content/``, for a
person to review and mark; it never redacts. ``importer.import_files`` runs it per file:
``textpage`` and ``htmlpage`` turn a saved record into a ``Record``, ``header`` maps its table to
front matter, ``body`` cleans its minutes, ``frontmatter`` writes the YAML."""
