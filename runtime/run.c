/* The life of a script in the kernel: load, BEGIN, attach, events until
 * exit() or a signal, detach, END, print the maps, unload. Every path out,
 * errors included, goes through the same teardown. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "../probes/provider.h"
#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "events.h"
#include "iterators.h"
#include "kernel_features.h"
#include "libbpf_log.h"
#include "line_info.h"
#include "modes.h"
#include "pcap.h"
#include "teach.h"
#include "verifier_reasons.h"
#include "runtime.h"
#include "symbols_user.h"

static volatile sig_atomic_t stop_signal, usr1_signals;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void on_usr1(int sig)
{
	(void)sig;
	usr1_signals++;
}

/* SA_RESTART: a write to stdout that a signal interrupts goes on (without
 * it the buffer being written was lost). The ring buffer's epoll_wait is
 * never restarted, so the event loop still sees the signal at once.
 * SIGPIPE (stdout closed) and SIGHUP stop lantern as SIGINT does. */
static void install_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	/* self:signal:SIGUSR1's; without one, SIGUSR1 does nothing (it
	 * does not end lantern with the maps unprinted) */
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
}

/* What lantern says when a signal other than the user's ^C stops it. */
static void say_why_stopped(void)
{
	if (stop_signal == SIGPIPE)
		fputs("lantern: standard output was closed: stopping\n", stderr);
	else if (stop_signal == SIGHUP)
		fputs("lantern: hung up (SIGHUP): stopping\n", stderr);
}

struct session {
	bool quiet;
	const struct run_options *o;
	int attached;     /* attach points attached (some may be skipped) */
	char *log_buf;    /* log_size bytes for the verifier's log, or NULL */
	struct program *prog;
	struct bpf_object *obj;
	struct bpf_program **progs; /* by probe id */
	struct ring_buffer *rb;
	struct pcap_output *pcap; /* skboutput()'s files, or NULL */
	struct link_list links;
	struct output out;
	struct event_state events;
	int lost_fd;
	void *cpu_slots; /* the CPU-slots global, mapped; or NULL */
	size_t cpu_slots_size;
	int watch_pid;   /* the -p or -c process, whose exit ends the run; 0: none */
	int watch_fd;    /* its pidfd, readable once it exits; or -1 */
	bool watched_exited;
	int iterators_fd; /* readable once the iterators are read (iterators.h); or -1 */
	/* by probe id: its links in links, [from, to), for unwatch(); those
	 * attached with attach_many have none (watchpoints are not) */
	int *links_from, *links_to;
	bool iterated;
};

/* The map libbpf made of a data section (".rodata", ".bss"): its name is
 * a prefix of the object's name, then the section's. */
static struct bpf_map *section_map(struct bpf_object *obj, const char *section)
{
	struct bpf_map *map;
	size_t len = strlen(section);
	bpf_object__for_each_map(map, obj)
	{
		const char *name = bpf_map__name(map);
		size_t n = strlen(name);
		if (n >= len && !strcmp(name + n - len, section))
			return map;
	}
	return NULL;
}

static int set_start_time(struct bpf_object *obj)
{
	unsigned long long now = monotonic_ns();
	struct bpf_map *map = section_map(obj, ".rodata");
	return map ? bpf_map__set_initial_value(map, &now, sizeof(now)) : 0;
}

/* Maps the kernel's copy of the CPU-slots global (in .bss) into our
 * memory: reading, clearing and zeroing its maps are then plain memory
 * accesses, with no system call. */
static int map_cpu_slots(struct session *s, size_t needed)
{
	if (!needed)
		return 0; /* no key-less aggregates in slots */
	struct bpf_map *map = section_map(s->obj, ".bss");
	size_t size = map ? bpf_map__value_size(map) : 0;
	void *p = MAP_FAILED;
	errno = 0;
	if (size >= needed && (bpf_map__map_flags(map) & BPF_F_MMAPABLE))
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(map), 0);
	if (p == MAP_FAILED) {
		diag_plain_error("cannot map the key-less aggregates' memory: %s",
				 errno ? strerror(errno) : "libbpf made no mappable .bss map of the expected size");
		return -1;
	}
	s->cpu_slots = p;
	s->cpu_slots_size = size;
	return 0;
}

