"""The map in a browser: the self-contained HTML viewer and the live-preview server.

- `viewer.build_page(graph)`: the whole page as one HTML string (`argmap render --format html`);
- `data`: the map and its evaluations as the page's JSON;
- `diagrams`, `svg`: the diagram at each level of detail, cleaned for embedding;
- `assets/`: the page's template, stylesheet and scripts (engine.js ports argmap/evaluate/);
- `live.LiveMap`: a map file watched for saves, with its last good page state;
- `server.create_app`: the Starlette app behind `argmap serve` (a thin adapter over the above).

Only `server` imports Starlette and Uvicorn, and only when `argmap serve` runs.
"""
