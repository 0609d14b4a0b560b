"""The page modules, one per kind of page; `generator.site.registry` lists them in
navigation order. Each imports the model and the site's leaf modules `page` and
`renderer`, never the registry or another page module."""
