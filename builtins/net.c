/* Builtins about network addresses and byte order: pton("1.2.3.4") (and
 * IPv6), an address as its bytes, known when the script is compiled;
 * ntop([af,] addr) and macaddr(mac), addresses the kernel records as bytes
 * and userspace prints as text (TY_RESOLVED, runtime/output_resolved.c);
 * bswap(n), n with its bytes reversed. */
#include <arpa/inet.h>
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

/* The address's bytes and their number (4 or 16), 0 if it is none. */
static int parse_address(const char *text, unsigned char bytes[16])
{
	if (inet_pton(AF_INET, text, bytes) == 1)
		return 4;
	if (inet_pton(AF_INET6, text, bytes) == 1)
		return 16;
	return 0;
}

static const struct type *check_pton(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	unsigned char bytes[16];
	int len = arg->kind == N_STR ? parse_address(arg->string.bytes, bytes) : 0;
	if (!len) {
		check_error(c, arg->loc, "pton() takes an IPv4 or IPv6 address as a string literal");
		return TYPE_NONE;
	}
	return type_array(type_int_sized(1, false), len);
}

/* ntop's value: the family, then the address (4 or 16 bytes) */
#define INET_SIZE (8 + 16)

/* ntop(addr), ntop(af, addr): an integer or char[4] is IPv4, a char[16]
 * IPv6, unless af says otherwise, as bpftrace. */
static const struct type *check_ntop(struct checker *c, struct node *n)
{
	struct node *addr = n->call.args.items[n->call.args.n - 1];
	if (n->call.args.n == 2 && !check_int(c, n->call.args.items[0], "ntop()'s address family"))
		return TYPE_NONE;
	const struct type *t = check_expr(c, addr);
	if (t->kind == TY_NONE)
		return TYPE_NONE;
	if (t->kind == TY_ARRAY && t->size != 4 && t->size != 16) {
		check_error(c, addr->loc, "ntop() takes an address of 4 or 16 bytes, not %s", type_name(t));
		return TYPE_NONE;
	}
	if (t->kind != TY_ARRAY && t->kind != TY_INT) {
		check_error(c, addr->loc, "ntop() takes an integer or an array of 4 or 16 bytes, not %s", type_name(t));
		return TYPE_NONE;
	}
	return type_resolved(RESOLVED_INET, INET_SIZE);
}

#define MAC_SIZE 6

/* macaddr(mac): six bytes of an array, or read where a pointer points */
static const struct type *check_macaddr(struct checker *c, struct node *n)
{
	struct node *mac = n->call.args.items[0];
	const struct type *t = check_expr(c, mac);
	if (t->kind == TY_NONE)
		return TYPE_NONE;
	if ((t->kind == TY_ARRAY || t->kind == TY_STR) && t->size < MAC_SIZE) {
		check_error(c, mac->loc, "macaddr() takes at least 6 bytes, not %s", type_name(t));
		return TYPE_NONE;
	}
	if (t->kind != TY_ARRAY && t->kind != TY_STR && t->kind != TY_PTR) {
		check_error(c, mac->loc, "macaddr() takes an array or a pointer, not %s", type_name(t));
		return TYPE_NONE;
	}
	return type_resolved(RESOLVED_MACADDR, MAC_SIZE);
}

/* bswap(n): unsigned, of n's own width, as bpftrace */
static const struct type *check_bswap(struct checker *c, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	const struct type *t = check_expr(c, arg);
	if (t->kind == TY_NONE)
		return TYPE_NONE;
	if (t->kind != TY_INT) {
		check_error(c, arg->loc, "bswap() takes an integer, not %s", type_name(t));
		return TYPE_NONE;
	}
	return type_int_sized(t->size, false);
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_pton(struct cg *g, struct node *n)
{
	unsigned char bytes[16];
	int len = parse_address(n->call.args.items[0]->string.bytes, bytes);
	struct cg_value r = { .type = n->type };
	r.v = cg_alloca_bytes(g, len, "address");
	for (int i = 0; i < len; i++)
		cg_store(g, LLVMConstInt(g->i8, bytes[i], 0), cg_gep(g, r.v, i));
	return r;
}

/* An integer address is its 4 bytes as they lie in memory (a __be32
 * field read as a number keeps them in network order). */
static struct cg_value lower_ntop(struct cg *g, struct node *n)
{
	struct node *addr = n->call.args.items[n->call.args.n - 1];
	LLVMValueRef v = cg_alloca_bytes(g, INET_SIZE, "inet");
	cg_memset(g, v, INET_SIZE);
	LLVMValueRef bytes = cg_gep(g, v, 8);
	bool v6 = addr->type->kind == TY_ARRAY && addr->type->size == 16;
	LLVMValueRef af = n->call.args.n == 2 ? cg_expr(g, n->call.args.items[0]).v : cg_const(g, v6 ? AF_INET6 : AF_INET);
	if (addr->type->kind == TY_ARRAY)
		cg_memcpy(g, bytes, cg_expr(g, addr).v, addr->type->size);
	else
		cg_store(g, LLVMBuildTrunc(g->b, cg_expr(g, addr).v, g->i32, ""), bytes);
	cg_store(g, af, v);
	return (struct cg_value){ .v = v, .type = n->type };
}

static struct cg_value lower_macaddr(struct cg *g, struct node *n)
{
	struct node *mac = n->call.args.items[0];
	LLVMValueRef v = cg_alloca_bytes(g, MAC_SIZE, "macaddr");
	if (mac->type->kind == TY_PTR) {
		cg_memset(g, v, MAC_SIZE);
		int helper = mac->type->space == AS_USER ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel;
		cg_probe_read(g, helper, v, MAC_SIZE, cg_expr(g, mac).v, n);
	} else {
		cg_memcpy(g, v, cg_expr(g, mac).v, MAC_SIZE);
	}
	return (struct cg_value){ .v = v, .type = n->type };
}

/* LLVM's bswap of the value's width; a byte is itself */
static struct cg_value lower_bswap(struct cg *g, struct node *n)
{
	LLVMValueRef x = cg_expr(g, n->call.args.items[0]).v;
	int bits = n->type->size * 8;
	if (bits == 8)
		return (struct cg_value){ .v = LLVMBuildAnd(g->b, x, cg_const(g, 0xff), ""), .type = n->type };
	LLVMTypeRef t = LLVMIntTypeInContext(g->ctx, (unsigned)bits);
	unsigned id = LLVMLookupIntrinsicID("llvm.bswap", 10);
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(g->mod, id, &t, 1);
	LLVMValueRef arg = LLVMBuildTrunc(g->b, x, t, "");
	LLVMValueRef r = LLVMBuildCall2(g->b, LLVMIntrinsicGetType(g->ctx, id, &t, 1), fn, &arg, 1, "");
	return (struct cg_value){ .v = bits == 64 ? r : LLVMBuildZExt(g->b, r, g->i64, ""), .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "pton", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "pton(\"address\")",
	  .check = check_pton, .lower = BACKEND(lower_pton) },
	{ .name = "ntop", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2, .signature = "ntop([af, ] address)",
	  .check = check_ntop, .lower = BACKEND(lower_ntop) },
	{ .name = "macaddr", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "macaddr(mac)",
	  .check = check_macaddr, .lower = BACKEND(lower_macaddr) },
	{ .name = "bswap", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "bswap(integer)",
	  .check = check_bswap, .lower = BACKEND(lower_bswap) },
	{ 0 },
};

const struct builtin_family builtins_net = { "network addresses and byte order", rows };
