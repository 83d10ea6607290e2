import sys

INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT)

try:
    from .quick import main

    main()
except KeyboardInterrupt:  # Ctrl-C while kg's modules load, before the CLI can catch it
    sys.stderr.write("Error: interrupted; outputs are written atomically, run the command again.\n")
    sys.exit(INTERRUPTED)
except SystemExit as exc:
    if exc.code == INTERRUPTED:  # the CLI's own answer to Ctrl-C is a silent exit 130
        sys.stderr.write("Error: interrupted; outputs are written atomically, run the command again.\n")
    raise
