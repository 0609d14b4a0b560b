"""The data folder as source: YAML read with positions, schemas, located messages, and the
checks across files; `load()` hands valid data to `generator.model.assemble`.

Imports `generator.model` (and the shared `generator.errors`) only."""
