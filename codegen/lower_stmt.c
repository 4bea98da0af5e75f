/* Statements, and the function of one expanded probe. */
#include <linux/bpf.h>

#include "../compiler/arena.h"
#include "../probes/provider.h"
#include "cg.h"

/* After break/continue/return, code that follows is unreachable; give it a
 * block of its own, which LLVM deletes. */
static void jump(struct cg *g, LLVMBasicBlockRef to)
{
	LLVMBuildBr(g->b, to);
	LLVMPositionBuilderAtEnd(g->b, cg_block(g, "dead"));
}

/* The stack slot of a scratch variable, zeroed at entry so a read on a
 * path that never assigned it is defined (and the verifier agrees). */
static LLVMValueRef var_slot(struct cg *g, struct var_info *v)
{
	if (v->slot)
		return v->slot;
	int size = type_slot_size(v->type);
	if (cg_scratch_wanted(g, size)) /* zeroed with the other scratch variables */
		return v->slot = cg_scratch_var(g, size);
	LLVMValueRef slot = cg_alloca_slot(g, LLVMArrayType(g->i8, (unsigned)round8(size)), v->name + 1);
	cg_zero_at_start(g, slot, round8(size));
	v->slot = slot;
	return slot;
}

LLVMValueRef cg_var_slot(struct cg *g, struct var_info *v)
{
	return var_slot(g, v);
}

static LLVMValueRef arith(struct cg *g, enum op op, LLVMValueRef a, LLVMValueRef b, bool is_signed);

/* $x = value: a variable of a declared size (let $x: uint8) keeps only
 * what fits, as a cast to it would. */
static void store_var(struct cg *g, struct var_info *var, struct node *value)
{
	LLVMValueRef slot = var_slot(g, var);
	if (var->type->kind == TY_INT && var->type->size < 8) {
		cg_store(g, cg_fit_int(g, cg_expr(g, value).v, var->type), slot);
		return;
	}
	cg_value_into(g, value, slot, var->type);
}

static void let(struct cg *g, struct node *n)
{
	struct var_info *var = n->let.var->var.var;
	if (n->let.value)
		store_var(g, var, n->let.value);
	else
		cg_memset(g, var_slot(g, var), type_slot_size(var->type));
}

static void assign(struct cg *g, struct node *n)
{
	struct node *target = n->assign.target, *value = n->assign.value;
	if (n->assign.op != OP_NONE) { /* compound: x op= y */
		struct cg_value old = cg_expr(g, target);
		struct cg_value rhs = cg_expr(g, value);
		bool move = old.type->kind == TY_PTR && (n->assign.op == OP_ADD || n->assign.op == OP_SUB);
		if (move) /* p += n moves n pointees */
			rhs.v = cg_pointer_step(g, rhs.v, old.type);
		LLVMValueRef v = arith(g, n->assign.op, old.v, rhs.v, old.type->is_signed && rhs.type->is_signed);
		if (target->kind == N_VAR)
			cg_store(g, v, var_slot(g, target->var.var));
		else
			cg_map_store_int(g, target, cg_map_key(g, target), v);
		return;
	}
	if (target->kind == N_MAP) {
		cg_map_assign(g, target, value);
		return;
	}
	store_var(g, target->var.var, value);
}

static void if_stmt(struct cg *g, struct node *n)
{
	LLVMBasicBlockRef then = cg_block(g, "then"), other = cg_block(g, "else"), done = cg_block(g, "endif");
	struct node *other_branch = n->if_stmt.other;
	LLVMBuildCondBr(g->b, cg_truth(g, n->if_stmt.cond), then, other_branch ? other : done);
	LLVMPositionBuilderAtEnd(g->b, then);
	cg_scope_enter(g);
	cg_block_stmts(g, n->if_stmt.then);
	cg_scope_leave(g);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, other);
	cg_scope_enter(g);
	if (other_branch && other_branch->kind == N_IF)
		if_stmt(g, other_branch);
	else if (other_branch)
		cg_block_stmts(g, other_branch);
	cg_scope_leave(g);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

static void while_stmt(struct cg *g, struct node *n)
{
	LLVMBasicBlockRef cond = cg_block(g, "while"), body = cg_block(g, "do"), done = cg_block(g, "done");
	/* a lookup before the loop may be stale by its second iteration */
	cg_cache_reset(g);
	LLVMBuildBr(g->b, cond);
	LLVMPositionBuilderAtEnd(g->b, cond);
	LLVMBuildCondBr(g->b, cg_truth(g, n->while_loop.cond), body, done);
	LLVMPositionBuilderAtEnd(g->b, body);
	g->break_to[g->loop_depth] = done;
	g->continue_to[g->loop_depth] = cond;
	g->loop_depth++;
	cg_scope_enter(g);
	cg_block_stmts(g, n->while_loop.body);
	cg_scope_leave(g);
	g->loop_depth--;
	LLVMBuildBr(g->b, cond);
	LLVMPositionBuilderAtEnd(g->b, done);
	cg_cache_reset(g);
}

