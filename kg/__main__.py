import signal
import sys

INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT)
MESSAGE = "Error: interrupted; outputs are written atomically, run the command again.\n"


def _finished() -> None:
    """The command is over and its outputs are in place: a Ctrl-C from now on (while the
    interpreter shuts down, when Python has restored the default handler) must not kill the
    process silently and turn a finished run into a failure."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _exit_fast(code: int) -> None:
    """After `kg add` / `kg remove` (the only commands that leave records in defaults.EXIT_RETAIN),
    end at once: every output is written and closed, only memory is left to free."""
    if not defaults.EXIT_RETAIN:
        return
    import logging
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


try:
    from . import defaults

    defaults.EXIT_RETAIN = []
    from .quick import main

    main()
    _finished()
    _exit_fast(0)
except KeyboardInterrupt:  # Ctrl-C while kg's modules load, before the CLI can catch it
    sys.stderr.write(MESSAGE)
    sys.exit(INTERRUPTED)
except SystemExit as exc:
    if exc.code == INTERRUPTED:  # the CLI's own answer to Ctrl-C is a silent exit 130
        sys.stderr.write(MESSAGE)
    else:
        _finished()
        if exc.code in (0, None):
            _exit_fast(0)
    raise