static void find_map_places(struct session *s, const struct map_layout *layouts)
{
	int n = s->prog->nmaps;
	s->events.places = arena_alloc(sizeof(*s->events.places) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		struct map_place *p = &s->events.places[i];
		*p = (struct map_place){ .fd = -1 };
		if (layouts[i].cpu_slots)
			p->slots = (unsigned char *)s->cpu_slots + layouts[i].slot_offset;
		else
			p->fd = bpf_object__find_map_fd_by_name(s->obj, map_global_name(s->prog->maps[i]));
	}
}

static void report_load_failure(struct session *s, const struct bpf_image *img, int err)
{
	if (err == -EPERM && geteuid() != 0) {
		diag_plain_error("the kernel refused to load BPF programs: %s; lantern needs root "
				 "(or CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN)", strerror(-err));
		return;
	}
	if (err == -EPERM) { /* as root: this kernel forbids a program type (fentry on some kernels) */
		int id = libbpf_log_failed_program(s->prog, NULL, (char[8]){ 0 }, 8);
		const struct probe_instance *inst = id >= 0 && id < s->prog->nprobes ? &s->prog->probes[id] : NULL;
		if (inst)
			diag_error(inst->ap->loc, "this kernel does not let %s programs load, even for root (%s)",
				   inst->ap->provider->name, strerror(-err));
		else
			diag_plain_error("the kernel refused to load BPF programs, even for root: %s", strerror(-err));
		return;
	}
	char reason[512];
	const char *own_log = s->log_buf && s->log_buf[0] ? s->log_buf : NULL;
	if (own_log && s->o->verbose) /* libbpf prints only a log of its own buffer */
		fprintf(stderr, "-- BEGIN PROG LOAD LOG --\n%s-- END PROG LOAD LOG --\n", own_log);
	int id = libbpf_log_failed_program(s->prog, own_log, reason, sizeof(reason));
	char plain[768];
	verifier_reason_explain(reason, plain, sizeof(plain));
	struct loc at;
	if (id >= 0 && id < s->prog->nprobes &&
	    line_info_place(img, program_name(s->prog, id), libbpf_log_failed_insn(own_log), &at)) {
		ast_widen_place(s->prog->probes[id].probe, &at);
		diag_error(at, "the kernel's verifier rejected this, in the program of %s: %s",
			   s->prog->probes[id].ap->name, plain);
	} else if (id >= 0 && id < s->prog->nprobes) {
		struct probe_instance *inst = &s->prog->probes[id];
		diag_error(inst->probe->loc, "the kernel's BPF verifier rejected the program of %s: %s",
			   inst->ap->name, plain);
	} else {
		diag_plain_error("loading the BPF programs failed (%s): %s", strerror(-err), reason);
	}
	if (err == -ENOSPC && s->log_buf)
		fprintf(diag_stream(), "(the verifier's log did not fit in log_size, %ld bytes, and was cut)\n",
			s->o->log_size);
	fputs("(run with -v to see the verifier's full log)\n", diag_stream());
}

/* Whether the program of an instance of p runs in this mode: test: and
 * bench: only in theirs, the attached probes only outside them. Those
 * that do not are not loaded (nor verified). */
static bool runs_in(const struct provider *p, enum run_mode mode)
{
	switch (p->special) {
	case SPECIAL_BEGIN:
	case SPECIAL_END:
	case SPECIAL_SIGNAL:
		return true;
	case SPECIAL_TEST:
		return mode == RUN_TESTS;
	case SPECIAL_BENCH:
		return mode == RUN_BENCHES;
	default:
		return mode == RUN_NORMAL;
	}
}

