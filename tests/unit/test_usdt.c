/* USDT argument specs, as sys/sdt.h writes them on this architecture
 * (probes/usdt_arg_*.c): where each is, its size and sign. */
#include "../../probes/arch.h"
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
	a = parsed("%rsi", &rc, &why); /* no size: 8 bytes */
	CHECK(!rc && a.size == 8 && a.reg == arch_reg_offset("si"));
}

static void test_refused(void)
{
	int rc;
	const char *why;
	parsed("-4@counter(%rip)", &rc, &why);
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

void test_usdt(void)
{
#if defined(__x86_64__)
	test_forms();
	test_refused();
#endif
}
