/* Lookups in the host's table (arch_<name>.c). */
#include "arch.h"

#include <stddef.h>
#include <string.h>

#if !defined(__x86_64__) && !defined(__aarch64__)
/* No table for this architecture yet: nothing in registers. */
const struct arch arch_host = {
	.name = "unknown",
	.ret = -1,
	.pc = -1,
	.sp = -1,
	.regs = (const struct arch_reg[]){ { NULL, 0 } },
};

int arch_instruction_length(const unsigned char *code, int avail)
{
	(void)code;
	(void)avail;
	return -1;
}
#endif

#if !defined(__x86_64__)
/* Each architecture writes USDT operands in its assembler's syntax: only
 * x86-64's is read yet. */
int arch_usdt_arg_parse(const char *spec, struct usdt_arg *out, const char **why)
{
	(void)spec;
	(void)out;
	*why = "USDT arguments are not read on this architecture yet";
	return -1;
}
#endif

int arch_arg_offset(int n)
{
	return n >= 0 && n < arch_host.nargs ? arch_host.args[n] : -1;
}

int arch_reg_offset(const char *name)
{
	for (const struct arch_reg *r = arch_host.regs; r->name; r++)
		if (!strcmp(r->name, name))
			return r->offset;
	return -1;
}
