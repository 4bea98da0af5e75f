/* lantern's driver: options, then parse → check → codegen → run, with
 * errors mapped to the exit status. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <getopt.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codegen/codegen.h"
#include "compiler/arena.h"
#include "compiler/name_table.h"
#include "compiler/builtin.h"
#include "compiler/cdefs.h"
#include "compiler/config.h"
#include "compiler/imports.h"
#include "compiler/sema.h"
#include "compiler/source.h"
#include "grammar/parse.h"
#include "probes/dwarf.h"
#include "probes/kernel_functions.h"
#include "probes/provider.h"
#include "probes/target.h"
#include "runtime/btf_types.h"
#include "runtime/kernel_features.h"
#include "runtime/output.h"
#include "runtime/runtime.h"

#define LANTERN_VERSION "0.1.0"

static void usage(FILE *out)
{
	fputs("USAGE:\n"
	      "    lantern [options] -e 'program' [arguments...]\n"
	      "    lantern [options] file.bt [arguments...]\n"
	      "    lantern [options] - [arguments...]      (program on stdin)\n"
	      "    lantern -l [PATTERN]\n"
	      "arguments: $1, $2...; --name=value and --name are named (getopt())\n"
	      "\n"
	      "OPTIONS:\n"
	      "  -e PROGRAM     run PROGRAM\n"
	      "  -d WHAT        print a stage of the compiler to stderr: ast, ast:PASS (after\n"
	      "                 one semantic pass), ir, asm (the programs as the kernel verified\n"
	      "                 them, under the script's statements) or all\n"
	      "  -l [PATTERN]   list the attach points matching PATTERN (wildcards), or all\n"
	      "  -f FORMAT      output format: text (the default) or json\n"
	      "  -q             quiet: no attached-probes message\n"
	      "  -o FILE        write the output to FILE (not following a symlink)\n"
	      "  -I DIR         look for the C definitions' headers in DIR too\n"
	      "  --include FILE read the C header FILE before the program\n"
	      "  --debuginfo DIR look for uprobes' separate debug info in DIR too (repeatable)\n"
	      "  -p PID         trace process PID: uprobes, USDT and perf events attach to it\n"
	      "                 alone, other probes (but BEGIN and END) see only its events;\n"
	      "                 stop when it exits\n"
	      "  -c CMD         run CMD (split at spaces) once the probes are attached; cpid\n"
	      "                 is its pid; USDT probes attach to it alone; stop when it exits\n"
	      "  --no-feature F do not use kernel feature F (uprobe_multi, kprobe_multi: one\n"
	      "                 link for many uprobes, kprobes; bpf_v4: BPF's v4 instructions,\n"
	      "                 long jumps); a comma-separated list\n"
	      "  --usdt-file-activation  accepted for bpftrace's sake: USDT semaphores are\n"
	      "                 raised in every process by the kernel\n"
	      "  --dry-run      compile, but do not load or run\n"
	      "  --mode MODE    test: run the test: probes (and BEGIN, END) and report which\n"
	      "                 passed; bench: time the bench: probes; codegen: compile only\n"
	      "  --test         the same as --mode test\n"
	      "  --bench        the same as --mode bench\n"
	      "  --probe-filter REGEX  only the attach points whose names match REGEX (POSIX\n"
	      "                 extended, anywhere in the name: ^...$ for all of it)\n"
	      "  --traceable-functions FILE  the kernel functions kprobes and fentry may\n"
	      "                 attach to, one per line (\"name\" or \"name [module]\"), instead\n"
	      "                 of tracefs's available_filter_functions\n"
	      "  --unsafe       allow the builtins with side effects: system(), signal(),\n"
	      "                 signal_thread(); kprobes on functions not listed as traceable\n"
	      "  -B MODE        output buffering: line, full or none\n"
	      "  -k, --warnings report probe reads that fail (str(), *p...), with their place\n"
	      "  --no-warnings  no warning messages\n"
	      "  --emit-elf FILE  write the BPF ELF object to FILE\n"
	      "  --emit-llvm FILE write the LLVM IR to FILE.original.ll and FILE.optimized.ll\n"
	      "  --info         what lantern finds in this kernel (helpers, map and probe types)\n"
	      "  -v             verbose: libbpf's messages and the verifier's full log\n"
	      "  -h, --help     this help\n"
	      "  -V, --version  the version\n",
	      out);
}

/* The number in environment variable name when it is set, a whole number
 * and in [min, max]; otherwise a warning (if set) and false. what says
 * what the number must be. */
