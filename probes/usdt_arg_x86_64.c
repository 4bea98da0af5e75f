/* x86-64 USDT argument specs: sys/sdt.h writes each argument as
 * "SIZE@OPERAND", the operand as gcc gave it to the assembler (AT&T
 * syntax): "$5" a constant, "%eax" a register (or its low 32, 16 or 8
 * bits, or %ah's second byte), "-16(%rbp)" or "8(%rax,%rdx,8)" memory. A
 * negative size is a signed value. A variable's operand is relative to
 * the program counter: "counter(%rip)", "8+table(%rip)". Segment
 * operands ("%fs:8") are not read yet. */
#if defined(__x86_64__)
#include "arch.h"

#include <ctype.h>

#include "../compiler/arena.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A register as an operand names it: which struct pt_regs slot (as
 * reg() names it), from which byte, how many. */
struct operand_reg {
	const char *name;
	const char *slot;
	int byte, width;
};

#define GPR(r64, r32, r16, r8, slot) \
	{ r64, slot, 0, 8 }, { r32, slot, 0, 4 }, { r16, slot, 0, 2 }, { r8, slot, 0, 1 }
#define NEW_GPR(n) GPR("r" #n, "r" #n "d", "r" #n "w", "r" #n "b", "r" #n)

static const struct operand_reg operand_regs[] = {
	GPR("rax", "eax", "ax", "al", "ax"), { "ah", "ax", 1, 1 },
	GPR("rbx", "ebx", "bx", "bl", "bx"), { "bh", "bx", 1, 1 },
	GPR("rcx", "ecx", "cx", "cl", "cx"), { "ch", "cx", 1, 1 },
	GPR("rdx", "edx", "dx", "dl", "dx"), { "dh", "dx", 1, 1 },
	GPR("rsi", "esi", "si", "sil", "si"),
	GPR("rdi", "edi", "di", "dil", "di"),
	GPR("rbp", "ebp", "bp", "bpl", "bp"),
	GPR("rsp", "esp", "sp", "spl", "sp"),
	NEW_GPR(8),  NEW_GPR(9),  NEW_GPR(10), NEW_GPR(11),
	NEW_GPR(12), NEW_GPR(13), NEW_GPR(14), NEW_GPR(15),
	{ NULL, NULL, 0, 0 },
};

/* "%name" at *s: the register, *s moved past it; NULL if it is none. */
static const struct operand_reg *read_register(const char **s)
{
	if (**s != '%')
		return NULL;
	const char *name = *s + 1;
	size_t len = 0;
	while (isalnum((unsigned char)name[len]))
		len++;
	for (const struct operand_reg *r = operand_regs; r->name; r++) {
		if (strlen(r->name) == len && !strncmp(r->name, name, len)) {
			*s = name + len;
			return r;
		}
	}
	return NULL;
}

static int fail(const char **why, const char *text)
{
	*why = text;
	return -1;
}

static bool read_number(const char **s, long long *out)
{
	char *end;
	errno = 0;
	*out = strtoll(*s, &end, 0);
	if (end == *s || errno)
		return false;
	*s = end;
	return true;
}

/* The constant as the probe's code holds it: its low size bytes. */
static long long fit(long long v, int size, bool is_signed)
{
	if (size == 8)
		return v;
	unsigned long long bits = (unsigned long long)v & ((1ULL << (8 * size)) - 1);
	unsigned long long sign = 1ULL << (8 * size - 1);
	return is_signed && (bits & sign) ? (long long)(bits | ~((sign << 1) - 1)) : (long long)bits;
}

static bool symbol_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$';
}

/* The displacement before '(': numbers and at most one symbol, added
 * ("8+table", "counter-4"). */
