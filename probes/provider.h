/* One interface for every probe type. A provider parses and expands the
 * attach points of its type, describes the probe's context to the type
 * checker, names the ELF section (and so the program type), and attaches a
 * loaded program. Adding a probe type means one file and one table entry in
 * providers.c. */
#ifndef LANTERN_PROVIDER_H
#define LANTERN_PROVIDER_H
#include <stdbool.h>

#include "../compiler/ast.h"
#include "../compiler/backend.h"

struct bpf_program;
struct bpf_link;
struct provider;

/* A field of a probe's `args`, as the provider found it. */
struct probe_field {
	const char *name;
	int offset, size;
	const struct type *type; /* TY_INT, TY_PTR, or TY_STR for char[N] and __data_loc strings */
	enum context_access access;
	long long value;   /* CTX_CONST's value, CTX_USER_MEMORY's displacement */
	int index, scale;  /* CTX_USER_MEMORY: offset of the index register (-1: none), its scale */
	bool unsupported; /* arrays of non-char and the like: typed later */
	const char *why;  /* with unsupported, for a name of the context: what to tell at its use */
	const char *enum_tag; /* an integer declared `enum X`: X, whose enumerators it prints as */
};

/* One concrete attach point after wildcard expansion. What a probe type
 * needs to know of it beyond its name is its own (data). */
struct attach_point {
	const struct provider *provider;
	const char *name; /* canonical, as `probe` prints it: "tracepoint:sched:sched_switch" */
	struct loc loc;
	void *data;       /* the provider's */
	const char *func; /* the function it probes, for `func`; NULL if none */
	const struct attach_route *route; /* NULL: attached as itself */
};

/* An attach point attached through a busier place, which the program
 * tells it apart from others by a key in its context: a syscall
 * tracepoint through raw_syscalls, by the syscall's number, so hundreds
 * attach and detach as one (tracepoint.c). The program's code is the
 * same, as both give it the same record. Instances sharing one program
 * share its via. */
struct attach_route {
	const char *via; /* where it is attached, as the provider names places */
	long long key;   /* what tells it apart there */
	int key_offset;  /* the key's place in the context: 8 bytes */
};

struct attach_list {
	struct attach_point **items;
	int n, cap;
};

/* Links of attached programs, so they can all be destroyed on exit or on a
 * failure half-way through attaching (attach.c, back end only): libbpf's,
 * or the fd of a link made without libbpf (a uprobe_multi link, which
 * libbpf 1.1 cannot make). */
struct link {
	struct bpf_link *link; /* or NULL, and fd */
	int fd;
};

struct link_list {
	struct link *items;
	int n, cap;
};

/* Probes the runtime runs itself, through BPF_PROG_TEST_RUN: BEGIN and
 * END (once), test: and bench: (only in their --mode). */
enum special_probe { SPECIAL_NONE, SPECIAL_BEGIN, SPECIAL_END, SPECIAL_TEST, SPECIAL_BENCH, SPECIAL_SIGNAL };

