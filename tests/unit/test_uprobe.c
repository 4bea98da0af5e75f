/* Uprobes without a kernel: symbol addresses turned into file offsets,
 * checked against the bytes of this very test binary, and the expansion
 * and errors of uprobe attach points on it. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../compiler/arena.h"
#include "../../compiler/sema.h"
#include "../../grammar/parse.h"
#include "../../probes/arch.h"
#include "../../probes/elf_symbols.h"
#include "../../probes/provider.h"
#include "unit.h"

static void test_segments(void)
{
	/* a PIE's usual layout: text at a different offset than its address */
	const struct elf_segment segs[] = {
		{ .vaddr = 0x0, .offset = 0x0, .filesz = 0x600 },
		{ .vaddr = 0x1000, .offset = 0x1000, .filesz = 0x2000 },
		{ .vaddr = 0x4de8, .offset = 0x3de8, .filesz = 0x230 },
	};
	CHECK(elf_address_to_offset(segs, 3, 0x1320) == 0x1320);
	CHECK(elf_address_to_offset(segs, 3, 0x4e00) == 0x3e00);
	CHECK(elf_address_to_offset(segs, 3, 0x2fff) == 0x2fff);
	CHECK(elf_address_to_offset(segs, 3, 0x3000) == -1); /* past the segment's file bytes */
	CHECK(elf_address_to_offset(segs, 3, 0x800) == -1);  /* between segments */
	CHECK(elf_address_to_offset(segs, 0, 0x1320) == -1);
}

#if defined(__x86_64__)
static int length_of(const char *hex)
{
	unsigned char code[16];
	int n = 0;
	for (; hex[0] && hex[1] && n < 16; hex += 2) {
		unsigned v;
		sscanf(hex, "%2x", &v);
		code[n++] = (unsigned char)v;
	}
	return arch_instruction_length(code, n);
}

/* Where a uprobe may go inside a function: instruction lengths (checked
 * against objdump over all of libc, bash and lantern when written). */
static void test_instruction_lengths(void)
{
	CHECK(length_of("55") == 1);                           /* push %rbp */
	CHECK(length_of("4889e5") == 3);                       /* mov %rsp,%rbp */
	CHECK(length_of("f30f1efa") == 4);                     /* endbr64 */
	CHECK(length_of("48b88877665544332211") == 10);        /* movabs imm64 */
	CHECK(length_of("b844332211") == 5);                   /* mov imm32 */
	CHECK(length_of("66b82211") == 4);                     /* mov imm16 */
	CHECK(length_of("e800000000") == 5);                   /* call rel32 */
	CHECK(length_of("0f1f440000") == 5);                   /* nopl 0(%rax,%rax) */
	CHECK(length_of("662e0f1f840000000000") == 10);        /* cs nopw 0(%rax,%rax) */
	CHECK(length_of("488b0511223344") == 7);               /* mov rip-relative */
	CHECK(length_of("f70511223344aabbccdd") == 10);        /* test imm32, rip-relative */
	CHECK(length_of("f6c301") == 3);                       /* test $1,%bl */
	CHECK(length_of("c5f877") == 3);                       /* vzeroupper */
	CHECK(length_of("c4e2791805aabbccdd") == 9);           /* vbroadcastss rip-relative */
	CHECK(length_of("c4e3790dc101") == 6);                 /* vblendpd imm8 (0F3A) */
	CHECK(length_of("62f17c4828c1") == 6);                 /* vmovaps %zmm1,%zmm0 */
	CHECK(length_of("0f8411223344") == 6);                 /* je rel32 */
	CHECK(length_of("c8100001") == 4);                     /* enter */
	CHECK(length_of("06") == -1);                          /* invalid in 64-bit mode */
	CHECK(length_of("8fe878c2c101") == -1);                /* XOP: not decoded */
	CHECK(length_of("48") == -1 && length_of("e8aabb") == -1); /* cut short */
}
#endif

/* The file offset of a function of this binary holds its first bytes. */
static void test_offset_of_own_function(void)
{
	const char *why = NULL;
	const struct elf_file *f = elf_file_get("/proc/self/exe", &why);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(elf_file_get("/proc/self/exe", &why) == f); /* read once */
	const struct elf_symbol *sym = elf_symbol_named(f, "elf_address_to_offset");
	CHECK(sym != NULL && sym->size > 0);
	if (!sym)
		return;
	CHECK(elf_symbol_at(f, sym->addr + sym->size / 2) == sym);
	long long off = elf_address_to_offset(f->segments, f->nsegments, sym->addr);
	CHECK(off > 0);
	unsigned char in_file[16];
	int fd = open("/proc/self/exe", O_RDONLY);
	CHECK(fd >= 0 && pread(fd, in_file, sizeof(in_file), off) == (ssize_t)sizeof(in_file));
	if (fd >= 0)
		close(fd);
	CHECK(!memcmp(in_file, (const void *)elf_address_to_offset, sizeof(in_file)));
	/* sorted by name, each once */
	int unsorted = 0;
	for (int i = 1; i < f->nsymbols; i++)
		unsorted += strcmp(f->symbols[i - 1].name, f->symbols[i].name) >= 0;
	CHECK(f->nsymbols > 100 && unsorted == 0);
}

static void emit_count(void *ctx, const char *name)
{
	(void)name;
	++*(int *)ctx;
}