static int read_displacement(const char **s, struct usdt_arg *out, const char **why)
{
	const char *c = *s;
	while (*c && *c != '(') {
		bool minus = *c == '-';
		if (*c == '+' || *c == '-')
			c++;
		long long n;
		if (isdigit((unsigned char)*c)) {
			if (!read_number(&c, &n))
				return fail(why, "its displacement is not a number");
			out->value += minus ? -n : n;
		} else if (symbol_char(*c) && !minus && !out->symbol) {
			const char *start = c;
			while (symbol_char(*c))
				c++;
			out->symbol = arena_strndup(start, (size_t)(c - start));
		} else {
			return fail(why, "its displacement is neither numbers nor a symbol plus numbers");
		}
	}
	*s = c;
	return 0;
}

static int read_memory(const char *s, struct usdt_arg *out, const char **why)
{
	out->kind = USDT_ARG_MEMORY;
	out->index = -1;
	out->value = 0;
	if (read_displacement(&s, out, why))
		return -1;
	if (*s++ != '(')
		return fail(why, "a memory operand is written displacement(%base)");
	if (!strncmp(s, "%rip)", 5) && !s[5]) {
		if (!out->symbol)
			return fail(why, "a %rip-relative argument without a symbol is not supported yet");
		out->reg = arch_host.pc;
		return 0;
	}
	if (out->symbol)
		return fail(why, "a symbol's address plus a register is not supported yet");
	const struct operand_reg *base = read_register(&s);
	if (!base)
		return fail(why, *s == ',' ? "a memory operand without a base register is not supported yet"
					   : "its base register is not one of x86-64's");
	if (base->width != 8)
		return fail(why, "its base register is not a 64-bit one");
	out->reg = arch_reg_offset(base->slot);
	if (*s == ',') {
		s++;
		const struct operand_reg *index = read_register(&s);
		if (!index || index->width != 8)
			return fail(why, "its index register is not a 64-bit register of x86-64's");
		out->index = arch_reg_offset(index->slot);
		long long scale = 1;
		if (*s == ',' && (s++, !read_number(&s, &scale) || (scale != 1 && scale != 2 && scale != 4 && scale != 8)))
			return fail(why, "its scale is not 1, 2, 4 or 8");
		out->scale = (int)scale;
	}
	if (*s++ != ')' || *s)
		return fail(why, "a memory operand ends with its ')'");
	return 0;
}

int arch_usdt_arg_parse(const char *spec, struct usdt_arg *out, const char **why)
{
	const char *s = spec;
	*out = (struct usdt_arg){ .size = 8, .index = -1, .symbol = NULL };
	const char *at = strchr(s, '@');
	if (at) {
		long long size;
		if (!read_number(&s, &size) || s != at)
			return fail(why, "its size (before '@') is not a number");
		out->is_signed = size < 0;
		out->size = (int)(size < 0 ? -size : size);
		if (out->size != 1 && out->size != 2 && out->size != 4 && out->size != 8)
			return fail(why, "its size is not 1, 2, 4 or 8 bytes");
		s = at + 1;
	}
	if (*s == '$') {
		s++;
		if (!read_number(&s, &out->value) || *s)
			return fail(why, "a constant that is not a number is not supported yet");
		out->kind = USDT_ARG_CONST;
		out->value = fit(out->value, out->size, out->is_signed);
		return 0;
	}
	if (*s == '%') {
		if (!strncmp(s, "%rip", 4))
			return fail(why, "%rip as an argument is not supported yet");
		const struct operand_reg *r = read_register(&s);
		if (!r)
			return fail(why, strchr(s, ':') ? "a segment register operand is not supported yet"
							 : "its register is not one of x86-64's");
		if (*s)
			return fail(why, strchr(s, ':') ? "a segment register operand is not supported yet"
							 : "text follows its register");
		out->kind = USDT_ARG_REG;
		out->reg = arch_reg_offset(r->slot) + r->byte;
		/* a value wider than the register named is what that holds */
		if (out->size > r->width)
			out->size = r->width;
		return 0;
	}
	return read_memory(s, out, why);
}
#endif