static int load(struct session *s, struct bpf_image *img)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "lantern");
	/* log_size: libbpf then uses this buffer as it is, and a log that
	 * does not fit fails the load (ENOSPC), as in bpftrace */
	if (s->o->log_size > 0 && (s->log_buf = malloc((size_t)s->o->log_size))) {
		opts.kernel_log_buf = s->log_buf;
		opts.kernel_log_size = (size_t)s->o->log_size;
	}
	s->obj = bpf_object__open_mem(img->data, img->size, &opts);
	if (!s->obj) {
		diag_plain_error("cannot open the generated BPF object: %s", strerror(errno));
		return -1;
	}
	set_start_time(s->obj);
	s->progs = arena_alloc(sizeof(*s->progs) * (size_t)(s->prog->nprobes + 1));
	const struct attach_point **aps = arena_alloc(sizeof(*aps) * (size_t)(s->prog->nprobes + 1));
	for (int i = 0; i < s->prog->nprobes; i++) {
		const struct probe_instance *inst = &s->prog->probes[i];
		s->progs[i] = bpf_object__find_program_by_name(s->obj, program_name(s->prog, inst->program));
		if (inst->program == i && !runs_in(inst->ap->provider, s->o->mode)) {
			bpf_program__set_autoload(s->progs[i], false);
			continue;
		}
		if (inst->program != i || !inst->ap->provider->prepare)
			continue;
		int n = 0; /* the attach points it serves */
		for (int j = i; j < s->prog->nprobes; j++)
			if (s->prog->probes[j].program == i)
				aps[n++] = s->prog->probes[j].ap;
		inst->ap->provider->prepare(s->progs[i], aps, n);
	}
	int err = bpf_object__load(s->obj);
	if (err) {
		report_load_failure(s, img, err);
		return -1;
	}
	if (s->o->teach)
		teach_programs(s->o->teach, s->obj, s->progs, s->prog, img);
	if (map_cpu_slots(s, img->cpu_slots_size))
		return -1;
	find_map_places(s, img->layouts);
	s->lost_fd = bpf_object__find_map_fd_by_name(s->obj, LOST_MAP_NAME);
	output_use_stack_maps(bpf_object__find_map_fd_by_name(s->obj, STACK_FRAMES_MAP_NAME),
			      bpf_object__find_map_fd_by_name(s->obj, STACK_BUILD_IDS_MAP_NAME));
	s->rb = ring_buffer__new(bpf_object__find_map_fd_by_name(s->obj, RINGBUF_MAP_NAME), event_handle, &s->events, NULL);
	if (!s->rb) {
		diag_plain_error("cannot read the event ring buffer: %s", strerror(errno));
		return -1;
	}
	if (s->prog->nskb_outputs &&
	    !(s->pcap = pcap_open(s->prog, bpf_object__find_map_fd_by_name(s->obj, SKB_EVENTS_MAP_NAME))))
		return -1;
	return 0;
}

/* After a stop signal, what is still queued is printed for a short while
 * at most; the rest is counted as lost. */
#define DRAIN_BUDGET_NS 500000000ULL

static void drain(struct session *s)
{
	s->events.draining = true;
	s->events.deadline_ns = stop_signal ? monotonic_ns() + DRAIN_BUDGET_NS : 0;
	ring_buffer__consume(s->rb);
	pcap_consume(s->pcap);
	s->events.draining = false;
	s->out.ops->flush(&s->out);
}

/* BEGIN and END run once, through BPF_PROG_TEST_RUN. */
static void run_special(struct session *s, enum special_probe which)
{
	for (int i = 0; i < s->prog->nprobes; i++) {
		if (s->prog->probes[i].ap->provider->special != which)
			continue;
		unsigned long long ctx[1] = { 0 };
		LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = sizeof(ctx));
		int err = bpf_prog_test_run_opts(bpf_program__fd(s->progs[i]), &opts);
		if (err)
			diag_plain_error("running %s failed: %s", s->prog->probes[i].ap->name, strerror(errno));
		drain(s);
	}
}

/* The kernel's reason; ENOTSUPP (524) is the kernel's own, unknown to
 * strerror: a uprobe on an instruction it cannot step over, say; a
 * kprobe inside an instruction is EILSEQ, which strerror calls a
 * multibyte character. */
static const char *attach_error_text(int err)
{
	if (err == -ENODEV) /* perf_events.c's: a hardware event without its counter */
		return "this machine's CPU has no hardware counter for it (no PMU, as in most virtual machines)";
	if (err == -EILSEQ)
		return "the place is not at the start of an instruction (EILSEQ)";
	return err == -524 ? "the kernel does not support it here (ENOTSUPP)" : strerror(-err);
}

/* A failed attach is an error, or (missing_probes) is skipped with a
 * warning or without a word; what attached of it half-way (on some CPUs)
 * is not left running. */
