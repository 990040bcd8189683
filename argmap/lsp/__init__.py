"""The language server (`argmap lsp`): a thin adapter over read/, evaluate/ and edit/.

- `analysis`: one version of a document checked, its ids indexed by place;
- `context`: what the cursor is in, from the text (which may not parse yet);
- `completion`, `hover`, `actions`, `symbols`: the answers, as plain data;
- `positions`, `convert`: offsets and argmap's results as LSP positions and messages;
- `server`: the pygls wiring, and the only module that speaks the protocol.
"""
