/* x86_64's System V calling convention (the psABI's 3.2.3): a
 * parameter of up to 16 bytes goes in registers by its eightbytes'
 * classes, INTEGER ones in the six argument registers, SSE ones in
 * xmm0..7, if enough of both are left; else, and when it is bigger,
 * unaligned or a long double, it is in memory: the stack, each at its
 * alignment (8 at least), in order, the registers left for the next. */
#if defined(__x86_64__)
#include "abi.h"

#include "arch.h"

#define VECTOR_REGS 8

static struct abi_place on_stack(struct abi_state *s, const struct abi_type *t)
{
	int align = t->align > 8 ? 16 : 8;
	s->stack = (s->stack + align - 1) / align * align;
	struct abi_place p = { .where = ABI_STACK, .stack = s->stack };
	s->stack += (t->size + 7) / 8 * 8;
	return p;
}

struct abi_place abi_place_param(struct abi_state *s, const struct abi_type *t)
{
	if (t->size == 0) /* an empty struct takes nothing */
		return (struct abi_place){ .where = ABI_REGISTERS, .reg = s->gpr };
	if (t->memory || t->size > 16)
		return on_stack(s, t);
	int eightbytes = (t->size + 7) / 8, ints = 0, vecs = 0;
	for (int i = 0; i < eightbytes; i++)
		t->cls[i] == ABI_SSE ? vecs++ : ints++;
	if (s->gpr + ints > arch_host.nargs || s->vec + vecs > VECTOR_REGS)
		return on_stack(s, t);
	struct abi_place p = { .where = vecs ? ABI_VECTOR : ABI_REGISTERS, .reg = s->gpr, .nregs = ints };
	s->gpr += ints;
	s->vec += vecs;
	return p;
}
#endif
