"""The command line: options in, a report on stdout or a file, diagnostics on stderr, an exit code."""
