"""The redaction stage: a raw meeting file (front matter and minutes) → the same text with every
withheld span replaced by a placeholder, the ``Ledger`` of what was withheld and why, and the
detectors' findings for a person to decide. It knows nothing of meetings, pages or search:
``kaigiroku.content`` calls it on each file, and ``build()`` calls its leak check (``leakcheck``)
on every file of a staged build, looking for every withheld text whatever the stage believed."""