static int attach_failed(struct session *s, const struct attach_point *ap, int links_before, int err,
			 const char *what)
{
	if (s->o->attach_failure == MISSING_PROBES_ERROR) {
		diag_error(ap->loc, "cannot attach %s: %s", what, attach_error_text(err));
		return -1;
	}
	link_list_truncate(&s->links, links_before);
	if (s->o->attach_failure == MISSING_PROBES_WARN)
		diag_warning(ap->loc, "cannot attach %s: %s; skipping it (missing_probes=warn)", what,
			     attach_error_text(err));
	return 0;
}

/* What an instance's program reads with bpf_get_attach_cookie: the
 * values of `func` (high half) and `probe` (low half), as
 * builtins/process.c's lower_probe takes them apart. */
static unsigned long long probe_cookie(const struct probe_instance *inst)
{
	return (unsigned long long)inst->func_id << 32 | (unsigned)inst->name_id;
}

/* The attach points program serves: one by one, or all at once when the
 * provider can. */
static int attach_program(struct session *s, int program)
{
	const struct probe_instance *probes = s->prog->probes;
	const struct provider *p = probes[program].ap->provider;
	if (!p->attach)
		return 0;
	int n = 0;
	const struct attach_point **aps = arena_alloc(sizeof(*aps) * (size_t)s->prog->nprobes);
	unsigned long long *cookies = arena_alloc(sizeof(*cookies) * (size_t)s->prog->nprobes);
	for (int i = program; i < s->prog->nprobes; i++) {
		if (probes[i].program != program)
			continue;
		if (!p->attach_many) {
			int before = s->links.n;
			int err = p->attach(probes[i].ap, s->progs[i], probe_cookie(&probes[i]), &s->links);
			s->links_from[i] = before;
			s->links_to[i] = err ? before : s->links.n; /* a failure's links are gone */
			if (!err)
				s->attached++;
			else if (attach_failed(s, probes[i].ap, before, err, probes[i].ap->name))
				return -1;
			continue;
		}
		aps[n] = probes[i].ap;
		cookies[n++] = probe_cookie(&probes[i]);
	}
	if (!n)
		return 0;
	int before = s->links.n;
	int *errors = arena_alloc(sizeof(*errors) * (size_t)n);
	int err = p->attach_many(aps, cookies, n, s->progs[program], &s->links, errors);
	if (err)
		return attach_failed(s, aps[0], before, err, n == 1 ? aps[0]->name :
					  arena_printf("%s and %d more attach points", aps[0]->name, n - 1));
	for (int i = 0; i < n; i++) {
		if (!errors[i])
			s->attached++;
		else if (attach_failed(s, aps[i], s->links.n, errors[i], aps[i]->name))
			return -1;
	}
	return 0;
}

/* Program by program, in order, but those of attach_reversed providers
 * last to first. */
static int attach_all(struct session *s)
{
	int n = s->prog->nprobes;
	s->links_from = arena_alloc(sizeof(int) * (size_t)(n + 1)); /* zeroed: no links */
	s->links_to = arena_alloc(sizeof(int) * (size_t)(n + 1));
	const struct probe_instance *probes = s->prog->probes;
	for (int i = 0; i < n; i++)
		if (probes[i].program == i && !probes[i].ap->provider->attach_reversed && attach_program(s, i))
			return -1;
	for (int i = n - 1; i >= 0; i--)
		if (probes[i].program == i && probes[i].ap->provider->attach_reversed && attach_program(s, i))
			return -1;
	return 0;
}

/* Pinned iterators are the files they were pinned as: said on stdout;
 * whether there were any. */
static bool say_pinned(struct session *s)
{
	const char *const *paths;
	int n = iter_pinned(&paths);
	for (int i = 0; i < n; i++)
		fprintf(s->out.out, "Program pinned to %s\n", paths[i]);
	return n > 0;
}

/* An attach failed half-way: the pins made before it go too. */
static void unpin_iterators(void)
{
	const char *const *paths;
	int n = iter_pinned(&paths);
	for (int i = 0; i < n; i++)
		unlink(paths[i]);
}