static bool env_number(const char *name, long min, long max, const char *what, long *out)
{
	const char *v = getenv(name);
	if (!v)
		return false;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < min || n > max) {
		if (diag_warnings_on())
			fprintf(stderr, "WARNING: ignoring %s=%s: not a number of %s\n", name, v, what);
		return false;
	}
	*out = n;
	return true;
}

/* CPU slots cover this many CPU ids. LANTERN_CPU_IDS may raise it, to
 * test the layouts of machines with more CPUs than this one; never lower:
 * CPUs would share slots. */
static int cpu_id_limit(void)
{
	int ids = kernel_cpu_id_limit();
	long n;
	char what[64];
	snprintf(what, sizeof what, "CPU ids >= %d", ids);
	return env_number("LANTERN_CPU_IDS", ids, 1 << 20, what, &n) ? (int)n : ids;
}

/* The event ring buffer: perf_rb_pages pages, rounded up to the power
 * of two the kernel wants; 4 MiB unless set. */
static int ringbuf_size(void)
{
	if (!config_is_set(CONFIG_PERF_RB_PAGES))
		return 1 << 22;
	long long want = config_int(CONFIG_PERF_RB_PAGES) * sysconf(_SC_PAGESIZE), size = sysconf(_SC_PAGESIZE);
	while (size < want && size < (1LL << 30))
		size *= 2;
	return (int)size;
}

struct options {
	const char *program;
	const char *file;
	const char *dump_ast_after; /* passes' names, "expand,types": -d ast is after the last */
	bool dump_ir, dump_asm, dry_run, verbose, list, quiet;
	bool unsafe; /* --unsafe: system(), signal()... allowed */
	bool helper_errors; /* -k: failed probe reads are reported */
	bool no_warnings;   /* --no-warnings */
	bool info;          /* --info */
	enum output_buffering buffering; /* -B */
	const char *emit_elf, *emit_llvm; /* --emit-elf FILE, --emit-llvm FILE */
	const char *format; /* -f: text or json */
	const char *output; /* -o FILE */
	int pid;            /* -p PID, or 0 */
	const char *command; /* -c CMD, or NULL */
	const char *list_pattern; /* -l PATTERN, or NULL */
	enum run_mode mode;       /* --mode, --test, --bench */
	bool mode_given;          /* a --mode (or --test, --bench) was given: another conflicts */
	regex_t probe_filter;     /* --probe-filter */
	bool has_probe_filter;
	struct params params;
	struct cdefs_options cdefs; /* -I, --include */
	int include_dirs_cap, include_files_cap;
};

/* The kernel's highest pid_max (64-bit), as bpftrace checks */
#define PID_MAX_LIMIT (4 * 1024 * 1024)

/* -p's argument: a process that exists. */
static int parse_pid(const char *arg, int *pid)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (*end || !*arg || errno) {
		fprintf(stderr, "ERROR: Failed to parse pid: invalid integer: %s\n", arg);
		return 2;
	}
	if (n <= 0 || n > PID_MAX_LIMIT) {
		fprintf(stderr, "ERROR: Pid out of range: %ld\n", n);
		return 2;
	}
	if (kill((pid_t)n, 0) < 0 && errno == ESRCH) {
		fprintf(stderr, "ERROR: -p: there is no process %ld\n", n);
		return 1;
	}
	*pid = (int)n;
	return 0;
}

static void add_dump(struct options *o, const char *pass)
{
	o->dump_ast_after = o->dump_ast_after ? arena_printf("%s,%s", o->dump_ast_after, pass) : pass;
}

