/* --mode test and --mode bench (modes.c): the script's test: and bench:
 * probes, run through BPF_PROG_TEST_RUN instead of attaching anything. */
#ifndef LANTERN_MODES_H
#define LANTERN_MODES_H

#include "events.h"
#include "output.h"

struct bpf_program;
struct ring_buffer;

/* What the modes need of the session (run.c's). */
struct mode_session {
	const struct program *prog;
	struct bpf_program **progs; /* by probe id */
	struct ring_buffer *rb;
	struct event_state *events;
	struct output *out;
};

/* Each test: probe once, in the order written; its output is kept and
 * shown only when it fails (exit() with a code, errorf(), assert()).
 * Returns 0 when all passed, 1 when one failed, -1 when one could not
 * run (reported). */
int modes_run_tests(struct mode_session *m);

/* Each bench: probe repeated until the runs take a millisecond; the
 * average time of a run is printed, the probes' output is not. Returns 0,
 * 1 when one failed (exit() with a code, errorf()), -1 when one could not
 * run (reported). */
int modes_run_benches(struct mode_session *m);

#endif