/* unwatch(addr): the links of the attach points that watch addr go. */
static void unwatch(void *ctx, unsigned long long addr)
{
	struct session *s = ctx;
	for (int i = 0; s->links_to && i < s->prog->nprobes; i++) {
		const struct attach_point *ap = s->prog->probes[i].ap;
		if (ap->provider->watches && ap->provider->watches(ap, addr))
			link_list_destroy_range(&s->links, s->links_from[i], s->links_to[i]);
	}
}

/* After a batch of events, wait a little before reading again. The kernel
 * wakes the reader only for a record that finds it caught up, so while we
 * wait, records queue up without a wake-up each (a wake-up costs the
 * probe more than the record). The first event after a quiet spell is
 * still read at once. */
#define EVENT_BATCH_WAIT_US 2000

/* The -p or -c process: a pidfd to wait on, or none (nothing to watch,
 * or a kernel without pidfds: then it is asked after each wait). */
static void watch_process(struct session *s)
{
	s->watch_fd = -1;
	if (s->o->child) {
		s->watch_pid = s->o->child->pid;
		s->watch_fd = s->o->child->pidfd;
	} else if (s->o->watch_pid) {
		s->watch_pid = s->o->watch_pid;
		s->watch_fd = (int)syscall(SYS_pidfd_open, s->watch_pid, 0);
	}
}

static bool watched_process_gone(struct session *s)
{
	if (s->o->child)
		return child_exited(s->o->child);
	return kill(s->watch_pid, 0) < 0 && errno == ESRCH;
}

/* Events, the watched process's exit, or the iterators read to their
 * end: whichever comes first. */
static int wait_for_events(struct session *s, int timeout_ms)
{
	if (!s->watch_pid && s->iterators_fd < 0 && !s->pcap)
		return ring_buffer__poll(s->rb, timeout_ms);
	struct pollfd fds[4] = { { .fd = ring_buffer__epoll_fd(s->rb), .events = POLLIN },
				 { .fd = s->watch_fd, .events = POLLIN },
				 { .fd = s->iterators_fd, .events = POLLIN },
				 { .fd = pcap_epoll_fd(s->pcap), .events = POLLIN } };
	if (poll(fds, 4, timeout_ms) < 0 && errno != EINTR) /* poll skips negative fds */
		return -errno;
	int n = ring_buffer__consume(s->rb);
	if (fds[3].revents)
		pcap_consume(s->pcap);
	if (s->watch_pid && (s->watch_fd >= 0 ? fds[1].revents != 0 : watched_process_gone(s)))
		s->watched_exited = true;
	if (fds[2].revents) /* their last events are in the ring buffer, consumed above */
		s->iterated = true;
	return n;
}

static void event_loop(struct session *s)
{
	while (!s->events.exit_requested && !stop_signal && !s->watched_exited && !s->iterated) {
		int n = wait_for_events(s, 200);
		if (n < 0 && n != -EINTR) {
			diag_plain_error("reading events failed: %s", strerror(-n));
			break;
		}
		while (usr1_signals > 0 && !s->events.exit_requested) {
			usr1_signals--;
			run_special(s, SPECIAL_SIGNAL);
		}
		s->out.ops->flush(&s->out);
		if (n > 0)
			usleep(EVENT_BATCH_WAIT_US);
	}
}


/* The sum over CPUs of a per-CPU u64 array's element key, or 0. */
static unsigned long long percpu_sum(int fd, unsigned int key)
{
	int cpus = kernel_possible_cpus();
	unsigned long long counts[cpus], total = 0;
	if (fd < 0 || bpf_map_lookup_elem(fd, &key, counts))
		return 0;
	for (int i = 0; i < cpus; i++)
		total += counts[i];
	return total;
}

static int compare_map_names(const void *a, const void *b)
{
	return strcmp((*(struct map_info *const *)a)->name, (*(struct map_info *const *)b)->name);
}

/* The maps in name order, as bpftrace prints them; sorted has room for
 * nmaps + 1. */
static void maps_by_name(const struct program *p, struct map_info **sorted)
{
	if (!p->nmaps)
		return;
	memcpy(sorted, p->maps, sizeof(sorted[0]) * (size_t)p->nmaps);
	qsort(sorted, (size_t)p->nmaps, sizeof(sorted[0]), compare_map_names);
}

static void print_all_maps(struct session *s)
{
	struct map_info *sorted[s->prog->nmaps + 1];
	maps_by_name(s->prog, sorted);
	s->out.ops->exit_maps(&s->out);
	for (int i = 0; i < s->prog->nmaps; i++)
		event_print_map(&s->events, sorted[i]->id, 0, 0);
}

