/* x86-64 instruction lengths, for uprobe:binary:function+offset: a
 * breakpoint must start an instruction, or the process runs a corrupted
 * one. Decodes what compilers emit in 64-bit mode: legacy and REX
 * prefixes, the one-byte, 0F, 0F38 and 0F3A maps, VEX and EVEX, ModRM,
 * SIB, displacements and immediates. Anything else (invalid opcodes, XOP,
 * 3DNow! operands aside) is "not understood", and the offset refused. */
#if defined(__x86_64__)
#include "arch.h"

#include <stdbool.h>

enum {
	M = 1,   /* a ModRM byte (and what it brings: SIB, displacement) */
	IB = 2,  /* an 8-bit immediate */
	IW = 4,  /* a 16-bit immediate */
	IZ = 8,  /* 16 or 32 bits, by operand size */
	I32 = 16, /* 32 bits (rel32) */
	X = 32,  /* invalid in 64-bit mode, or not decoded here */
};

static const unsigned char one_byte[256] = {
	/* 00 */ M, M, M, M, IB, IZ, X, X, M, M, M, M, IB, IZ, X, X,
	/* 10 */ M, M, M, M, IB, IZ, X, X, M, M, M, M, IB, IZ, X, X,
	/* 20 */ M, M, M, M, IB, IZ, X, X, M, M, M, M, IB, IZ, X, X,
	/* 30 */ M, M, M, M, IB, IZ, X, X, M, M, M, M, IB, IZ, X, X,
	/* 40: REX, handled as prefixes */
	/* 40 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	/* 50 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 60 */ X, X, X, M, X, X, X, X, IZ, M | IZ, IB, M | IB, 0, 0, 0, 0,
	/* 70 */ IB, IB, IB, IB, IB, IB, IB, IB, IB, IB, IB, IB, IB, IB, IB, IB,
	/* 80 */ M | IB, M | IZ, X, M | IB, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, X, 0, 0, 0, 0, 0,
	/* A0: moffs, handled apart */
	/* A0 */ X, X, X, X, 0, 0, 0, 0, IB, IZ, 0, 0, 0, 0, 0, 0,
	/* B0: B8-BF take imm64 with REX.W, handled apart */
	/* B0 */ IB, IB, IB, IB, IB, IB, IB, IB, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ,
	/* C0 */ M | IB, M | IB, IW, 0, X, X, M | IB, M | IZ, X, 0, IW, 0, 0, IB, X, 0,
	/* D0 */ M, M, M, M, X, X, X, 0, M, M, M, M, M, M, M, M,
	/* E0 */ IB, IB, IB, IB, IB, IB, IB, IB, I32, I32, X, IB, 0, 0, 0, 0,
	/* F0: F6/F7 have an immediate by ModRM.reg, handled apart */
	/* F0 */ X, 0, X, X, 0, 0, M, M, 0, 0, 0, 0, 0, 0, M, M,
};

