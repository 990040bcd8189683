"""Drawing: what to draw (diagram, style), DOT text, and Graphviz rendering."""