/* A map that was full refused updates: say so once, with how many, rather
 * than print it as if it held everything. */
static void report_dropped_updates(struct session *s)
{
	int fd = bpf_object__find_map_fd_by_name(s->obj, DROPPED_MAP_NAME);
	struct map_info *sorted[s->prog->nmaps + 1];
	maps_by_name(s->prog, sorted);
	for (int i = 0; fd >= 0 && i < s->prog->nmaps; i++) {
		const struct map_info *m = sorted[i];
		unsigned long long n = percpu_sum(fd, (unsigned int)m->id);
		const char *limit = m->decl ? arena_printf("its declaration %s(%d) at %d:%d sets the limit",
							   m->decl->kind_name, m->decl->max_entries,
							   m->decl->loc.line, m->decl->loc.col)
					    : "BPFTRACE_MAX_MAP_KEYS raises the limit";
		if (n && diag_warnings_on())
			fprintf(stderr, "WARNING: Map full; can't update element: %s holds %d keys, and %llu update%s dropped; %s\n",
				m->name, s->events.layouts[m->id].max_entries, n, n == 1 ? " was" : "s were", limit);
	}
}

/* With nothing but BEGIN and END (and test: and bench:, which do not
 * run unless asked) there is nothing to wait for: exit after BEGIN, as
 * current bpftrace does (a self:signal probe waits for its signals). */
static bool only_special_probes(const struct program *p)
{
	for (int i = 0; i < p->nprobes; i++)
		if (!p->probes[i].ap->provider->special || p->probes[i].ap->provider->special == SPECIAL_SIGNAL)
			return false;
	return true;
}

static int count_special(const struct program *p, enum special_probe kind)
{
	int n = 0;
	for (int i = 0; i < p->nprobes; i++)
		n += p->probes[i].ap->provider->special == kind;
	return n;
}

/* Nothing would run: only test: or bench: probes, not in their mode.
 * bpftrace's words, after BEGIN; nothing is loaded yet here. */
static bool nothing_to_run(const struct program *p, enum run_mode mode)
{
	int begin_end = count_special(p, SPECIAL_BEGIN) + count_special(p, SPECIAL_END);
	int tests = count_special(p, SPECIAL_TEST), benches = count_special(p, SPECIAL_BENCH);
	bool none = begin_end == 0 && (mode == RUN_TESTS	  ? tests == 0
				       : mode == RUN_BENCHES ? benches == 0
							     : only_special_probes(p));
	if (!none)
		return false;
	if (tests && mode != RUN_TESTS)
		diag_plain_error("No probes attached; use --test to run test probes.");
	else if (benches && mode != RUN_BENCHES)
		diag_plain_error("No probes attached; use --bench to run benchmark probes.");
	else
		diag_plain_error("Attachment failed for all probes.");
	return true;
}

/* --mode test or bench, after BEGIN: their probes run, nothing attaches.
 * 0, or 1 when a test or benchmark failed or could not run. */
static int run_mode(struct session *s)
{
	struct mode_session m = { .prog = s->prog, .progs = s->progs, .rb = s->rb, .events = &s->events, .out = &s->out };
	int rc = s->o->mode == RUN_TESTS ? modes_run_tests(&m) : modes_run_benches(&m);
	s->out.ops->flush(&s->out);
	return rc ? 1 : 0;
}

/* The banner says the probes are live: scripts wait for it. Test
 * harnesses written for bpftrace ask for its marker line instead. */
static void probes_attached(struct session *s, int n)
{
	if (!s->quiet)
		s->out.ops->attached(&s->out, n);
	if (getenv("__BPFTRACE_NOTIFY_PROBES_ATTACHED")) {
		fflush(s->out.out); /* on standard output, as bpftrace: after what came before */
		fputs("__BPFTRACE_NOTIFY_PROBES_ATTACHED\n", stdout);
		fflush(stdout);
	}
}

