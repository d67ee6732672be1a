"""The internal preview of ``serve``: every stage run on the content as it is edited, into a private
folder, with every withholding and finding shown, served on 127.0.0.1 with live reload. It drives the
stages before it and is never part of a public build."""
