/* Where the host's calling convention leaves a probed function's
 * arguments and return value in struct pt_regs (the context of kprobe and
 * uprobe programs), and where reg("name") finds a register. One file per
 * architecture (arch_<name>.c) holds its table, built only on its host;
 * tests/unit/test_probes.c checks each against the kernel's struct. */
#ifndef LANTERN_ARCH_H
#define LANTERN_ARCH_H

struct arch_reg {
	const char *name; /* as bpftrace's reg() spells it: "ip", "sp", "di" */
	int offset;       /* bytes into struct pt_regs */
};

struct arch {
	const char *name;            /* as uname -m prints it */
	const int *args;             /* offsets of arg0, arg1...: those passed in registers */
	int nargs;
	int ret;                     /* offset of the return value (kretprobe's retval) */
	int pc, sp;                  /* offsets of the program counter and stack pointer */
	const struct arch_reg *regs; /* every register, by name; ends with a NULL name */
};

extern const struct arch arch_host;

/* Offset in struct pt_regs of argument n, or -1 when it is not passed in
 * a register. */
int arch_arg_offset(int n);
/* Offset of the register reg(name) reads, or -1 if the host has none. */
int arch_reg_offset(const char *name);
/* Bytes of the machine instruction at code (avail bytes there), or -1
 * when it is not understood: where a uprobe may go inside a function. */
int arch_instruction_length(const unsigned char *code, int avail);

#endif