static const unsigned char two_byte[256] = {
	/* 00 */ M, M, M, M, X, 0, 0, 0, 0, 0, X, 0, X, M, 0, X,
	/* 10 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 20 */ M, M, M, M, X, X, X, X, M, M, M, M, M, M, M, M,
	/* 30 */ 0, 0, 0, 0, 0, 0, X, 0, X, X, X, X, X, X, X, X,
	/* 40 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 50 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 60 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 70 */ M | IB, M | IB, M | IB, M | IB, M, M, M, 0, M, M, X, X, M, M, M, M,
	/* 80 */ I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32,
	/* 90 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* A0 */ 0, 0, 0, M, M | IB, M, X, X, 0, 0, 0, M, M | IB, M, M, M,
	/* B0 */ M, M, M, M, M, M, M, M, M, M, M | IB, M, M, M, M, M,
	/* C0 */ M, M, M | IB, M, M | IB, M | IB, M | IB, M, 0, 0, 0, 0, 0, 0, 0, 0,
	/* D0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* E0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* F0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
};

/* Bytes of ModRM, SIB and displacement at p, or -1 past the end. */
static int modrm_length(const unsigned char *p, const unsigned char *end)
{
	if (p >= end)
		return -1;
	int mod = p[0] >> 6, rm = p[0] & 7, n = 1;
	if (mod != 3 && rm == 4) {
		if (p + 1 >= end)
			return -1;
		if (mod == 0 && (p[1] & 7) == 5)
			n += 4;
		n++;
	}
	if (mod == 0 && rm == 5)
		n += 4; /* rip-relative */
	else if (mod == 1)
		n += 1;
	else if (mod == 2)
		n += 4;
	return n;
}

/* 0F map: the one-byte opcodes of the 0F xx table take an imm8 here. */
static bool imm8_in_0f_map(unsigned char op)
{
	return (two_byte[op] & IB) != 0;
}

/* VEX (C4, C5) and EVEX (62): their prefix bytes, then an opcode of the
 * map they name, always with ModRM (but vzeroupper/vzeroall). */
static int vex_length(const unsigned char *p, const unsigned char *end, int prefix_bytes)
{
	int map;
	const unsigned char *op;
	if (p[0] == 0xc5) {
		map = 1;
		op = p + 2;
	} else if (p[0] == 0xc4) {
		if (p + 1 >= end)
			return -1;
		map = p[1] & 0x1f;
		op = p + 3;
	} else {
		if (p + 1 >= end)
			return -1;
		map = p[1] & 0x7;
		op = p + 4;
	}
	if (op >= end || map < 1 || map > 6 || map == 4)
		return -1;
	if (map == 1 && *op == 0x77 && p[0] != 0x62)
		return prefix_bytes + (int)(op - p) + 1;
	int m = modrm_length(op + 1, end);
	if (m < 0)
		return -1;
	int imm = map == 3 || (map == 1 && imm8_in_0f_map(*op)) ? 1 : 0;
	return prefix_bytes + (int)(op - p) + 1 + m + imm;
}

int arch_instruction_length(const unsigned char *code, int avail)
{
	const unsigned char *p = code, *end = code + (avail < 15 ? avail : 15);
	bool opsize16 = false, addr32 = false, rex_w = false;
	for (; p < end; p++) {
		unsigned char b = *p;
		if (b == 0x66)
			opsize16 = true;
		else if (b == 0x67)
			addr32 = true;
		else if (b == 0xf0 || b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x26 ||
			 b == 0x64 || b == 0x65)
			;
		else if ((b & 0xf0) == 0x40)
			rex_w = (b & 8) != 0; /* counts only right before the opcode */
		else
			break;
		if ((b & 0xf0) != 0x40)
			rex_w = false;
	}
	if (p >= end)
		return -1;
	int prefixes = (int)(p - code), len;
	unsigned char op = *p;
	if (op == 0xc4 || op == 0xc5 || op == 0x62)
		len = vex_length(p, end, prefixes);
	else if (op == 0x0f) {
		if (p + 1 >= end)
			return -1;
		unsigned char op2 = p[1];
		if (op2 == 0x38 || op2 == 0x3a) {
			int m = p + 2 < end ? modrm_length(p + 3, end) : -1;
			len = m < 0 ? -1 : prefixes + 3 + m + (op2 == 0x3a);
		} else if (op2 == 0x0f) { /* 3DNow!: ModRM, then an opcode byte */
			int m = modrm_length(p + 2, end);
			len = m < 0 ? -1 : prefixes + 2 + m + 1;
		} else {
			unsigned char f = two_byte[op2];
			int m = f & M ? modrm_length(p + 2, end) : 0;
			len = f & X || m < 0 ? -1 : prefixes + 2 + m + (f & IB ? 1 : 0) + (f & I32 ? 4 : 0);
		}
	} else if (op >= 0xa0 && op <= 0xa3) {
		len = prefixes + 1 + (addr32 ? 4 : 8); /* moffs */
	} else if (op >= 0xb8 && op <= 0xbf && rex_w) {
		len = prefixes + 1 + 8; /* mov r64, imm64 */
	} else if (op == 0xc8) {
		len = prefixes + 1 + 3; /* enter imm16, imm8 */
	} else if (op == 0x8f && p + 1 < end && (p[1] & 0x38)) {
		len = -1; /* XOP */
	} else {
		unsigned char f = one_byte[op];
		int m = f & M ? modrm_length(p + 1, end) : 0;
		if (f & X || m < 0)
			return -1;
		int imm = (f & IB ? 1 : 0) + (f & IW ? 2 : 0) + (f & IZ ? (opsize16 ? 2 : 4) : 0) + (f & I32 ? 4 : 0);
		/* test r/m, imm: /0 and /1 of F6 (imm8) and F7 (imm16/32) */
		if ((op == 0xf6 || op == 0xf7) && ((p[1] >> 3) & 7) < 2)
			imm += op == 0xf6 ? 1 : opsize16 ? 2 : 4;
		len = prefixes + 1 + m + imm;
	}
	return len > 0 && len <= 15 && len <= avail ? len : -1;
}
#endif
