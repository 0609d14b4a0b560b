"""The commands: build, check, serve and diff, each one function the command line calls.
The top layer: it puts `generator.source`, `generator.site` and `generator.builder` together."""