struct provider {
	const char *name;
	const char *alias;
	const char *old_name; /* bpftrace's older name (kfunc for fentry), also accepted */
	enum special_probe special;
	/* ELF section of its programs: it selects the BPF program type. */
	const char *section;
	/* Its attach gives the program a cookie (bpf_get_attach_cookie): the
	 * instances of one probe read `probe` from it, so their code can be
	 * the same. */
	bool attach_cookie;
	/* Expanded attach points of one probe may run one program when their
	 * code comes out the same (the share pass decides before codegen;
	 * needs attach_cookie). */
	bool share_programs;
	/* Where an address held in a plain integer points (str(arg0),
	 * (int32 *)arg0): user memory in uprobes; AS_KERNEL unless set. */
	enum address_space pointer_space;
	/* With -p its programs return at once on another process's events,
	 * as bpftrace's do (uprobes are attached to the process instead;
	 * timers are not about a process). */
	bool pid_filter;
	/* The kernel runs the programs of one place last attached first
	 * (uprobes): attached from the last to the first, they run in the
	 * order they are written. */
	bool attach_reversed;
	/* Its programs get struct pt_regs: reg("ip") reads a register. */
	bool regs;
	/* What `ctx` points to, when the type says (an iterator's struct
	 * bpf_iter__NAME), or NULL: pt_regs with regs, else void. */
	const struct type *(*ctx_type)(const struct attach_point *ap);
	/* Whether ap watches address addr (watchpoints: unwatch() detaches
	 * those that do); NULL: it watches nothing. */
	bool (*watches)(const struct attach_point *ap, unsigned long long addr);
	/* Whether ap's printf() writes into the file the kernel reads its
	 * program's output from (a pinned iterator's, with bpf_seq_printf)
	 * rather than sending events; NULL: never. */
	bool (*prints_to_file)(const struct attach_point *ap);
	/* > 0: its programs run only when the pointer at this offset of their
	 * context is set (an iterator's object, NULL in the call after the last). */
	int object_at;
	/* The file ap probes (uprobes), or NULL: uaddr() reads its symbols,
	 * and ustack's of a process gone are looked up in it. */
	const char *(*binary)(const struct attach_point *ap);
	/* Expand `spec` (the text after "type:", or the whole name for
	 * BEGIN/END) into out. Reports located errors; returns 0 or -1. */
	int (*expand)(const char *spec, struct loc loc, struct attach_list *out);
	/* Field `name` of args, or NULL; NULL function: the type has no args. */
	const struct probe_field *(*field)(const struct attach_point *ap, const char *name);
	/* args as one value (fentry's: a struct of the arguments, read from
	 * the context in place, CTX_IN_PLACE), or NULL; NULL function: only
	 * its fields can be used. */
	const struct probe_field *(*whole_args)(const struct attach_point *ap);
	/* A name of the probe's context that only this type has (arg0,
	 * retval...) or NULL; ap NULL asks whether any of its attach points
	 * has it. The context pass makes it an N_CONTEXT load. */
	const struct probe_field *(*context_name)(const struct attach_point *ap, const char *name);
	/* A type name ("struct Foo", a typedef) as ap's own debug info has it
	 * (a uprobe binary's DWARF), or NULL: casts look here after the
	 * script's definitions, before the kernel's. NULL function: none. */
	const struct type *(*own_type)(const struct attach_point *ap, const char *name);
	/* Attach a loaded program; appends links. The program reads cookie
	 * with bpf_get_attach_cookie (one program can serve many attach
	 * points). Returns 0 or -errno. NULL for BEGIN/END, which the runtime
	 * runs itself. Back-end code: named with BACKEND(fn). */
	int (*attach)(const struct attach_point *ap, struct bpf_program *prog, unsigned long long cookie,
		      struct link_list *links);
	/* Optional, for a kernel that attaches many places with one link:
	 * prepare a program before it is loaded for the n attach points it
	 * will serve (its expected attach type, its attach target), then
	 * attach it for all of them at once, cookie cookies[i] for aps[i].
	 * errors[i] is then 0, or the -errno of aps[i], which did not attach
	 * (the others did). Returns 0, or -errno when it could attach none.
	 * Back-end code. */
	void (*prepare)(struct bpf_program *prog, const struct attach_point *const *aps, int n);
	int (*attach_many)(const struct attach_point *const *aps, const unsigned long long *cookies, int n,
			   struct bpf_program *prog, struct link_list *links, int *errors);
	/* For -l: emit each attach point matching pattern (the text after
	 * "type:"; fnmatch wildcards), canonical and sorted. Returns 0, -1
	 * after reporting an error, or -EINVAL, unreported, when pattern is
	 * not written as this type's attach points are. NULL: the type lists
	 * nothing, as in bpftrace. */
	int (*list)(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx);
	/* -l lists it only when its type is named, not for a wildcard type
	 * (-l alone): a return probe's functions are its entry's again. */
	bool list_when_named;
	/* For -lv: the lines that describe attach point spec (the text after
	 * "type:", as list emitted it), such as its args, "    int dfd".
	 * NULL: nothing more to say. */
	void (*describe)(const char *spec, void (*emit)(void *ctx, const char *line), void *ctx);
};

/* Finds the provider for an attach point spelling ("t:...", "BEGIN") and
 * expands it. */
int provider_expand(const char *text, struct loc loc, struct attach_list *out);
/* -l: the attach points matching pattern (NULL: all), by bpftrace's rules
 * (providers.c). Returns 0, or -1 after reporting an error. */
int provider_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx);
/* -lv: what describes a listed attach point (name as -l printed it). */
void provider_describe(const char *name, void (*emit)(void *ctx, const char *line), void *ctx);