static void test_expand_and_list(void)
{
	struct attach_list points = { 0 };
	struct loc loc = { 0 };
	CHECK(provider_expand("uprobe:/proc/self/exe:elf_symbol_*", loc, &points) == 0);
	CHECK(points.n == 2); /* elf_symbol_at, elf_symbol_named */
	if (points.n == 2) {
		CHECK(!strcmp(points.items[0]->name, "uprobe:/proc/self/exe:elf_symbol_at"));
		CHECK(!strcmp(points.items[1]->func, "elf_symbol_named"));
	}
	points = (struct attach_list){ 0 };
	CHECK(provider_expand("ur:/proc/self/exe:\"elf_file_get\"", loc, &points) == 0 && points.n == 1);
	if (points.n == 1)
		CHECK(!strcmp(points.items[0]->name, "uretprobe:/proc/self/exe:elf_file_get"));
	int lines = 0;
	CHECK(provider_list("uprobe:/proc/self/exe:elf_file_*", emit_count, &lines) == 0 && lines == 2);
	lines = 0;
	CHECK(provider_list("uprobe:/proc/self/exe:no_such_function", emit_count, &lines) == 0 && lines == 0);
	arena_free_all();
}

static void refused(const char *program, const char *expect)
{
	int ok;
	const char *out = front_end(program, &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, expect);
}

static void test_errors(void)
{
	refused("uprobe:/no/such/binary:f { }",
		"stdin:1:1-25: ERROR: uprobe binary '/no/such/binary' does not exist or is not executable");
	refused("uprobe:/proc/self/exe:elf_symbol_namd { }",
		"HINT: no function 'elf_symbol_namd' in /proc/self/exe (did you mean elf_symbol_named");
	refused("uretprobe:/proc/self/exe:elf_file_get+4 { }", "a uretprobe cannot be at an offset");
	refused("uprobe:/proc/self/exe:elf_file_get+100000 { }", "is outside elf_file_get");
#if defined(__x86_64__)
	{
		/* an offset is accepted at an instruction, refused inside one:
		 * the first one's length read from the function's bytes here */
		char program[128];
		int first = arch_instruction_length((const unsigned char *)elf_symbol_at, 15);
		CHECK(first > 0);
		snprintf(program, sizeof(program), "uprobe:/proc/self/exe:elf_symbol_at+%d { }", first);
		int ok;
		front_end(program, &ok, 0, NULL);
		CHECK(ok);
		if (first > 1) {
			snprintf(program, sizeof(program), "uprobe:/proc/self/exe:elf_symbol_at+%d { }", first - 1);
			refused(program, "is inside an instruction");
		}
	}
#endif
	refused("uprobe:/proc/self/exe:1 { }", "Could not resolve address: /proc/self/exe:0x1");
	refused("uprobe:elf_file_get { }", "needs -p or -c");
	refused("uprobe:/proc/self/exe:elf_file_get { $x = retval; }",
		"retval is not available in uprobe probes, only in uretprobe, kretprobe, fexit probes");
	refused("uretprobe:/proc/self/exe:elf_file_get { $x = arg0; }", "arg0 is not available in uretprobe probes");
	refused("BEGIN { print(func); }", "func is not available in BEGIN probes");
	refused("BEGIN { print(reg(\"ip\")); }", "reg() is not available in BEGIN probes");
	refused("uprobe:/proc/self/exe:elf_file_get { print(reg(\"nope\")); }", "has no register 'nope'");
	refused("uprobe:/proc/self/exe:elf_file_get { print(reg(1)); }", "reg() takes a register's name in quotes");
}

static void find_cast(struct node **slot, void *ctx)
{
	const struct type **found = ctx;
	if ((*slot)->kind == N_CAST && !*found)
		*found = (*slot)->type;
	node_for_each_child(*slot, find_cast, ctx);
}

/* The address space of the first cast's type in program's probe. */
static int cast_space(const char *program)
{
	struct source src = { .name = "-e", .text = program };
	struct params params = { 0 };
	struct sema_options so = { 0 };
	diag_reset();
	struct node *ast = parse_program(&src);
	struct program *p = ast ? sema_run(ast, &params, &so) : NULL;
	const struct type *t = NULL;
	if (p && p->nprobes)
		find_cast(&p->probes[0].probe, &t);
	int space = t && t->kind == TY_PTR ? (int)t->space : -1;
	arena_free_all();
	return space;
}

/* A uprobe's plain integers are addresses in the process: casts to
 * pointers (and str(), in codegen) read user memory. */
static void test_user_pointers(void)
{
	CHECK(cast_space("uprobe:/proc/self/exe:elf_file_get { $p = (int32 *)arg0; @ = *$p; }") == AS_USER);
	CHECK(cast_space("interval:s:1 { $p = (int32 *)1234; @ = *$p; }") == AS_KERNEL);
	int ok;
	front_end("uprobe:/proc/self/exe:elf_file_get { @[func, str(arg0)] = count(); }", &ok, 0, NULL);
	CHECK(ok);
	front_end("uprobe:/proc/self/exe:elf_file_get { @ = reg(\"sp\") + reg(\"ip\"); }", &ok, 0, NULL);
	CHECK(ok);
}

void test_uprobe(void)
{
	test_segments();
#if defined(__x86_64__)
	test_instruction_lengths();
#endif
	test_offset_of_own_function();
	test_expand_and_list();
	test_errors();
	test_user_pointers();
}
