"""The legacy import: records a city already holds → meeting files in ``content/``, for a person to
review and mark; it never redacts. ``importer.import_files`` runs it per file: a reader of ``readers``
turns the file (text export, saved page, Word, PDF) into Markdown blocks, a layout of ``shapes`` finds
its header, ``header`` maps it to front matter, ``body`` cleans the minutes, ``frontmatter`` writes the
YAML, ``placement`` chooses the council and file, ``report`` says what was done."""
