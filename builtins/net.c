/* Builtins about network addresses: pton("1.2.3.4") (and IPv6), an
 * address as its bytes, known when the script is compiled. */
#include <arpa/inet.h>
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
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
#endif

static const struct builtin rows[] = {
	{ .name = "pton", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "pton(\"address\")",
	  .check = check_pton, .lower = BACKEND(lower_pton) },
	{ 0 },
};

const struct builtin_family builtins_net = { "network addresses", rows };
