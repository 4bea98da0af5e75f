/* Builtins that act on maps: delete, has_key, find, len, clear, zero.
 * (Aggregations, which fill them, are in aggregations.c.) */
#include <string.h>

#include "../compiler/builtin.h"
#include "../compiler/check.h"

#ifndef LANTERN_FRONT_END_ONLY
#include <linux/bpf.h>

#include "../codegen/cg.h"
#endif

/* f(@m, key) as current bpftrace writes it: the key (a tuple of several
 * parts, or one) goes into the map reference, as if f(@m[key]). */
static bool fold_key(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (n->call.args.n < 2)
		return true;
	struct node *key = n->call.args.items[1];
	if (m->map.keys.n) {
		check_error(c, key->loc, "%s() got a key twice", n->call.name);
		return false;
	}
	if (key->kind == N_TUPLE)
		m->map.keys = key->tuple.elems;
	else
		node_list_push(&m->map.keys, key);
	n->call.args.n = 1;
	return true;
}

/* delete(@m[key]), and delete(@m, key) as current bpftrace writes it:
 * true if there was such an element. */
static const struct type *check_delete(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (m->kind != N_MAP) {
		check_error(c, m->loc, "delete() needs a map element, as in delete(@x[key])");
		return TYPE_NONE;
	}
	if (!fold_key(c, n))
		return TYPE_NONE;
	struct map_info *info = check_map_keys(c, m);
	info->deleted_from = true;
	if (info->value->kind == TY_NONE)
		check_error(c, m->loc, "%s is deleted from here but never assigned", info->name);
	return TYPE_BOOL;
}

/* has_key(@m, key): whether the element is there. */
static const struct type *check_has_key(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (m->kind != N_MAP || (m->map.keys.n == 0 && n->call.args.n < 2)) {
		check_error(c, m->loc, "has_key() needs a map and a key, as in has_key(@x, key)");
		return TYPE_NONE;
	}
	for (int i = 0; i < c->prog->nmaps; i++) { /* @g = 1 elsewhere: it has no keys to look up */
		const struct map_info *known = c->prog->maps[i];
		if (!strcmp(known->name, m->map.name) && known->keys_known && !known->nkeys) {
			check_error(c, m->loc, "call to has_key() expects a map with explicit keys (non-scalar map)");
			return TYPE_NONE;
		}
	}
	if (!fold_key(c, n))
		return TYPE_NONE;
	struct map_info *info = check_map_keys(c, m);
	if (info->value->kind == TY_NONE)
		check_error(c, m->loc, "%s is looked up here but never assigned", info->name);
	return TYPE_BOOL;
}

/* find(@m, key, $v): whether the element is there, and if it is, $v is
 * given its value, as bpftrace 0.25's. The call keeps @m[key] and, for
 * codegen, the statement `$v = @m[key]` (a block, in place of $v). */
static const struct type *check_find(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (n->call.args.n == 3) {
		struct node *v = n->call.args.items[2];
		if (m->kind != N_MAP || m->map.keys.n) {
			check_error(c, m->loc, "find() needs a map, a key and a variable, as in find(@x, key, $v)");
			return TYPE_NONE;
		}
		if (v->kind != N_VAR) {
			check_expr(c, v);
			check_error(c, v->loc, "find()'s third argument must be a variable ($v), to hold the value");
			return TYPE_NONE;
		}
		struct node *key = n->call.args.items[1];
		if (key->kind == N_TUPLE)
			m->map.keys = key->tuple.elems;
		else
			node_list_push(&m->map.keys, key);
		struct node *assign = node_new(N_ASSIGN, n->loc);
		assign->assign.target = v;
		assign->assign.value = node_clone(m);
		struct node *block = node_new(N_BLOCK, n->loc);
		node_list_push(&block->block.stmts, assign);
		n->call.args.items[1] = block;
		n->call.args.n = 2;
	} else if (n->call.args.items[1]->kind != N_BLOCK) {
		check_error(c, n->loc, "find() takes 3 arguments, %d given: find(@map, key, $v)", n->call.args.n);
		return TYPE_NONE;
	}
	struct map_info *info = check_map_keys(c, m);
	if (info->keys_known && !info->nkeys && info->value->kind != TY_NONE) {
		check_error(c, m->loc, "find() needs a map with keys; %s has none", info->name);
		return TYPE_NONE;
	}
	if (info->value->kind == TY_NONE)
		check_error(c, m->loc, "%s is looked up here but never assigned", info->name);
	check_block(c, n->call.args.items[1]);
	return TYPE_BOOL;
}

/* len(@m): how many elements the map holds; len(ustack): how many frames. */
static const struct type *check_len(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (m->kind != N_MAP) {
		const struct type *t = check_expr(c, m);
		if (type_is_stack(t) || t->kind == TY_NONE)
			return type_int(true);
	}
	if (m->kind != N_MAP || m->map.keys.n) {
		check_error(c, m->loc, "len() needs a whole map, as in len(@x), or a stack, as in len(ustack)");
		return TYPE_NONE;
	}
	struct map_info *info = check_whole_map(c, m);
	if (info->keys_known && !info->nkeys && info->value->kind != TY_NONE)
		check_error(c, m->loc, "len() needs a map with keys; %s has none", info->name);
	return type_int(true);
}

