/* Where the host's calling convention leaves a probed function's
 * arguments and return value in struct pt_regs (the context of kprobe and
 * uprobe programs), and where reg("name") finds a register. One file per
 * architecture (arch_<name>.c) holds its table, built only on its host;
 * tests/unit/test_probes.c checks each against the kernel's struct. */
#ifndef LANTERN_ARCH_H
#define LANTERN_ARCH_H
#include <stdbool.h>

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
	/* At a function's entry, its first argument passed on the stack is at
	 * the stack pointer + this, each one in 8 bytes (past the return
	 * address on x86_64) */
	int stack_arg0;
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

/* Where a USDT probe's argument is when it fires, read from the spec
 * sys/sdt.h wrote in the probe's note ("-4@%eax", "8@-16(%rbp)", "4@$5"):
 * the assembler's operand, with its size and sign in front. */
enum usdt_arg_kind {
	USDT_ARG_CONST,  /* value */
	USDT_ARG_REG,    /* size bytes of struct pt_regs at reg */
	USDT_ARG_MEMORY, /* size bytes of user memory at register reg + value (+ register index * scale) */
};

struct usdt_arg {
	enum usdt_arg_kind kind;
	int size; /* 1, 2, 4 or 8 */
	bool is_signed;
	long long value;
	int reg;          /* offset in struct pt_regs (REG: of the register's bytes named, %ah's is 1 in) */
	int index, scale; /* MEMORY: offset of the index register, or -1 */
	/* MEMORY: a variable's, at symbol + value (reg is then the program
	 * counter's: the caller turns the symbol's address into a distance
	 * from the probe's place, which the program counter is at), or NULL */
	const char *symbol;
};

/* spec read into *out: 0, or -1 with *why set when it is not an operand
 * lantern understands on this architecture. */
int arch_usdt_arg_parse(const char *spec, struct usdt_arg *out, const char **why);

#endif
