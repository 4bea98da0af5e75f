/* The typed program: what the semantic passes hand to codegen and runtime.
 * Maps with their key and value types, every expanded probe with its own
 * typed copy of the probe body, and every call that sends an event to
 * userspace (printf, exit, print...) with the layout of its record. */
#ifndef LANTERN_PROGRAM_H
#define LANTERN_PROGRAM_H
#include "aggregation.h"
#include "ast.h"
#include "printf_format.h"

#define MAX_MAP_KEYS 8
#define MAX_ASYNC_ARGS 16

struct attach_point;
struct params;

/* A map's declaration at the top of the script (let @m = lruhash(100)):
 * its BPF map kind and capacity, which its layout then takes. */
struct map_decl {
	const char *kind_name; /* "lruhash", for messages */
	bool percpu, lru;
	bool array;            /* percpuarray: one element, key-less */
	int max_entries;
	struct loc loc;
};

struct map_info {
	const char *name; /* "@start", "@" */
	int id;
	int nkeys;
	const struct type *keys[MAX_MAP_KEYS];
	bool keys_known;
	const struct type *value; /* TY_INT, TY_STR..., or TY_AGG */
	/* When it aggregates: which aggregation, its sign and what it was
	 * given. Codegen, the runtime and the checker read this, not value. */
	struct aggregate agg;
	struct loc value_loc;   /* where the value type was set, for messages */
	struct loc keys_loc;    /* where the key types were set */
	bool read_in_kernel;    /* an aggregate read in an expression */
	bool deleted_from;      /* the script deletes elements: they churn */
	bool key_not_tid;       /* used with a key other than exactly `tid` */
	bool used_whole;        /* print(@m), clear(@m)...: not only element by element */
	const struct map_decl *decl; /* or NULL: lantern chooses (codegen/map_layout.c) */
};

struct var_info {
	const char *name;
	const struct type *type;
	struct loc loc;
	/* `let $x;` with no type: the type its assignments gave it in the
	 * last round of the types pass is kept on this node, so a read
	 * above the first assignment knows it */
	struct node *declared_by;
	bool type_fixed; /* let $x: uint16: assignments do not widen it */
	void *slot; /* codegen's storage for it */
};

enum async_kind {
	ASYNC_NONE,
	ASYNC_PRINTF,
	ASYNC_EXIT,
	ASYNC_PRINT_MAP,   /* print(@m[, top[, div]]) */
	ASYNC_PRINT_VALUE, /* print(expr) */
	ASYNC_CLEAR,
	ASYNC_ZERO,
	ASYNC_TIME,        /* time([fmt]): the wall-clock time when userspace takes the event */
	ASYNC_CAT,         /* cat(fmt, ...): the file the format names, printed */
	ASYNC_SYSTEM,      /* system(fmt, ...): the command run, its output printed */
	ASYNC_JOIN,        /* join(argv [, sep]): the strings read in the kernel */
	ASYNC_HELPER_ERROR, /* -k: a helper call (a probe read) failed; its return code */
	ASYNC_UNWATCH,     /* unwatch(addr): the watchpoints on addr detached */
};

/* join()'s record: after the header, JOIN_ARGS strings of JOIN_ARG_SIZE
 * bytes, the first empty one ending the list (bpftrace's 16 and 1024). */
#define JOIN_ARGS 16
#define JOIN_ARG_SIZE 1024

/* One argument in an event record: the value of the call's argument
 * from_arg, or 0 (ASYNC_ARG_ZERO). */
#define ASYNC_ARG_ZERO (-1)

struct async_arg {
	const struct type *type;
	int offset;
	int from_arg;
};