static void stmt_body(struct cg *g, struct node *n);

/* A statement's temporaries (keys, values, strings) die with it, so the
 * next statement's can use the same stack bytes. */
static void stmt(struct cg *g, struct node *n)
{
	/* put back after: a loop's body is lowered in its own function */
	LLVMMetadataRef outer = LLVMGetCurrentDebugLocation2(g->b);
	cg_debug_location(g, n->loc);
	struct cg_temps_mark mark = cg_temps_open(g);
	stmt_body(g, n);
	cg_temps_close(g, mark);
	LLVMSetCurrentDebugLocation2(g->b, outer);
}

static void stmt_body(struct cg *g, struct node *n)
{
	switch (n->kind) {
	case N_EXPR_STMT:
		cg_expr(g, n->expr_stmt.expr);
		break;
	case N_ASSIGN:
		assign(g, n);
		break;
	case N_IF:
		if_stmt(g, n);
		break;
	case N_WHILE:
		if (g->loop_depth < MAX_LOOP_DEPTH)
			while_stmt(g, n);
		break;
	case N_FOR:
		cg_for_loop(g, n);
		break;
	case N_LET:
		let(g, n);
		break;
	case N_UNROLL:
		for (long long i = 0; i < n->unroll.count->integer.value; i++)
			cg_block_stmts(g, n->unroll.body);
		break;
	case N_BREAK:
		jump(g, g->break_to[g->loop_depth - 1]);
		break;
	case N_CONTINUE:
		jump(g, g->continue_to[g->loop_depth - 1]);
		break;
	case N_RETURN:
		if (n->ret.value) {
			LLVMValueRef v = cg_expr(g, n->ret.value).v;
			if (g->retval_slot) /* test: probes pass or fail by it, as in bpftrace */
				cg_store(g, v, g->retval_slot);
		}
		jump(g, g->exit);
		break;
	case N_BLOCK: /* a bare { ... } */
		cg_block_stmts(g, n);
		break;
	default:
		cg_unlowered(g, n, "statement");
	}
}

void cg_block_stmts(struct cg *g, struct node *block)
{
	for (int i = 0; i < block->block.stmts.n; i++)
		stmt(g, block->block.stmts.items[i]);
}

/* -p: only that process's events go on; a helper call and a compare. */
static void filter_pid(struct cg *g, int pid)
{
	LLVMValueRef tgid = LLVMBuildLShr(g->b, cg_helper(g, BPF_FUNC_get_current_pid_tgid, g->i64, NULL, 0),
					  cg_const(g, 32), "");
	LLVMBasicBlockRef run = cg_block(g, "this_pid");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, tgid, cg_const(g, pid), ""), run, g->exit);
	LLVMPositionBuilderAtEnd(g->b, run);
}