#ifndef LANTERN_FRONT_END_ONLY
static struct cg_value bool_value(struct cg *g, struct node *n, LLVMValueRef i1)
{
	return (struct cg_value){ .v = LLVMBuildZExt(g->b, i1, g->i64, ""), .type = n->type };
}

static struct cg_value lower_delete(struct cg *g, struct node *n)
{
	return bool_value(g, n, cg_map_delete_ref(g, n->call.args.items[0]));
}

static struct cg_value lower_has_key(struct cg *g, struct node *n)
{
	LLVMValueRef e = cg_cached_lookup(g, n->call.args.items[0]);
	return bool_value(g, n, LLVMBuildIsNotNull(g->b, e, ""));
}

/* One lookup: the element's value goes to $v only when it is there */
static struct cg_value lower_find(struct cg *g, struct node *n)
{
	LLVMValueRef e = cg_cached_lookup(g, n->call.args.items[0]);
	LLVMValueRef found = LLVMBuildIsNotNull(g->b, e, "");
	LLVMBasicBlockRef copy = cg_block(g, "find_copy"), done = cg_block(g, "find_done");
	LLVMBuildCondBr(g->b, found, copy, done);
	LLVMPositionBuilderAtEnd(g->b, copy);
	cg_scope_enter(g);
	cg_block_stmts(g, n->call.args.items[1]);
	cg_scope_leave(g);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
	return bool_value(g, n, found);
}

/* bpf_for_each_map_elem's callback: one more element in *ctx. */
static LLVMValueRef count_callback(struct cg *g)
{
	LLVMTypeRef params[] = { g->ptr, g->ptr, g->ptr, g->ptr };
	LLVMValueRef fn = cg_callback_function(g, "map_len", params, 4);
	LLVMBuilderRef b = LLVMCreateBuilderInContext(g->ctx);
	LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(g->ctx, fn, "entry"));
	LLVMValueRef count = LLVMGetParam(fn, 3);
	LLVMValueRef v = LLVMBuildLoad2(b, g->i64, count, "");
	LLVMBuildStore(b, LLVMBuildAdd(b, v, LLVMConstInt(g->i64, 1, 0), ""), count);
	LLVMBuildRet(b, LLVMConstInt(g->i64, 0, 0));
	LLVMDisposeBuilder(b);
	return fn;
}

static struct cg_value lower_len(struct cg *g, struct node *n)
{
	struct node *arg = n->call.args.items[0];
	if (arg->kind != N_MAP) { /* a stack: its count of frames */
		struct cg_value s = cg_expr(g, arg);
		int at = s.type->resolved == RESOLVED_USTACK ? 8 : 0;
		return (struct cg_value){ .v = cg_load(g, g->i64, cg_gep(g, s.v, at)), .type = n->type };
	}
	struct map_info *m = arg->map.map;
	LLVMValueRef count = cg_alloca(g, g->i64, "len");
	cg_store(g, cg_const(g, 0), count);
	LLVMValueRef args[] = { g->map_globals[m->id], count_callback(g), count, cg_const(g, 0) };
	cg_helper(g, BPF_FUNC_for_each_map_elem, g->i64, args, 4);
	LLVMValueRef v = cg_load(g, g->i64, count);
	LLVMSetVolatile(v, 1); /* the callback wrote it */
	return (struct cg_value){ .v = v, .type = n->type };
}
#endif

/* clear(@m), zero(@m): userspace does it, when the event arrives. */
static const struct type *check_whole_map_call(struct checker *c, struct node *n)
{
	struct node *m = n->call.args.items[0];
	if (m->kind != N_MAP || m->map.keys.n) {
		check_error(c, m->loc, "%s() needs a whole map, as in %s(@x)", n->call.name, n->call.name);
		return TYPE_VOID;
	}
	check_whole_map(c, m);
	return TYPE_VOID;
}

static void map_event(struct async_call *a, const struct node *call)
{
	a->map = call->call.args.items[0]->map.map;
}

static const struct builtin rows[] = {
	{ .name = "delete", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2,
	  .signature = "delete(@map, key) or delete(@map[key])", .check = check_delete, .lower = BACKEND(lower_delete) },
	{ .name = "has_key", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 2, .signature = "has_key(@map, key)",
	  .check = check_has_key, .lower = BACKEND(lower_has_key) },
	{ .name = "find", .kind = BUILTIN_FUNCTION, .min_args = 2, .max_args = 3, .signature = "find(@map, key, $v)",
	  .check = check_find, .lower = BACKEND(lower_find) },
	{ .name = "len", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "len(@map) or len(stack)",
	  .check = check_len, .lower = BACKEND(lower_len) },
	{ .name = "clear", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "clear(@map)",
	  .check = check_whole_map_call, .event = ASYNC_CLEAR, .event_args = map_event },
	{ .name = "zero", .kind = BUILTIN_FUNCTION, .min_args = 1, .max_args = 1, .signature = "zero(@map)",
	  .check = check_whole_map_call, .event = ASYNC_ZERO, .event_args = map_event },
	{ 0 },
};

const struct builtin_family builtins_maps = { "maps", rows };
