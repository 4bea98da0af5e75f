/* Probe types' front end without a kernel: what -l does before it reads
 * tracefs, and the register tables of probes/arch_*.c against the
 * kernel's struct pt_regs. */
#include <asm/ptrace.h>
#include <stddef.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/source.h"
#include "../../probes/arch.h"
#include "../../probes/provider.h"
#include "unit.h"

static void count_line(void *ctx, const char *name)
{
	(*(int *)ctx)++;
}

/* provider_list's status for pattern, its errors thrown away; *lines gets
 * how many attach points it emitted. */
static int list(const char *pattern, int *lines)
{
	FILE *quiet = fopen("/dev/null", "w");
	diag_set_stream(quiet);
	*lines = 0;
	int rc = provider_list(pattern, count_line, lines);
	diag_set_stream(NULL);
	if (quiet)
		fclose(quiet);
	arena_free_all();
	return rc;
}

static void test_list(void)
{
	int lines;
	CHECK(list("nope:*", &lines) == -1 && lines == 0);         /* unknown type */
	CHECK(list("syscalls:sys_enter_openat", &lines) == -1);    /* a category is no type */
	CHECK(list("aw:*", &lines) == 0 && lines == 0);            /* not supported yet */
	CHECK(list("iter:nope*", &lines) == 0 && lines == 0);      /* no such iterator */
	CHECK(list("k:vfs_read", &lines) == 0 && lines <= 1); /* where tracefs lists it */
	CHECK(list("BEGIN", &lines) == 0 && lines == 0);           /* nothing to list */
	CHECK(list("interval:*", &lines) == 0 && lines == 0);
	CHECK(list("tracepoint:sched", &lines) == -1);             /* one part, no wildcard */
	CHECK(list("tracepoint", &lines) == -1);
	CHECK(list("t:a:b:c", &lines) == -1);
}

/* test:NAME and bench:NAME: one attach point, named as written; the
 * results call it by NAME. */
static const char *expand_one(const char *text, const char **name)
{
	FILE *quiet = fopen("/dev/null", "w");
	diag_set_stream(quiet);
	static const struct source src = { .name = "-e", .text = "test:a { }" };
	struct attach_list out = { 0 };
	int rc = provider_expand(text, (struct loc){ diag_add_source(&src), 1, 1, 1, 5 }, &out);
	diag_set_stream(NULL);
	if (quiet)
		fclose(quiet);
	if (rc || out.n != 1)
		return NULL;
	*name = out.items[0]->data;
	return out.items[0]->name;
}

static void test_test_bench(void)
{
	const char *name = NULL, *ap = expand_one("test:parses", &name);
	CHECK(ap && !strcmp(ap, "test:parses") && !strcmp(name, "parses"));
	ap = expand_one("bench:map_update", &name);
	CHECK(ap && !strcmp(ap, "bench:map_update") && !strcmp(name, "map_update"));
	CHECK(!expand_one("test", &name));       /* no name */
	CHECK(!expand_one("bench:", &name));
	CHECK(!expand_one("test:a:b", &name));   /* one part only */
	arena_free_all();
}

/* Every register by bpftrace's name, where the uapi struct has it. */
#define REG(name, field) { name, (int)offsetof(struct pt_regs, field) }
#if defined(__x86_64__)
static const struct arch_reg expected_regs[] = {
	REG("r15", r15), REG("r14", r14), REG("r13", r13), REG("r12", r12), REG("bp", rbp),
	REG("bx", rbx), REG("r11", r11), REG("r10", r10), REG("r9", r9), REG("r8", r8),
	REG("ax", rax), REG("cx", rcx), REG("dx", rdx), REG("si", rsi), REG("di", rdi),
	REG("orig_ax", orig_rax), REG("ip", rip), REG("cs", cs), REG("flags", eflags), REG("sp", rsp),
	REG("ss", ss),
};
static const char *const expected_args[] = { "di", "si", "dx", "cx", "r8", "r9" };
static const char *const expected_ret = "ax", *const expected_pc = "ip", *const expected_sp = "sp";
#elif defined(__aarch64__)
/* The kernel's struct pt_regs begins with the uapi struct user_pt_regs. */
#define X(n) { "r" #n, (int)(offsetof(struct user_pt_regs, regs) + (n) * sizeof(__u64)) }
static const struct arch_reg expected_regs[] = {
	X(0),  X(1),  X(2),  X(3),  X(4),  X(5),  X(6),  X(7),  X(8),  X(9),  X(10),
	X(11), X(12), X(13), X(14), X(15), X(16), X(17), X(18), X(19), X(20), X(21),
	X(22), X(23), X(24), X(25), X(26), X(27), X(28), X(29), X(30),
	{ "sp", (int)offsetof(struct user_pt_regs, sp) }, { "pc", (int)offsetof(struct user_pt_regs, pc) },
	{ "pstate", (int)offsetof(struct user_pt_regs, pstate) },
};
static const char *const expected_args[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
static const char *const expected_ret = "r0", *const expected_pc = "pc", *const expected_sp = "sp";
#endif

static int expected_offset(const char *name)
{
	for (size_t i = 0; i < sizeof(expected_regs) / sizeof(expected_regs[0]); i++)
		if (!strcmp(expected_regs[i].name, name))
			return expected_regs[i].offset;
	return -2; /* not -1: arch_reg_offset's "none" must not match it */
}

static void test_arch(void)
{
	int nregs = 0;
	for (const struct arch_reg *r = arch_host.regs; r->name; r++, nregs++)
		CHECK(r->offset == expected_offset(r->name));
	CHECK(nregs == (int)(sizeof(expected_regs) / sizeof(expected_regs[0])));
	for (size_t i = 0; i < sizeof(expected_regs) / sizeof(expected_regs[0]); i++)
		CHECK(arch_reg_offset(expected_regs[i].name) == expected_regs[i].offset);
	int nargs = (int)(sizeof(expected_args) / sizeof(expected_args[0]));
	CHECK(arch_host.nargs == nargs);
	for (int i = 0; i < nargs; i++)
		CHECK(arch_arg_offset(i) == expected_offset(expected_args[i]));
	CHECK(arch_arg_offset(nargs) == -1 && arch_arg_offset(-1) == -1);
	CHECK(arch_host.ret == expected_offset(expected_ret));
	CHECK(arch_host.pc == expected_offset(expected_pc));
	CHECK(arch_host.sp == expected_offset(expected_sp));
	CHECK(arch_reg_offset("nope") == -1);
}

void test_probes(void)
{
	test_list();
	test_test_bench();
#if defined(__x86_64__) || defined(__aarch64__)
	test_arch();
#endif
}