void cg_probe_function(struct cg *g, struct probe_instance *inst)
{
	const char *name = program_name(g->prog, inst->id);
	LLVMTypeRef fnty = LLVMFunctionType(g->i64, &g->ptr, 1, 0);
	g->fn = LLVMAddFunction(g->mod, name, fnty);
	LLVMSetSection(g->fn, inst->ap->provider->section);
	cg_debug_function(g, g->fn, false);
	/* Without nounwind an .eh_frame section appears. */
	unsigned nounwind = LLVMGetEnumAttributeKindForName("nounwind", 8);
	LLVMAddAttributeAtIndex(g->fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, nounwind, 0));
	g->inst = inst;
	g->ctx_arg = LLVMGetParam(g->fn, 0);
	LLVMSetCurrentDebugLocation2(g->b, NULL); /* the last function's statement is not in this one */
	g->loop_depth = 0;
	g->scope_level = 0;
	g->stores_in_function = 0;
	cg_cache_reset(g);
	cg_temps_reset(g);
	cg_scratch_function_begin(g, 0);
	g->entry = cg_block(g, "entry");
	LLVMBasicBlockRef body = cg_block(g, "body");
	/* return N is the program's result where it means something: test:
	 * and bench: (a failure, a skip); elsewhere the programs return 0 */
	enum special_probe special = inst->ap->provider->special;
	g->retval_slot = special == SPECIAL_TEST || special == SPECIAL_BENCH ? cg_alloca_slot(g, g->i64, "retval") : NULL;
	g->exit = cg_block(g, "exit");
	LLVMPositionBuilderAtEnd(g->b, g->exit);
	LLVMBuildRet(g->b, g->retval_slot ? cg_load(g, g->i64, g->retval_slot) : cg_const(g, 0));

	LLVMPositionBuilderAtEnd(g->b, body);
	if (g->retval_slot)
		cg_store(g, cg_const(g, 0), g->retval_slot);
	if (g->exited && inst->ap->provider->special == SPECIAL_NONE) {
		/* after exit(), until lantern has detached: nothing more */
		LLVMBasicBlockRef run = cg_block(g, "not_exited");
		LLVMValueRef exited = cg_load(g, g->i64, g->exited);
		LLVMSetVolatile(exited, 1);
		LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntEQ, exited, cg_const(g, 0), ""), run, g->exit);
		LLVMPositionBuilderAtEnd(g->b, run);
	}
	if (inst->ap->route)
		cg_route(g);
	if (inst->ap->provider->object_at) { /* an iterator's call after its last object: nothing to do */
		LLVMValueRef object = cg_load(g, g->i64, cg_gep(g, g->ctx_arg, inst->ap->provider->object_at));
		LLVMBasicBlockRef run = cg_block(g, "has_object");
		LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntNE, object, cg_const(g, 0), ""), run, g->exit);
		LLVMPositionBuilderAtEnd(g->b, run);
	}
	if (g->options->filter_pid && inst->ap->provider->pid_filter)
		filter_pid(g, g->options->filter_pid);
	struct node *probe = inst->probe;
	if (probe->probe.pred) {
		cg_debug_location(g, probe->probe.pred->loc);
		LLVMBasicBlockRef run = cg_block(g, "run");
		LLVMBuildCondBr(g->b, cg_truth(g, probe->probe.pred), run, g->exit);
		LLVMPositionBuilderAtEnd(g->b, run);
	}
	cg_block_stmts(g, probe->probe.body);
	LLVMBuildBr(g->b, g->exit);

	/* The entry block holds the allocas and their zeroing; now close it. */
	LLVMSetCurrentDebugLocation2(g->b, NULL);
	cg_scratch_close_entry(g, body, g->exit);
}

/* ---- arithmetic, shared with lower_expr.c ---- */

/* C semantics for signed division on a BPF without sdiv: divide the
 * magnitudes, then fix the sign. Division by zero gives 0, as BPF does. */
static LLVMValueRef signed_divmod(struct cg *g, bool mod, LLVMValueRef a, LLVMValueRef b)
{
	LLVMValueRef zero = cg_const(g, 0);
	LLVMValueRef an = LLVMBuildICmp(g->b, LLVMIntSLT, a, zero, "");
	LLVMValueRef bn = LLVMBuildICmp(g->b, LLVMIntSLT, b, zero, "");
	LLVMValueRef ua = LLVMBuildSelect(g->b, an, LLVMBuildNeg(g->b, a, ""), a, "");
	LLVMValueRef ub = LLVMBuildSelect(g->b, bn, LLVMBuildNeg(g->b, b, ""), b, "");
	LLVMValueRef r = mod ? LLVMBuildURem(g->b, ua, ub, "") : LLVMBuildUDiv(g->b, ua, ub, "");
	LLVMValueRef negate = mod ? an : LLVMBuildXor(g->b, an, bn, "");
	return LLVMBuildSelect(g->b, negate, LLVMBuildNeg(g->b, r, ""), r, "");
}

static LLVMValueRef arith(struct cg *g, enum op op, LLVMValueRef a, LLVMValueRef b, bool is_signed)
{
	switch (op) {
	case OP_ADD: return LLVMBuildAdd(g->b, a, b, "");
	case OP_SUB: return LLVMBuildSub(g->b, a, b, "");
	case OP_MUL: return LLVMBuildMul(g->b, a, b, "");
	case OP_DIV: return is_signed ? signed_divmod(g, false, a, b) : LLVMBuildUDiv(g->b, a, b, "");
	case OP_MOD: return is_signed ? signed_divmod(g, true, a, b) : LLVMBuildURem(g->b, a, b, "");
	case OP_BAND: return LLVMBuildAnd(g->b, a, b, "");
	case OP_BOR: return LLVMBuildOr(g->b, a, b, "");
	case OP_BXOR: return LLVMBuildXor(g->b, a, b, "");
	case OP_SHL: return LLVMBuildShl(g->b, a, b, "");
	case OP_SHR: return is_signed ? LLVMBuildAShr(g->b, a, b, "") : LLVMBuildLShr(g->b, a, b, "");
	default: return a;
	}
}

LLVMValueRef cg_arith(struct cg *g, enum op op, LLVMValueRef a, LLVMValueRef b, bool is_signed)
{
	return arith(g, op, a, b, is_signed);
}
