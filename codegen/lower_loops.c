/* for loops: for ($i : a..b) runs its body through bpf_loop, for ($kv :
 * @m) through bpf_for_each_map_elem. Either helper calls the body as a
 * function of its own (a BPF subprogram), so the body's variables cannot
 * be its locals: the probe's function keeps them, and hands the callback
 * a frame of words: the probe's context, whether the body ran `return`,
 * the range's start, then the address of every variable the body uses.
 * In the callback those variables' slots are the addresses in the frame.
 * A `break` returns 1 (the helper stops), `continue` 0, `return` sets the
 * word and returns 1; the probe then leaves too. */
#include <linux/bpf.h>
#include <string.h>

#include "../compiler/arena.h"
#include "cg.h"

enum { FRAME_CTX, FRAME_RETURNED, FRAME_START, FRAME_VARS };

struct loop_vars {
	struct var_info **vars;
	int n, cap;
};

static void collect_vars(struct node **child, void *ctx)
{
	struct loop_vars *lv = ctx;
	struct node *n = *child;
	if (n->kind == N_VAR && n->var.var) {
		for (int i = 0; i < lv->n; i++)
			if (lv->vars[i] == n->var.var)
				return;
		lv->vars = arena_grow(lv->vars, lv->n, &lv->cap, sizeof(*lv->vars));
		lv->vars[lv->n++] = n->var.var;
	}
	node_for_each_child(n, collect_vars, ctx);
}

static LLVMValueRef frame_word(struct cg *g, LLVMValueRef frame, int i)
{
	return cg_gep(g, frame, 8 * i);
}

/* What the callback's lowering replaces in g, kept to be put back. */
struct saved_function {
	struct cg g;
	void **slots; /* the variables' slots in the probe's function */
};

static void constant_return(struct cg *g, LLVMBasicBlockRef block, long long v)
{
	LLVMPositionBuilderAtEnd(g->b, block);
	LLVMBuildRet(g->b, cg_const(g, v));
}

/* Starts the callback: g builds fn from here; frame is its frame
 * argument. The variables' slots become the frame's addresses. */
static void enter_callback(struct cg *g, struct saved_function *saved, LLVMValueRef fn, LLVMValueRef frame,
			   struct loop_vars *lv)
{
	saved->g = *g;
	saved->slots = arena_alloc(sizeof(void *) * (size_t)(lv->n ? lv->n : 1));
	g->fn = fn;
	g->retval_slot = NULL;
	g->pool = NULL;
	g->taken = NULL;
	g->pool_cap = g->taken_cap = 0;
	cg_temps_reset(g);
	cg_cache_reset(g);
	cg_scratch_function_begin(g, saved->g.scratch.depth + 1);
	g->scope_level = 0;
	g->entry = cg_block(g, "entry");
	LLVMBasicBlockRef body = cg_block(g, "body");
	LLVMBasicBlockRef returned = cg_block(g, "returned");
	g->exit = returned;
	g->break_to[0] = cg_block(g, "break");
	g->continue_to[0] = cg_block(g, "continue");
	g->loop_depth = 1;
	constant_return(g, g->break_to[0], 1);
	constant_return(g, g->continue_to[0], 0);
	LLVMPositionBuilderAtEnd(g->b, returned);
	cg_store(g, cg_const(g, 1), frame_word(g, frame, FRAME_RETURNED));
	LLVMBuildRet(g->b, cg_const(g, 1));

	LLVMPositionBuilderAtEnd(g->b, g->entry);
	g->ctx_arg = cg_load(g, g->ptr, frame_word(g, frame, FRAME_CTX));
	for (int i = 0; i < lv->n; i++) {
		saved->slots[i] = lv->vars[i]->slot;
		lv->vars[i]->slot = cg_load(g, g->ptr, frame_word(g, frame, FRAME_VARS + i));
	}
	LLVMPositionBuilderAtEnd(g->b, body);
}

static void leave_callback(struct cg *g, struct saved_function *saved, struct loop_vars *lv, struct node *body)
{
	cg_scope_enter(g);
	cg_block_stmts(g, body);
	cg_scope_leave(g);
	LLVMBuildBr(g->b, g->continue_to[0]);
	cg_scratch_close_entry(g, LLVMGetNextBasicBlock(g->entry), g->break_to[0]);
	for (int i = 0; i < lv->n; i++)
		lv->vars[i]->slot = saved->slots[i];
	/* what the module keeps of the callback: errors, the scratch array */
	struct cg done = *g;
	*g = saved->g;
	g->failed |= done.failed;
	g->scratch.map = done.scratch.map;
	g->scratch.max_depth = done.scratch.max_depth;
	g->scratch.value_size = done.scratch.value_size;
	g->opaque_zero = done.opaque_zero;
	/* the store functions made in the body serve the probe too */
	g->nstore_fns = done.nstore_fns;
	memcpy(g->store_sizes, done.store_sizes, sizeof(g->store_sizes));
	memcpy(g->store_fns, done.store_fns, sizeof(g->store_fns));
	cg_cache_reset(g); /* the body may have changed any map */
}

/* The frame, in the probe's function, and the variables the body uses
 * (each given its slot here first). */
