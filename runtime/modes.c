/* --mode test and --mode bench, as bpftrace runs them: each test: or
 * bench: probe's XDP program through BPF_PROG_TEST_RUN, its events read
 * after each run. A test's output is captured (as text) and shown with its
 * failure; a benchmark's is thrown away. */
#include "modes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "../probes/provider.h"

/* The kernel's XDP test run wants a packet of at least an Ethernet
 * header, or refuses the run (EINVAL). */
#define ETH_HLEN 14

/* The probes of one kind, in the order written; names[] as the results
 * call them (the NAME of test:NAME). */
static int probes_of(const struct program *p, enum special_probe kind, int *ids, const char **names)
{
	int n = 0;
	for (int i = 0; i < p->nprobes; i++) {
		if (p->probes[i].ap->provider->special != kind)
			continue;
		ids[n] = i;
		names[n++] = p->probes[i].ap->data;
	}
	return n;
}

/* A fresh start for the next run: exit() and errors are its own. */
static void reset_run_state(struct event_state *st)
{
	st->exit_requested = false;
	st->after_exit = false;
	st->exit_code = 0;
	st->errors = 0;
}

/* Runs the program repeat times; its events are handled now. -1 after
 * reporting a failure; 1 when a stop signal cut the runs short. */
static int test_run(struct mode_session *m, int id, unsigned int repeat, struct bpf_test_run_opts *opts)
{
	char packet[ETH_HLEN] = { 0 };
	opts->sz = sizeof(*opts);
	opts->data_in = packet;
	opts->data_size_in = sizeof(packet);
	opts->repeat = (int)repeat;
	if (bpf_prog_test_run_opts(bpf_program__fd(m->progs[id]), opts)) {
		if (errno == EINTR && *m->events->stop)
			return 1; /* ^C: the kernel stops repeating at a signal */
		diag_plain_error("bpf_prog_test_run_opts failed for %s: %s", m->prog->probes[id].ap->name,
				 strerror(errno));
		return -1;
	}
	m->events->draining = true; /* all of it, even after ^C */
	ring_buffer__consume(m->rb);
	m->events->draining = false;
	return 0;
}

int modes_run_tests(struct mode_session *m)
{
	int ids[m->prog->nprobes + 1];
	const char *names[m->prog->nprobes + 1];
	bool passed[m->prog->nprobes + 1];
	struct run_results r = { .names = names, .passed = passed };
	r.n = probes_of(m->prog, SPECIAL_TEST, ids, names);
	int rc = 0;
	for (int i = 0; i < r.n && !*m->events->stop; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *capture = open_memstream(&text, &len);
		if (!capture) {
			diag_plain_error("cannot capture a test's output: %s", strerror(errno));
			return -1;
		}
		/* what it prints is kept as text, whatever the format, as bpftrace's */
		struct output saved = *m->out;
		*m->out = (struct output){ .ops = &output_text, .prog = m->prog, .out = capture, .err = capture };
		reset_run_state(m->events);
		LIBBPF_OPTS(bpf_test_run_opts, opts);
		int err = test_run(m, ids[i], 1, &opts);
		*m->out = saved;
		fclose(capture);
		if (err) {
			free(text);
			return err < 0 ? -1 : rc;
		}
		passed[i] = opts.retval == 0 && m->events->exit_code == 0 && m->events->errors == 0;
		m->out->ops->test_result(m->out, &r, i, opts.duration, text ? text : "");
		free(text);
		if (!passed[i])
			rc = 1;
		r.shown++;
	}
	reset_run_state(m->events);
	return rc;
}

/* Repeats: ×1000 while the runs took under 1 µs in all, ×100 under
 * 10 µs, ×10 under 100 µs, ×2 under 1 ms: a few milliseconds a
 * benchmark at most, as bpftrace. */
static unsigned long long more_iterations(unsigned long long total_ns)
{
	if (total_ns < 1000)
		return 1000;
	if (total_ns < 10000)
		return 100;
	if (total_ns < 100000)
		return 10;
	return total_ns < 1000000 ? 2 : 1;
}

/* The repeat count the kernel takes is 32 bits. */
#define MAX_REPEAT 0xffffffffULL

int modes_run_benches(struct mode_session *m)
{
	int ids[m->prog->nprobes + 1];
	const char *names[m->prog->nprobes + 1];
	struct run_results r = { .names = names };
	r.n = probes_of(m->prog, SPECIAL_BENCH, ids, names);
	FILE *discard = r.n ? fopen("/dev/null", "w") : NULL;
	if (r.n && !discard) {
		diag_plain_error("cannot open /dev/null: %s", strerror(errno));
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < r.n && !*m->events->stop; i++) {
		unsigned long long iters = 1;
		while (!*m->events->stop) {
			struct output saved = *m->out;
			m->out->out = m->out->err = discard;
			reset_run_state(m->events);
			LIBBPF_OPTS(bpf_test_run_opts, opts);
			int err = test_run(m, ids[i], (unsigned int)iters, &opts);
			fflush(discard);
			*m->out = saved;
			if (err) {
				fclose(discard);
				return err < 0 ? -1 : rc;
			}
			/* failed at once: bpftrace grows the repeat first, which
			 * only fills the ring buffer with the failures */
			if (m->events->exit_code != 0 || m->events->errors != 0) {
				diag_plain_error("Benchmark '%s' failed.", names[i]);
				rc = 1;
				break;
			}
			if (opts.retval != 0)
				break; /* a benchmark may skip itself by its return value */
			unsigned long long grow = more_iterations((unsigned long long)opts.duration * iters);
			if (grow > 1 && iters * grow <= MAX_REPEAT) {
				iters *= grow;
				continue;
			}
			m->out->ops->bench_result(m->out, &r, i, opts.duration, iters);
			r.shown++;
			break;
		}
	}
	if (discard)
		fclose(discard);
	reset_run_state(m->events);
	return rc;
}
