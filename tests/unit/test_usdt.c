/* USDT argument specs, as sys/sdt.h writes them on this architecture
 * (probes/usdt_arg_*.c): where each is, its size and sign; and the notes
 * of this very test binary, which has probes of its own: their places in
 * the file (the probe's nop), and their attach points. */
#include <fcntl.h>
#include <sys/sdt.h>
#include <unistd.h>

#include "../../compiler/arena.h"
#include "../../probes/arch.h"
#include "../../probes/provider.h"
#include "../../probes/usdt_notes.h"
#include "unit.h"

#if defined(__x86_64__)
static struct usdt_arg parsed(const char *spec, int *rc, const char **why)
{
	struct usdt_arg a;
	*why = NULL;
	*rc = arch_usdt_arg_parse(spec, &a, why);
	return a;
}

static void test_forms(void)
{
	int rc;
	const char *why;
	struct usdt_arg a = parsed("-4@%eax", &rc, &why);
	CHECK(!rc && a.kind == USDT_ARG_REG && a.size == 4 && a.is_signed && a.reg == arch_reg_offset("ax"));
	a = parsed("8@%rdi", &rc, &why);
	CHECK(!rc && a.kind == USDT_ARG_REG && a.size == 8 && !a.is_signed && a.reg == arch_reg_offset("di"));
	a = parsed("1@%ah", &rc, &why); /* the second byte of rax */
	CHECK(!rc && a.size == 1 && a.reg == arch_reg_offset("ax") + 1);
	a = parsed("-2@%r9w", &rc, &why);
	CHECK(!rc && a.size == 2 && a.reg == arch_reg_offset("r9"));
	a = parsed("8@%eax", &rc, &why); /* no wider than the register named */
	CHECK(!rc && a.size == 4);
	a = parsed("4@$5", &rc, &why);
	CHECK(!rc && a.kind == USDT_ARG_CONST && a.value == 5);
	a = parsed("-1@$-3", &rc, &why);
	CHECK(!rc && a.kind == USDT_ARG_CONST && a.value == -3);
	a = parsed("4@$-202182160", &rc, &why); /* unsigned: the low 4 bytes */
	CHECK(!rc && a.value == 4092785136LL);
	a = parsed("-2@$61936", &rc, &why);
	CHECK(!rc && a.value == -3600);
	a = parsed("-8@-16(%rbp)", &rc, &why);
	CHECK(!rc && a.kind == USDT_ARG_MEMORY && a.size == 8 && a.is_signed && a.value == -16 &&
	      a.reg == arch_reg_offset("bp") && a.index == -1);
	a = parsed("8@8(%rax,%rdx,8)", &rc, &why);
	CHECK(!rc && a.kind == USDT_ARG_MEMORY && a.value == 8 && a.reg == arch_reg_offset("ax") &&
	      a.index == arch_reg_offset("dx") && a.scale == 8);
	a = parsed("-8@(%rdi,%rsi,8)", &rc, &why);
	CHECK(!rc && a.value == 0 && a.reg == arch_reg_offset("di") && a.index == arch_reg_offset("si"));
	a = parsed("-4@counter(%rip)", &rc, &why); /* a variable: the caller places it */
	CHECK(!rc && a.kind == USDT_ARG_MEMORY && a.symbol && !strcmp(a.symbol, "counter") && a.value == 0 &&
	      a.reg == arch_host.pc && a.index == -1);
	a = parsed("-4@8+table.0(%rip)", &rc, &why);
	CHECK(!rc && a.symbol && !strcmp(a.symbol, "table.0") && a.value == 8);
	a = parsed("%rsi", &rc, &why); /* no size: 8 bytes */
	CHECK(!rc && a.size == 8 && a.reg == arch_reg_offset("si"));
}

static void test_refused(void)
{
	int rc;
	const char *why;
	parsed("8@16(%rip)", &rc, &why); /* relative to the next instruction: not the probe's */
	CHECK(rc && why && strstr(why, "not supported yet"));
	parsed("4@counter(%rax)", &rc, &why);
	CHECK(rc && why && strstr(why, "not supported yet"));
	parsed("8@%fs:40", &rc, &why);
	CHECK(rc && why && strstr(why, "segment"));
	parsed("3@%eax", &rc, &why);
	CHECK(rc && why && strstr(why, "1, 2, 4 or 8"));
	parsed("4@%xyz", &rc, &why);
	CHECK(rc && why);
	parsed("8@8(%rax,%rdx,3)", &rc, &why);
	CHECK(rc && why && strstr(why, "scale"));
	parsed("8@8(%eax)", &rc, &why);
	CHECK(rc && why);
}
#endif

