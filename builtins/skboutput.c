/* skboutput("file.pcap", skb, len, offset): the first len bytes of a
 * packet's data (skb a struct sk_buff * the verifier knows the type of),
 * sent to lantern through bpf_skb_output and written to a pcap file of raw
 * IP packets (runtime/pcap.c), from byte offset on (14 leaves out an
 * ethernet header), as bpftrace's skboutput. Returns the helper's result
 * (0, or a negative error), as a uint32 as bpftrace's. */
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/builtin.h"
#include "../compiler/check.h"
#include "../probes/provider.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

/* The call's index in the program's skb_outputs; a new one if need be */
static int skb_output_id(struct program *p, const char *file, int offset)
{
	for (int i = 0; i < p->nskb_outputs; i++)
		if (!strcmp(p->skb_outputs[i].file, file) && p->skb_outputs[i].offset == offset)
			return i;
	p->skb_outputs = arena_grow(p->skb_outputs, p->nskb_outputs, &p->skb_outputs_cap, sizeof(*p->skb_outputs));
	p->skb_outputs[p->nskb_outputs] = (struct skb_output){ file, offset };
	return p->nskb_outputs++;
}

static const struct type *check_skboutput(struct checker *c, struct node *n)
{
	struct node *file = n->call.args.items[0], *skb = n->call.args.items[1], *offset = n->call.args.items[3];
	const char *p = c->inst->ap->provider->name;
	if (strcmp(p, "fentry") && strcmp(p, "fexit"))
		check_error(c, n->loc, "skboutput() can only be used with 'fentry', 'fexit' probes");
	if (file->kind != N_STR || !file->string.len)
		check_error(c, file->loc, "skboutput() takes the pcap file's name as a string literal");
	const struct type *t = check_expr(c, skb);
	if (t->kind != TY_NONE && (t->kind != TY_PTR || !type_is_struct(t->pointee, "sk_buff")))
		check_error(c, skb->loc, "skboutput() takes a struct sk_buff *, not %s", type_name(t));
	check_int(c, n->call.args.items[2], "skboutput()'s length");
	long long off = 0;
	if (check_const_int(c, offset, "skboutput()'s offset", &off) && (off < 0 || off > 0xffff))
		check_error(c, offset->loc, "skboutput()'s offset must be from 0 to 65535");
	else if (file->kind == N_STR && !c->failed)
		skb_output_id(c->prog, file->string.bytes, (int)off);
	return type_int_sized(4, false);
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value lower_skboutput(struct cg *g, struct node *n)
{
	struct node *const *args = n->call.args.items;
	int id = skb_output_id(g->prog, args[0]->string.bytes, (int)const_int_value(args[3]));
	LLVMValueRef hdr = cg_alloca_bytes(g, SKB_RECORD_HEADER, "skb_record");
	LLVMValueRef len = LLVMBuildAnd(g->b, cg_expr(g, args[2]).v, cg_const(g, 0xffffffff), "");
	cg_store(g, cg_const(g, id), hdr);
	cg_store(g, cg_helper(g, BPF_FUNC_ktime_get_ns, g->i64, NULL, 0), cg_gep(g, hdr, 8));
	cg_store(g, len, cg_gep(g, hdr, 16));
	LLVMValueRef result = cg_alloca(g, g->i64, "skb_result");
	cg_store(g, cg_const(g, -14), result); /* -EFAULT: a NULL skb */
	struct cg_kernel_use use;
	LLVMValueRef skb = cg_kernel_object_begin(g, n, args[1], &use);
	/* the upper 32 bits of the flags: how many of the packet's bytes */
	LLVMValueRef flags = LLVMBuildOr(g->b, LLVMBuildShl(g->b, len, cg_const(g, 32), ""), cg_const(g, BPF_F_CURRENT_CPU), "");
	LLVMValueRef call[] = { skb, g->skb_events, flags, hdr, cg_const(g, SKB_RECORD_HEADER) };
	cg_store(g, cg_helper(g, BPF_FUNC_skb_output, g->i64, call, 5), result);
	cg_kernel_object_end(g, &use);
	LLVMValueRef r = LLVMBuildAnd(g->b, cg_load(g, g->i64, result), cg_const(g, 0xffffffff), "");
	return (struct cg_value){ .v = r, .type = n->type };
}
#endif

static const struct builtin rows[] = {
	{ .name = "skboutput", .kind = BUILTIN_FUNCTION, .min_args = 4, .max_args = 4,
	  .signature = "skboutput(\"file.pcap\", skb, length, offset)", .check = check_skboutput,
	  .lower = BACKEND(lower_skboutput) },
	{ 0 },
};

const struct builtin_family builtins_skboutput = { "packets to pcap files", rows };