static LLVMValueRef build_frame(struct cg *g, struct node *loop, struct loop_vars *lv, LLVMValueRef start)
{
	collect_vars(&loop->for_loop.body, lv);
	collect_vars(&loop->for_loop.var, lv);
	LLVMValueRef frame = cg_alloca(g, LLVMArrayType(g->i64, (unsigned)(FRAME_VARS + lv->n)), "loop_frame");
	cg_store(g, g->ctx_arg, frame_word(g, frame, FRAME_CTX));
	cg_store(g, cg_const(g, 0), frame_word(g, frame, FRAME_RETURNED));
	cg_store(g, start ? start : cg_const(g, 0), frame_word(g, frame, FRAME_START));
	for (int i = 0; i < lv->n; i++)
		cg_store(g, cg_var_slot(g, lv->vars[i]), frame_word(g, frame, FRAME_VARS + i));
	return frame;
}

/* After the helper: a `return` in the body leaves the probe. */
static void return_if_body_did(struct cg *g, LLVMValueRef frame)
{
	LLVMBasicBlockRef after = cg_block(g, "after_loop");
	LLVMValueRef returned = cg_load(g, g->i64, frame_word(g, frame, FRAME_RETURNED));
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntNE, returned, cg_const(g, 0), ""), g->exit, after);
	LLVMPositionBuilderAtEnd(g->b, after);
}

LLVMValueRef cg_callback_function(struct cg *g, const char *kind, LLVMTypeRef *params, int nparams)
{
	LLVMTypeRef ty = LLVMFunctionType(g->i64, params, (unsigned)nparams, 0);
	static int count;
	LLVMValueRef fn = LLVMAddFunction(g->mod, arena_printf("%s_%d", kind, count++), ty);
	unsigned nounwind = LLVMGetEnumAttributeKindForName("nounwind", 8);
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, nounwind, 0));
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	cg_debug_function(g, fn, true);
	/* the caller's statement's place is not in this function */
	LLVMSetCurrentDebugLocation2(g->b, NULL);
	return fn;
}

static void range_loop(struct cg *g, struct node *n)
{
	LLVMValueRef start = cg_expr(g, n->for_loop.start).v;
	LLVMValueRef end = cg_expr(g, n->for_loop.end).v;
	struct loop_vars lv = { 0 };
	LLVMValueRef frame = build_frame(g, n, &lv, start);
	/* start..end is empty when end <= start (signed) */
	LLVMValueRef count = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSGT, end, start, ""),
					     LLVMBuildSub(g->b, end, start, ""), cg_const(g, 0), "");
	/* A count the verifier knows is 0 makes it drop the callback as dead
	 * code, and then fail to JIT the reference to it (6.18 reports a
	 * "verifier bug"): add a 0 it cannot know, from a writable global. */
	count = LLVMBuildAdd(g->b, count, cg_opaque_zero(g), "");

	LLVMTypeRef params[] = { g->i64, g->ptr };
	LLVMValueRef fn = cg_callback_function(g, "for_range", params, 2);
	struct saved_function saved;
	LLVMBasicBlockRef here = LLVMGetInsertBlock(g->b);
	enter_callback(g, &saved, fn, LLVMGetParam(fn, 1), &lv);
	LLVMValueRef cb_frame = LLVMGetParam(fn, 1);
	LLVMValueRef i = LLVMBuildAdd(g->b, cg_load(g, g->i64, frame_word(g, cb_frame, FRAME_START)),
				      LLVMGetParam(fn, 0), "");
	cg_store(g, i, cg_var_slot(g, n->for_loop.var->var.var));
	leave_callback(g, &saved, &lv, n->for_loop.body);
	LLVMPositionBuilderAtEnd(g->b, here);

	LLVMValueRef args[] = { count, fn, frame, cg_const(g, 0) };
	cg_helper(g, BPF_FUNC_loop, g->i64, args, 4);
	return_if_body_did(g, frame);
}

static void map_loop(struct cg *g, struct node *n)
{
	struct map_info *m = n->for_loop.map->map.map;
	struct map_layout *l = &g->layouts[m->id];
	struct loop_vars lv = { 0 };
	LLVMValueRef frame = build_frame(g, n, &lv, NULL);

	LLVMTypeRef params[] = { g->ptr, g->ptr, g->ptr, g->ptr };
	LLVMValueRef fn = cg_callback_function(g, "for_map", params, 4);
	struct saved_function saved;
	LLVMBasicBlockRef here = LLVMGetInsertBlock(g->b);
	enter_callback(g, &saved, fn, LLVMGetParam(fn, 3), &lv);
	/* $kv = (key, value), each copied from the element's layout */
	struct var_info *kv = n->for_loop.var->var.var;
	LLVMValueRef slot = cg_var_slot(g, kv);
	const struct type *key = m->nkeys == 1 ? m->keys[0]
					       : type_tuple_at(m->keys, l->key_offsets, m->nkeys, l->key_size);
	const struct type_member *k = &kv->type->members[0], *v = &kv->type->members[1];
	cg_memset(g, slot, round8(kv->type->size));
	cg_convert_copy(g, cg_gep(g, slot, k->offset), k->type, LLVMGetParam(fn, 1), key);
	cg_convert_copy(g, cg_gep(g, slot, v->offset), v->type, LLVMGetParam(fn, 2), m->value);
	leave_callback(g, &saved, &lv, n->for_loop.body);
	LLVMPositionBuilderAtEnd(g->b, here);

	LLVMValueRef args[] = { g->map_globals[m->id], fn, frame, cg_const(g, 0) };
	cg_helper(g, BPF_FUNC_for_each_map_elem, g->i64, args, 4);
	return_if_body_did(g, frame);
}

void cg_for_loop(struct cg *g, struct node *n)
{
	if (n->for_loop.map)
		map_loop(g, n);
	else
		range_loop(g, n);
}