int runtime_run(struct program *p, struct bpf_image *img, const struct run_options *o)
{
	const struct output_ops *format = output_format(o->format);
	if (!format) {
		diag_plain_error("there is no output format '%s'", o->format);
		return 1;
	}
	struct session s = { .prog = p, .o = o, .lost_fd = -1, .quiet = o->quiet, .iterators_fd = -1 };
	user_symbols_set_cache((enum user_symbol_cache)o->user_symbol_cache);
	user_symbols_set_demangle(o->cpp_demangle);
	watch_process(&s);
	s.out = (struct output){ .ops = format, .prog = p, .out = o->out ? o->out : stdout, .err = stderr,
				 .full_buffering = o->buffering == BUFFER_FULL };
	if (o->buffering != BUFFER_DEFAULT) { /* before anything is written to it */
		static const int modes[] = { [BUFFER_LINE] = _IOLBF, [BUFFER_FULL] = _IOFBF, [BUFFER_NONE] = _IONBF };
		setvbuf(s.out.out, NULL, modes[o->buffering], BUFSIZ);
	}
	s.events = (struct event_state){ .prog = p, .layouts = img->layouts, .out = &s.out, .stop = &stop_signal,
					 .max_cat_bytes = o->max_cat_bytes, .unwatch = unwatch, .unwatch_ctx = &s };
	int status = 1;
	if (nothing_to_run(p, o->mode))
		return 1;
	libbpf_log_capture(o->verbose);
	install_signals();
	if (load(&s, img))
		goto out;
	/* with a process to watch there is: its exit */
	bool has_probes = o->mode == RUN_NORMAL && (!only_special_probes(p) || s.watch_pid);
	int special = count_special(p, SPECIAL_BEGIN) + count_special(p, SPECIAL_END) + count_special(p, SPECIAL_SIGNAL);
	if (!has_probes && o->mode == RUN_NORMAL)
		probes_attached(&s, special);
	run_special(&s, SPECIAL_BEGIN);
	int mode_status = 0;
	if (o->mode != RUN_NORMAL && !stop_signal) {
		mode_status = run_mode(&s);
		s.quiet = true; /* no banner: only the marker test harnesses wait for */
		probes_attached(&s, 0);
	} else if (!s.events.exit_requested && !stop_signal && has_probes) {
		if (attach_all(&s)) {
			unpin_iterators();
			goto out;
		}
		probes_attached(&s, special + s.attached);
		if (say_pinned(&s)) /* the pins run them from now on, as bpftrace's */
			s.events.exit_requested = true;
		if (o->child) /* with ustacks to print, its maps are read as it exits */
			child_release(o->child, p->user_symbols ? user_symbols_remember : NULL);
		s.iterators_fd = iterators_start();
		if (s.iterators_fd == -2) { /* reported: the run cannot go on */
			s.iterators_fd = -1;
			s.events.exit_requested = true;
			s.events.exit_code = 1;
		}
		event_loop(&s);
		iterators_finish(s.iterators_fd);
	}
	link_list_destroy(&s.links);
	drain(&s);
	say_why_stopped();
	if (o->child && p->user_symbols) /* its ustacks print once it is stopped */
		user_symbols_remember(o->child->pid);
	if (o->child) /* it is not traced any more: stopped before END, as bpftrace does */
		child_stop(o->child);
	s.events.after_exit = false; /* END's own events are printed */
	run_special(&s, SPECIAL_END);
	if (o->mode != RUN_NORMAL) /* the maps are the tests' own business, as in bpftrace */
		s.out.ops->exit_maps(&s.out);
	else if (!o->no_exit_maps)
		print_all_maps(&s);
	report_dropped_updates(&s);
	unsigned long long lost = percpu_sum(s.lost_fd, 0) + s.events.late;
	if (lost)
		s.out.ops->lost_events(&s.out, lost);
	status = mode_status ? mode_status : s.events.exit_code;
out:
	s.out.full_buffering = false; /* the end: everything out */
	s.out.ops->flush(&s.out);
	link_list_destroy(&s.links);
	if (o->child)
		child_stop(o->child);
	if (s.watch_fd >= 0 && !o->child)
		close(s.watch_fd);
	ring_buffer__free(s.rb);
	pcap_close(s.pcap);
	if (s.cpu_slots)
		munmap(s.cpu_slots, s.cpu_slots_size);
	bpf_object__close(s.obj);
	free(s.log_buf);
	libbpf_log_free();
	return status;
}