/* The probe types whose context has name (arg0: "rawtracepoint"), for
 * messages; NULL if none. */
const char *provider_types_with_context(const char *name);

/* --no-feature: kernel features a provider would use (uprobe_multi,
 * kprobe_multi, kprobe_session, as bpftrace names them) that it must
 * not. provider_disable_feature returns -1 for a name it does not know. */
int provider_disable_feature(const char *name);
bool provider_feature_disabled(const char *name);

/* Back end: whether lantern would use the kernel's uprobe_multi link
 * (the kernel has it, --no-feature does not forbid it); --info asks. */
bool uprobe_multi_available(void);

/* The pointer_space of ap's provider (NULL ap, outside probes: kernel). */
enum address_space provider_pointer_space(const struct attach_point *ap);

/* --unsafe: attach points that can harm the system (a kprobe at a raw
 * address) are allowed; sema sets it before expanding. */
void provider_allow_unsafe(bool allow);
bool provider_unsafe(void);

/* Whether s (NULL: no) holds a wildcard: * ? or [ (fnmatch's) */
bool provider_has_wildcard(const char *s);

/* An attach point that does not exist (a tracepoint not in tracefs), as
 * missing_probes says: an error (-1), or a warning or nothing, and the
 * expansion goes on without it (0). */
int provider_missing(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A wildcard that matched nothing: no message of its own (0), as in
 * bpftrace: the probe left without attach points is one, and why it
 * matched nothing (the text) is kept for it. */
int provider_unmatched(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Why the first wildcard since the last call matched nothing, or NULL */
const char *provider_take_unmatched(void);

struct attach_point *attach_point_new(const struct provider *p, const char *name, struct loc loc);
void attach_list_push(struct attach_list *list, struct attach_point *ap);
int link_list_push(struct link_list *list, struct bpf_link *link);
int link_list_push_fd(struct link_list *list, int fd);
/* Destroys the links from index n on. */
void link_list_truncate(struct link_list *list, int n);
/* Destroys the links [from, to), which stay in the list, as none. */
void link_list_destroy_range(struct link_list *list, int from, int to);
void link_list_destroy(struct link_list *list);

/* Open a perf event and attach prog to it; shared by the perf-based
 * providers. Returns 0 or -errno. */
struct perf_event_attr;
int perf_attach(struct bpf_program *prog, struct perf_event_attr *attr, int cpu, unsigned long long cookie,
		struct link_list *links);
/* The event of one thread, on whichever CPU it runs (watchpoints). */
int perf_attach_task(struct bpf_program *prog, struct perf_event_attr *attr, int tid, unsigned long long cookie,
		     struct link_list *links);
/* The event of each thread of process pid, inherited by the threads it
 * starts when attr says so: -p's profile, software, hardware, watchpoint. */
int perf_attach_process(struct bpf_program *prog, struct perf_event_attr *attr, int pid, unsigned long long cookie,
			struct link_list *links);
/* -p's process (its threads and those they start), as bpftrace attaches
 * profile, software and hardware events; else every online CPU. */
int perf_attach_target_or_cpus(struct bpf_program *prog, struct perf_event_attr *attr, unsigned long long cookie,
				struct link_list *links);
/* The same event on every online CPU (profile, software, hardware). */
int perf_attach_online_cpus(struct bpf_program *prog, struct perf_event_attr *attr, unsigned long long cookie,
			    struct link_list *links);

/* A probe's count as bpftrace writes it: 1000, 1_000 or 1e6, positive;
 * false if text is not one. */
bool probe_count_parse(const char *text, unsigned long long *out);

extern const struct provider provider_begin, provider_end, provider_self, provider_tracepoint,
	provider_interval, provider_profile, provider_rawtracepoint, provider_uprobe, provider_uretprobe,
	provider_usdt, provider_software, provider_hardware, provider_watchpoint, provider_kprobe,
	provider_kretprobe, provider_fentry, provider_fexit, provider_test, provider_bench, provider_iter;

/* Back end (iter.c): the iterators attached so far, as fds to read them
 * from (the reader closes them; *fds lives as long as the arena);
 * returns how many, and forgets them. */
int iter_take_fds(const int **fds);
/* Back end (iter.c): the paths iterators were pinned at so far, in
 * bpffs; how many (the run ends once they are pinned, as bpftrace's). */
int iter_pinned(const char *const **paths);

#endif
