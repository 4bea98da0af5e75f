/* Loading, attaching, running, and printing what the maps gathered. The
 * only part of lantern that talks to the kernel at run time. */
#ifndef LANTERN_RUNTIME_H
#define LANTERN_RUNTIME_H
#include <stdbool.h>
#include <stdio.h>

#include "../codegen/bpf_image.h"
#include "../compiler/config.h"
#include "child.h"

/* -B: how stdout (or -o's file) is buffered. The default: fully, and
 * flushed after each batch of events, so a reader sees them at once. */
enum output_buffering { BUFFER_DEFAULT, BUFFER_LINE, BUFFER_FULL, BUFFER_NONE };

/* --mode: run the script (attach its probes), or only its test: probes,
 * or only its bench: probes (runtime/modes.c). */
enum run_mode { RUN_NORMAL, RUN_TESTS, RUN_BENCHES };

struct run_options {
	bool verbose; /* libbpf's messages and full verifier logs */
	const char *format; /* of the output (runtime/output.h); NULL: text */
	bool quiet;         /* no attached-probes message */
	FILE *teach;        /* -d asm: the programs as the kernel verified them, here (runtime/teach.c) */
	FILE *out;          /* where the output goes (-o); NULL: stdout */
	bool no_exit_maps;  /* print_maps_on_exit=0: no maps printed at exit */
	enum missing_probes attach_failure; /* an attach point that fails: error, warn or ignore */
	long log_size;      /* bytes of the verifier's log; 0: libbpf grows its own */
	int watch_pid;      /* -p: stop when this process exits; 0: none */
	struct child *child; /* -c: released once the probes are attached, stopped at the end */
	long long max_cat_bytes; /* cat()'s limit */
	enum output_buffering buffering;
	int user_symbol_cache; /* cache_user_symbols (runtime/symbols_user.h) */
	bool cpp_demangle;     /* C++ user symbols demangled */
	enum run_mode mode;
};

/* Returns the process exit status: 0, the code given to exit(), or 1 after
 * an error (already reported). */
int runtime_run(struct program *p, struct bpf_image *img, const struct run_options *o);

/* --info (info.c): the system, the build and what this kernel offers
 * lantern, on out. */
int runtime_info(FILE *out, const char *version, const char *llvm_version);

#endif
