"""`fitness lsp`: the rules in the editor, over the Language Server Protocol.

A front end like the CLI. `session` keeps one configured project across edits
and checks it with the editor's unsaved buffers laid over the work tree;
`diagnostics`, `hover` and `actions` turn a check into what the protocol
carries, as plain records; only `server` knows pygls (the optional extra
`fitness-arch[lsp]`), so everything else is tested without it.
"""
