"""Browser proofs of issue 8: CSP, accessibility (a package, so its conftest is not the top-level `conftest`)."""
