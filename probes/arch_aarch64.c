/* aarch64: struct pt_regs starts with struct user_pt_regs (uapi
 * asm/ptrace.h): x0..x30, sp, pc, pstate, 8 bytes each. The AAPCS64
 * passes eight arguments in x0..x7 (the others on the stack, from sp
 * up) and returns in x0. Names are
 * bpftrace's: r0..r30, sp, pc, pstate. */
#if defined(__aarch64__)
#include "arch.h"

#include <stddef.h>

#define SLOT(n) ((n) * 8)
#define X(n) { "r" #n, SLOT(n) }

enum { SP = 31, PC, PSTATE };

static const int args[] = { SLOT(0), SLOT(1), SLOT(2), SLOT(3), SLOT(4), SLOT(5), SLOT(6), SLOT(7) };

static const struct arch_reg regs[] = {
	X(0),  X(1),  X(2),  X(3),  X(4),  X(5),  X(6),  X(7),  X(8),  X(9),  X(10),
	X(11), X(12), X(13), X(14), X(15), X(16), X(17), X(18), X(19), X(20), X(21),
	X(22), X(23), X(24), X(25), X(26), X(27), X(28), X(29), X(30),
	{ "sp", SLOT(SP) }, { "pc", SLOT(PC) }, { "pstate", SLOT(PSTATE) }, { NULL, 0 },
};

const struct arch arch_host = {
	.name = "aarch64",
	.args = args,
	.nargs = sizeof(args) / sizeof(args[0]),
	.ret = SLOT(0),
	.pc = SLOT(PC),
	.sp = SLOT(SP),
	.stack_arg0 = 0,
	.regs = regs,
};

/* A64 instructions are all 4 bytes. */
int arch_instruction_length(const unsigned char *code, int avail)
{
	(void)code;
	return avail >= 4 ? 4 : -1;
}
#endif
