"""Reading published legacy minutes: the header table, the body, HTML.

``textpage`` and ``htmlpage`` turn a saved record into a ``Record``;
``header`` maps its table to front matter, ``body`` cleans its minutes,
``frontmatter`` writes the YAML. ``kaigiroku.importer`` runs them per file.
"""
