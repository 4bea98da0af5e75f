/* x86_64: struct pt_regs is 21 8-byte registers, in the order of
 * arch/x86/include/asm/ptrace.h; the System V calling convention passes
 * six arguments in di, si, dx, cx, r8, r9 (the others on the stack,
 * above the return address) and returns in ax. Names are
 * bpftrace's (the kernel's, without the r of rax). */
#if defined(__x86_64__)
#include "arch.h"

#include <stddef.h>

#define SLOT(n) ((n) * 8)

enum {
	R15, R14, R13, R12, BP, BX, R11, R10, R9, R8, AX, CX, DX, SI, DI, ORIG_AX, IP, CS, FLAGS, SP, SS,
};

static const int args[] = { SLOT(DI), SLOT(SI), SLOT(DX), SLOT(CX), SLOT(R8), SLOT(R9) };

static const struct arch_reg regs[] = {
	{ "r15", SLOT(R15) }, { "r14", SLOT(R14) }, { "r13", SLOT(R13) }, { "r12", SLOT(R12) },
	{ "bp", SLOT(BP) },   { "bx", SLOT(BX) },   { "r11", SLOT(R11) }, { "r10", SLOT(R10) },
	{ "r9", SLOT(R9) },   { "r8", SLOT(R8) },   { "ax", SLOT(AX) },   { "cx", SLOT(CX) },
	{ "dx", SLOT(DX) },   { "si", SLOT(SI) },   { "di", SLOT(DI) },   { "orig_ax", SLOT(ORIG_AX) },
	{ "ip", SLOT(IP) },   { "cs", SLOT(CS) },   { "flags", SLOT(FLAGS) }, { "sp", SLOT(SP) },
	{ "ss", SLOT(SS) },   { NULL, 0 },
};

const struct arch arch_host = {
	.name = "x86_64",
	.args = args,
	.nargs = sizeof(args) / sizeof(args[0]),
	.ret = SLOT(AX),
	.pc = SLOT(IP),
	.sp = SLOT(SP),
	.stack_arg0 = 8,
	.regs = regs,
};
#endif