/* Probes of this binary: unit_here at one place, unit_twice at two (an
 * inlined function called twice). Called, so the compiler keeps them. */
static inline __attribute__((always_inline)) void twice(int v)
{
	DTRACE_PROBE1(lantern_unit, unit_twice, v);
}

__attribute__((noipa)) static void fire_probes(int a, long b)
{
	DTRACE_PROBE2(lantern_unit, unit_here, a, b);
	twice(a);
	twice(a + 1);
}

static const struct usdt_note *own_note(const struct usdt_notes *notes, const char *name, int *places)
{
	const struct usdt_note *first = NULL;
	*places = 0;
	for (int i = 0; i < notes->n; i++) {
		if (strcmp(notes->notes[i].provider, "lantern_unit") || strcmp(notes->notes[i].name, name))
			continue;
		if (!(*places)++)
			first = &notes->notes[i];
	}
	return first;
}

static void test_own_notes(void)
{
	fire_probes(1, 2);
	const char *why = NULL;
	const struct elf_file *f = elf_file_get("/proc/self/exe", &why);
	const struct usdt_notes *notes = f ? usdt_notes_get(f, &why) : NULL;
	CHECK(notes != NULL);
	if (!notes)
		return;
	CHECK(usdt_notes_get(f, &why) == notes); /* read once */
	int places;
	const struct usdt_note *here = own_note(notes, "unit_here", &places);
	CHECK(here && places == 1 && !here->semaphore);
	if (!here)
		return;
	CHECK(strchr(here->args, ' ') && !strchr(strchr(here->args, ' ') + 1, ' ')); /* two specs */
	/* the probe's place in the file is sys/sdt.h's nop */
	unsigned char byte = 0;
	int fd = open("/proc/self/exe", O_RDONLY);
	CHECK(here->offset > 0 && fd >= 0 && pread(fd, &byte, 1, here->offset) == 1 && byte == 0x90);
	if (fd >= 0)
		close(fd);
	CHECK(own_note(notes, "unit_twice", &places) && places == 2);
}

static void test_own_expand(void)
{
	struct attach_list points = { 0 };
	struct loc loc = { 0 };
	CHECK(provider_expand("usdt:/proc/self/exe:lantern_unit:unit_twice", loc, &points) == 0 && points.n == 2);
	if (points.n == 2)
		CHECK(!strcmp(points.items[0]->name, "usdt:/proc/self/exe:lantern_unit:unit_twice") &&
		      !strcmp(points.items[0]->name, points.items[1]->name) && !strcmp(points.items[0]->func, "fire_probes"));
	points = (struct attach_list){ 0 };
	CHECK(provider_expand("U:/proc/self/exe:unit_*", loc, &points) == 0 && points.n == 3);
	int ok;
	front_end("usdt:/proc/self/exe:lantern_unit:unit_here { @ = arg0 + arg1; }", &ok, 0, NULL);
	CHECK(ok);
	CHECK_CONTAINS(front_end("usdt:/proc/self/exe:lantern_unit:unit_here { @ = arg2; }", &ok, 0, NULL),
		       "usdt:/proc/self/exe:lantern_unit:unit_here has 2 arguments (arg0 to arg1): there is no arg2");
	CHECK_CONTAINS(front_end("usdt:/proc/self/exe:lantern_unit:unit_hear { }", &ok, 0, NULL),
		       "no USDT probe 'lantern_unit:unit_hear' in /proc/self/exe (did you mean lantern_unit:unit_here");
	CHECK_CONTAINS(front_end("usdt:lantern_unit:unit_here { }", &ok, 0, NULL), "does not exist");
	CHECK_CONTAINS(front_end("usdt:unit_here { }", &ok, 0, NULL), "needs -p or -c");
	arena_free_all();
}

void test_usdt(void)
{
#if defined(__x86_64__)
	test_forms();
	test_refused();
#endif
	test_own_notes();
	test_own_expand();
}
