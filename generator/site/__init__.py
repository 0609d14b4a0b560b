"""The site layer: page records, the renderer, the page modules and their templates, the
spreadsheets, and the staging tree each language's builder reads.

Imports `generator.model` (and the shared `generator.errors`) only; `page` is its leaf
module, `registry` the one that knows every page module."""