/* --no-feature a,b: kernel features not to use, by bpftrace's names. */
static int disable_features(const char *list)
{
	char *names = arena_strdup(list), *save = NULL;
	for (char *name = strtok_r(names, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		if (!strcmp(name, "bpf_v4"))
			kernel_disable_bpf_cpu_v4();
		else if (provider_disable_feature(name)) {
			fprintf(stderr,
				"ERROR: --no-feature takes uprobe_multi, kprobe_multi, kprobe_session or bpf_v4, not '%s'\n",
				name);
			return 2;
		}
	}
	return 0;
}

/* One option: 0, or the exit status to stop with. */
enum {
	OPT_INCLUDE = 256, OPT_UNSAFE, OPT_INFO, OPT_NO_WARNINGS, OPT_EMIT_ELF, OPT_EMIT_LLVM, OPT_USDT_FILE_ACTIVATION,
	OPT_MODE, OPT_TEST, OPT_BENCH, OPT_PROBE_FILTER, OPT_TRACEABLE_FUNCTIONS, OPT_DEBUGINFO,
};

/* --mode's values, as bpftrace's; those lantern has not got are refused
 * as not supported yet. codegen compiles and stops, as --dry-run. */
static const struct {
	const char *name;
	enum run_mode mode;
	bool dry_run;
	bool missing;
} modes[] = {
	{ "codegen", RUN_NORMAL, true, false }, { "compiler-bench", RUN_NORMAL, false, true },
	{ "bench", RUN_BENCHES, false, false }, { "test", RUN_TESTS, false, false },
	{ "format", RUN_NORMAL, false, true },
};

/* --mode NAME, or --test and --bench (spelled: their option's name).
 * bpftrace's words and status (1). */
static int set_mode(struct options *o, const char *name, const char *spelled)
{
	if (spelled && o->mode_given) {
		fprintf(stderr, "ERROR: USAGE: %s conflicts with existing --mode\n", spelled);
		return 1;
	}
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strcmp(modes[i].name, name))
			continue;
		if (modes[i].missing) {
			fprintf(stderr, "ERROR: --mode %s is not supported yet\n", name);
			return 1;
		}
		o->mode = modes[i].mode;
		o->dry_run |= modes[i].dry_run;
		o->mode_given = true;
		return 0;
	}
	fputs("ERROR: USAGE: --mode can only be 'codegen', 'compiler-bench', 'bench', 'test' or 'format'.\n", stderr);
	return 1;
}

/* --probe-filter REGEX: compiled once, here */
static int set_probe_filter(struct options *o, const char *regex)
{
	if (o->has_probe_filter)
		regfree(&o->probe_filter);
	int err = regcomp(&o->probe_filter, regex, REG_EXTENDED | REG_NOSUB);
	if (err) {
		char why[256];
		regerror(err, &o->probe_filter, why, sizeof(why));
		fprintf(stderr, "ERROR: USAGE: --probe-filter: '%s' is not a regular expression: %s\n", regex, why);
		o->has_probe_filter = false;
		return 1;
	}
	o->has_probe_filter = true;
	return 0;
}

/* Appends s to an arena array of strings. */
static const char *const *push_string(const char *const *items, int *n, int *cap, const char *s)
{
	const char **grown = arena_grow((void *)items, *n, cap, sizeof(*grown));
	grown[(*n)++] = s;
	return grown;
}