struct async_call {
	enum async_kind kind;
	int id;
	struct loc loc;
	struct printf_format fmt;         /* ASYNC_PRINTF */
	/* printf in a pinned iterator: the format for the kernel's
	 * bpf_seq_printf (printf_format_for_file), NULL otherwise */
	const char *file_format;
	int nargs;
	struct async_arg args[MAX_ASYNC_ARGS];
	int size;                         /* bytes of the record, id included */
	struct map_info *map;             /* print/clear/zero */
	long long top, div;               /* print(@m, top, div) */
	const char *time_format;          /* ASYNC_TIME */
	const char *join_sep;             /* ASYNC_JOIN */
	int helper;                       /* ASYNC_HELPER_ERROR: the BPF helper's id */
	/* ASYNC_PRINTF of errorf, warnf, assert: the text goes to stderr after
	 * this ("file:line:col-col: ERROR: "); exit_code >= 0: then lantern
	 * stops, as exit(exit_code) (assert) */
	const char *located;
	bool error;          /* located is an ERROR: (errorf, assert), not a WARNING: */
	const char *context; /* then the call's line and a ~ under it */
	int exit_code;
};

struct probe_instance {
	int id;
	struct attach_point *ap;
	struct node *source; /* the probe as written, shared by its instances */
	struct node *probe;  /* typed clone of the probe for this attach point */
	bool probe_from_cookie; /* one of several instances of a probe: `probe` is read from
				 * the attach cookie, so they can share one program */
	int program;            /* the instance whose program runs this one (the share pass) */
	const char *program_name; /* its program's name, if it has one (codegen/bpf_image.h) */
	/* What `probe` and `func` hold: the first instance of that name, of
	 * that function (the expand pass), so that equal names are equal
	 * values, as map keys (a USDT probe at two places is two instances). */
	int name_id, func_id;
};

struct skb_output {
	const char *file; /* the pcap file written */
	int offset;       /* bytes of each packet left out (an ethernet header) */
};
/* A packet's record in the skb_events perf buffer: u64 call index, u64
 * nsecs, u64 length asked for; the packet's bytes follow. */
#define SKB_RECORD_HEADER 24

struct program {
	struct node *ast;
	const struct params *params;
	bool types_changed; /* the type pass learned something this round */
	struct map_info **maps;
	int nmaps, maps_cap;
	struct probe_instance *probes;
	int nprobes, probes_cap;
	struct async_call **asyncs;
	int nasyncs, asyncs_cap;
	/* strftime()'s formats: a timestamp value holds its format's index */
	const char **time_formats;
	int ntime_formats, time_formats_cap;
	/* skboutput()'s files and offsets: a packet's record holds its
	 * call's index (builtins/skboutput.c, runtime/pcap.c) */
	struct skb_output *skb_outputs;
	int nskb_outputs, skb_outputs_cap;
	bool unsafe; /* --unsafe: builtins with side effects (system, signal) may be used */
	bool uses_exit; /* exit() is called: probes check a flag first (codegen's exited) */
	const void *probe_filter; /* --probe-filter's regex_t (sema_options), or NULL */
	bool quiet;               /* -q */
	/* unstable_tseries=warn warned in this round of the types pass (whose
	 * last round's messages alone are printed): once a script */
	bool warned_unstable_tseries;
	/* ustack or usym is used: the -c command's maps are kept before it
	 * is stopped, so its addresses still resolve when the maps print */
	bool user_symbols;
	/* The bytes of frames of the longest stack the script takes, of
	 * 8-byte addresses [0] and of build-id frames [1]: the value size of
	 * each stack map (types.h) */
	int stack_frames_bytes[2];
	/* cgroup_path()'s filters: a cgroup path value holds its filter's index */
	const char **cgroup_filters;
	int ncgroup_filters, cgroup_filters_cap;
};

/* Record header: the id of the async call, 8 bytes so arguments align. */
#define ASYNC_HEADER_SIZE 8

/* Appends an argument to a's record (the builtins' event_args use it). */
void async_add_arg(struct async_call *a, const struct type *t, int from_arg);
/* -k: the event of a failed call of helper at loc, made by codegen where
 * it calls one; the same place and helper, the same event (codegen may
 * build a program twice). Its record: the header, the return code. */
struct async_call *async_helper_error(struct program *p, struct loc loc, int helper);

#endif