static int take_option(int c, struct options *o)
{
	switch (c) {
	case 'p':
		return parse_pid(optarg, &o->pid);
	case 'c':
		o->command = optarg;
		break;
	case 'F':
		return disable_features(optarg);
	case 'e':
		o->program = optarg;
		break;
	case 'd': {
		bool all = !strcmp(optarg, "all"), ir = !strcmp(optarg, "ir"), as = !strcmp(optarg, "asm");
		bool pass = !strncmp(optarg, "ast:", 4) && sema_is_pass(optarg + 4);
		if (all || !strcmp(optarg, "ast"))
			add_dump(o, sema_last_pass());
		else if (pass)
			add_dump(o, optarg + 4);
		o->dump_ir |= all || ir;
		o->dump_asm |= all || as;
		/* each -d on its own: an earlier good one does not excuse a typo */
		if (!all && !ir && !as && !pass && strcmp(optarg, "ast")) {
			fprintf(stderr, "ERROR: -d takes ast, ast:PASS (PASS one of %s), ir, asm or all, not '%s'\n",
				sema_pass_names(), optarg);
			return 2;
		}
		break;
	}
	case 'n':
		o->dry_run = true;
		break;
	case 'l':
		o->list = true;
		break;
	case 'f':
		if (!output_format(optarg)) {
			fprintf(stderr, "ERROR: -f takes text or json, not '%s'\n", optarg);
			return 2;
		}
		o->format = optarg;
		break;
	case 'q':
		o->quiet = true;
		break;
	case 'o':
		o->output = optarg;
		break;
	case 'I':
		o->cdefs.include_dirs = push_string(o->cdefs.include_dirs, &o->cdefs.ninclude_dirs, &o->include_dirs_cap,
						    optarg);
		break;
	case OPT_USDT_FILE_ACTIVATION:
		/* bpftrace's way to raise semaphores in running processes: the
		 * kernel's uprobe reference counter raises them in every one */
		break;
	case OPT_DEBUGINFO:
		dwarf_add_debuginfo_dir(optarg);
		break;
	case OPT_INCLUDE:
		o->cdefs.include_files = push_string(o->cdefs.include_files, &o->cdefs.ninclude_files,
						     &o->include_files_cap, optarg);
		break;
	case 'v':
		o->verbose = true;
		break;
	case OPT_UNSAFE:
		o->unsafe = true;
		break;
	case 'B': {
		static const char *const modes[] = { [BUFFER_LINE] = "line", [BUFFER_FULL] = "full", [BUFFER_NONE] = "none" };
		for (int m = BUFFER_LINE; m <= BUFFER_NONE; m++)
			if (!strcmp(optarg, modes[m]))
				o->buffering = (enum output_buffering)m;
		if (!o->buffering) {
			fprintf(stderr, "ERROR: -B takes line, full or none, not '%s'\n", optarg);
			return 2;
		}
		break;
	}
	case 'k':
		/* as bpftrace: -kk was the old second level, gone */
		if (o->helper_errors || o->no_warnings) {
			fprintf(stderr, o->no_warnings ? "ERROR: -k conflicts with --no-warnings\n"
					: "ERROR: -kk is no more: one -k reports failed probe reads\n");
			return 2;
		}
		o->helper_errors = true;
		break;
	case OPT_NO_WARNINGS:
		if (o->helper_errors) {
			fprintf(stderr, "ERROR: -k conflicts with --no-warnings\n");
			return 2;
		}
		o->no_warnings = true;
		break;
	case OPT_INFO:
		o->info = true;
		break;
	case OPT_EMIT_ELF:
		o->emit_elf = optarg;
		break;
	case OPT_EMIT_LLVM:
		o->emit_llvm = optarg;
		break;
	case OPT_MODE:
		return set_mode(o, optarg, NULL);
	case OPT_TEST:
		return set_mode(o, "test", "--test");
	case OPT_BENCH:
		return set_mode(o, "bench", "--bench");
	case OPT_PROBE_FILTER:
		return set_probe_filter(o, optarg);
	case OPT_TRACEABLE_FUNCTIONS:
		kernel_functions_from_file(optarg);
		break;
	case 'h':
		usage(stdout);
		exit(0);
	case 'V':
		printf("lantern %s\n", LANTERN_VERSION);
		exit(0);
	default:
		usage(stderr);
		return 2;
	}
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "pid", required_argument, NULL, 'p' },
		{ "cmd", required_argument, NULL, 'c' },
		{ "include", required_argument, NULL, OPT_INCLUDE },
		{ "debuginfo", required_argument, NULL, OPT_DEBUGINFO },
		{ "no-feature", required_argument, NULL, 'F' },
		{ "unsafe", no_argument, NULL, OPT_UNSAFE },
		{ "warnings", no_argument, NULL, 'k' },
		{ "no-warnings", no_argument, NULL, OPT_NO_WARNINGS },
		{ "info", no_argument, NULL, OPT_INFO },
		{ "emit-elf", required_argument, NULL, OPT_EMIT_ELF },
		{ "emit-llvm", required_argument, NULL, OPT_EMIT_LLVM },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "usdt-file-activation", no_argument, NULL, OPT_USDT_FILE_ACTIVATION },
		{ "mode", required_argument, NULL, OPT_MODE },
		{ "test", no_argument, NULL, OPT_TEST },
		{ "bench", no_argument, NULL, OPT_BENCH },
		{ "probe-filter", required_argument, NULL, OPT_PROBE_FILTER },
		{ "traceable-functions", required_argument, NULL, OPT_TRACEABLE_FUNCTIONS },
		{ NULL, 0, NULL, 0 },
	};
	/* Options may come after the script file, as bpftrace's
	 * (script.bt -c CMD): getopt moves the script and its arguments to
	 * the end; `--` ends the options (arguments such as -1). -l's pattern
	 * may have options after it (-l 'uprobe:*' -p PID). */
	int c, rc;
	while ((c = getopt_long(argc, argv, "e:d:f:lo:p:c:qvhVI:B:k", longopts, NULL)) != -1)
		if ((rc = take_option(c, o)))
			return rc;
	if (o->list && optind < argc)
		o->list_pattern = argv[optind++];
	if (o->info)
		return 0;
	if (o->pid && o->command) {
		fprintf(stderr, "ERROR: -p and -c cannot be used together\n");
		return 2;
	}
	if (!o->program && !o->list) {
		if (optind >= argc) {
			usage(stderr);
			return 2;
		}
		o->file = argv[optind++];
	}
	params_from_args(&o->params, argv + optind, argc - optind);
	return 0;
}

static void print_line(void *out, const char *line)
{
	fputs(line, out);
	putc('\n', out);
}

/* -lv: each attach point, then what describes it (its args) */
static void print_described(void *out, const char *name)
{
	print_line(out, name);
	provider_describe(name, print_line, out);
}

/* -o FILE: made or emptied for lantern's output. A symlink there is not
 * followed: in a directory others can write to, one could be planted to
 * make root overwrite a file of their choice. NULL: stdout. */
static FILE *open_output(const char *path)
{
	if (!path)
		return NULL;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		fprintf(stderr, "ERROR: cannot write %s: %s\n", path,
			errno == ELOOP ? "it is a symbolic link" : strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return f;
}

/* --emit-elf FILE: the BPF object lantern loads, as it is. */
static int write_elf(const char *path, const struct bpf_image *img)
{
	FILE *f = open_output(path);
	if (!f)
		return -1;
	bool ok = fwrite(img->data, 1, img->size, f) == img->size;
	if (fclose(f) || !ok) {
		fprintf(stderr, "ERROR: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

struct compilation {
	const struct options *o;
	const struct source *src;
	const char *file;    /* the script's file (imports are found beside it), or NULL */
	bool front_end_only; /* -l: parse and check, no code */
	struct program *prog;
	struct bpf_image img;
	int rc;
};

static void *compile(void *arg)
{
	struct compilation *c = arg;
	const struct options *o = c->o;
	c->rc = -1;
	struct node *ast = parse_program(c->src);
	if (ast && imports_resolve(ast, c->file))
		ast = NULL;
	struct sema_options so = { .dump_after = o->dump_ast_after,
				   .dump_to = stderr,
				   .unsafe = o->unsafe,
				   .probe_filter = o->has_probe_filter ? &o->probe_filter : NULL,
				   .quiet = o->quiet };
	c->prog = ast ? sema_run(ast, &o->params, &so) : NULL;
	if (!c->prog)
		return NULL;
	if (c->front_end_only) {
		c->rc = 0;
		return NULL;
	}
	struct codegen_options cg = {
		.dump_ir = o->dump_ir ? stderr : NULL,
		/* nothing loaded: LLVM's assembly; else the kernel's, once loaded (runtime/teach.c) */
		.dump_asm = o->dump_asm && o->dry_run ? stderr : NULL,
		.ringbuf_size = ringbuf_size(),
		.max_map_keys = (int)config_int(CONFIG_MAX_MAP_KEYS),
		.license = config_text(CONFIG_LICENSE),
		.cpu_ids = cpu_id_limit(),
		.ncpus = kernel_possible_cpus(),
		.on_stack_limit_given = config_is_set(CONFIG_ON_STACK_LIMIT),
		.on_stack_limit = (int)config_int(CONFIG_ON_STACK_LIMIT),
		.filter_pid = o->pid,
		.helper_errors = o->helper_errors,
		.cpu_v4 = kernel_bpf_cpu_v4(),
	};
	/* --emit-llvm FILE: FILE.original.ll and FILE.optimized.ll, as bpftrace */
	FILE *ir_files[2] = { NULL, NULL };
	if (o->emit_llvm) {
		ir_files[0] = open_output(arena_printf("%s.original.ll", o->emit_llvm));
		ir_files[1] = ir_files[0] ? open_output(arena_printf("%s.optimized.ll", o->emit_llvm)) : NULL;
		if (!ir_files[1]) {
			if (ir_files[0])
				fclose(ir_files[0]);
			return NULL;
		}
		cg.emit_ir_original = ir_files[0];
		cg.emit_ir_optimized = ir_files[1];
	}
	/* Maps keyed by tid alone go to task storage where the kernel has it;
	 * asking costs two tiny program loads, so only when one could. */
	for (int i = 0; i < c->prog->nmaps; i++) {
		if (map_task_local_eligible(c->prog->maps[i])) {
			cg.task_storage = kernel_task_storage();
			break;
		}
	}
	c->rc = codegen_compile(c->prog, &cg, &c->img);
	for (int i = 0; i < 2; i++)
		if (ir_files[i] && fclose(ir_files[i]) && !c->rc)
			c->rc = -1;
	if (c->rc == 0 && o->emit_elf && write_elf(o->emit_elf, &c->img))
		c->rc = -1;
	return NULL;
}

/* The passes walk the AST recursively, as deep as the script nests (up to
 * MAX_AST_DEPTH): they run on a thread whose stack has room for that. Its
 * pages are only mapped when touched. */
#define COMPILE_STACK_BYTES (512UL << 20)

static int compile_on_big_stack(struct compilation *c)
{
	pthread_attr_t attr;
	pthread_t thread;
	pthread_attr_init(&attr);
	bool threaded = pthread_attr_setstacksize(&attr, COMPILE_STACK_BYTES) == 0 &&
			pthread_create(&thread, &attr, compile, c) == 0;
	pthread_attr_destroy(&attr);
	if (threaded)
		pthread_join(thread, NULL);
	else
		compile(c); /* no thread: the main stack, as deep as it goes */
	return c->rc;
}

/* -l -e PROGRAM, -l FILE: the attach points the program's probes have,
 * wildcards expanded, each once, as bpftrace lists them. */
static int list_program(const struct options *o, const char *file)
{
	struct source src = { .name = "-e", .text = o->program };
	if (file && source_read(file, &src))
		return 1;
	struct compilation c = { .o = o, .src = &src, .file = file, .front_end_only = true };
	int rc = compile_on_big_stack(&c) ? 1 : 0;
	struct name_table shown = { 0 };
	for (int i = 0; !rc && i < c.prog->nprobes; i++) {
		const char *name = c.prog->probes[i].ap->name;
		if (name_table_get(&shown, name))
			continue;
		name_table_put(&shown, name, (void *)1);
		(o->verbose ? print_described : print_line)(stdout, name);
	}
	if (file)
		free((char *)src.text);
	arena_free_all();
	return rc;
}

static bool is_script_file(const char *path)
{
	struct stat st;
	return path && !strchr(path, ':') && !stat(path, &st) && S_ISREG(st.st_mode);
}

/* -l [PATTERN[,PATTERN...]]: one attach point a line on stdout, as
 * bpftrace -l; -l with a program lists its own. */
static int list_attach_points(const struct options *o)
{
	if (o->program || is_script_file(o->list_pattern))
		return list_program(o, o->program ? NULL : o->list_pattern);
	if (o->params.argc > 0 || o->params.nnamed > 0) {
		usage(stderr);
		return 2;
	}
	if (o->list_pattern && kernel_type_listing(o->list_pattern)) /* -lv 'struct task_struct' */
		return btf_list_type(o->list_pattern, stdout) ? 1 : 0;
	int rc = 0;
	char *patterns = o->list_pattern ? arena_strdup(o->list_pattern) : NULL, *save = NULL;
	const char *one = patterns ? strtok_r(patterns, ",", &save) : NULL;
	do
		rc |= provider_list(one, o->verbose ? print_described : print_line, stdout);
	while (one && (one = strtok_r(NULL, ",", &save)));
	arena_free_all();
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (!builtins_self_check())
		return 1;
	struct options o = { 0 };
	int rc = parse_options(argc, argv, &o);
	if (rc)
		return rc;
	diag_set_warnings(!o.no_warnings);
	if (o.info)
		return runtime_info(stdout, "lantern " LANTERN_VERSION, codegen_llvm_version());
	struct target t = { .pid = o.pid };
	char **command = NULL;
	if (o.command) {
		command = child_parse(o.command, &t.exe);
		if (!command)
			return 1;
		t.is_command = true;
	}
	target_set(&t);
	cdefs_set_kernel(&btf_kernel_types); /* -lv's BTF-typed arguments too */
	cdefs_set_options(&o.cdefs);
	if (o.list)
		return list_attach_points(&o);

	struct source src = { .name = "-e", .text = o.program };
	char *text = NULL;
	if (!o.program) {
		if (source_read(o.file, &src))
			return 1;
		text = (char *)src.text;
	}

	/* started now (waiting for the probes): the script knows its pid */
	struct child child = { .pid = -1 };
	if (command && !o.dry_run) {
		if (child_start(&child, t.exe, command)) {
			free(text);
			return 1;
		}
		t.pid = child.pid;
		target_set(&t);
	}

	rc = 1;
	struct compilation c = { .o = &o, .src = &src, .file = o.file };
	if (compile_on_big_stack(&c) == 0) {
		struct run_options ro = {
			.verbose = o.verbose,
			.format = o.format,
			.quiet = o.quiet,
			.no_exit_maps = !config_int(CONFIG_PRINT_MAPS_ON_EXIT),
			.attach_failure = (enum missing_probes)config_int(CONFIG_MISSING_PROBES),
			.log_size = config_is_set(CONFIG_LOG_SIZE) ? (long)config_int(CONFIG_LOG_SIZE) : 0,
			.watch_pid = o.pid,
			.teach = o.dump_asm ? stderr : NULL,
			.child = command ? &child : NULL,
			.max_cat_bytes = config_int(CONFIG_MAX_CAT_BYTES),
			.buffering = o.buffering,
			.user_symbol_cache = (int)config_int(CONFIG_CACHE_USER_SYMBOLS),
			.cpp_demangle = config_int(CONFIG_CPP_DEMANGLE),
			.mode = o.mode,
		};
		if (o.dry_run) {
			rc = 0;
		} else if (!o.output || (ro.out = open_output(o.output))) {
			rc = runtime_run(c.prog, &c.img, &ro);
			if (ro.out)
				fclose(ro.out);
		}
	}
	child_stop(&child); /* unless it ran and was stopped already */
	bpf_image_free(&c.img);
	arena_free_all();
	free(text);
	return rc;
}
