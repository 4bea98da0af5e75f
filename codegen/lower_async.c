/* Calls that send an event to userspace (printf, print, exit, clear,
 * zero): a record in the ring buffer with the call's id and its arguments;
 * format strings stay in userspace. A record that cannot be reserved is
 * counted in the lost-events map. */
#include <linux/bpf.h>

#include "../compiler/builtin.h"
#include "cg.h"

/* An argument of the record: the value of one of the call's arguments,
 * or 0 (exit() without a code). */
static void store_arg(struct cg *g, LLVMValueRef rec, const struct async_arg *arg, struct node *call)
{
	LLVMValueRef at = cg_gep(g, rec, arg->offset);
	if (arg->from_arg == ASYNC_ARG_ZERO) {
		cg_store(g, cg_const(g, 0), at);
		return;
	}
	struct node *value = call->call.args.items[arg->from_arg];
	if (arg->type->kind == TY_STR)
		cg_str_into(g, value, at, arg->type->size, false);
	else
		cg_value_into(g, value, at, arg->type);
}

void cg_async(struct cg *g, struct node *call)
{
	if (call->call.event_id < 0) {
		cg_unlowered(g, call, "an event the events pass did not register");
		return;
	}
	struct async_call *a = g->prog->asyncs[call->call.event_id];
	LLVMValueRef args[] = { g->ringbuf, cg_const(g, a->size), cg_const(g, 0) };
	LLVMValueRef rec = cg_helper(g, BPF_FUNC_ringbuf_reserve, g->ptr, args, 3);
	LLVMBasicBlockRef fill = cg_block(g, "event"), lost = cg_block(g, "event_lost"), done = cg_block(g, "event_done");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, rec, ""), lost, fill);
	LLVMPositionBuilderAtEnd(g->b, lost);
	cg_count(g, g->lost_map, 0);
	LLVMBuildBr(g->b, done);

	LLVMPositionBuilderAtEnd(g->b, fill);
	cg_scope_enter(g);
	cg_store(g, cg_const(g, a->id), rec);
	if (call->call.builtin && call->call.builtin->lower_record)
		call->call.builtin->lower_record(g, call, a, rec);
	for (int i = 0; i < a->nargs; i++)
		store_arg(g, rec, &a->args[i], call);
	LLVMValueRef submit[] = { rec, cg_const(g, 0) };
	cg_helper(g, BPF_FUNC_ringbuf_submit, g->void_t, submit, 2);
	cg_scope_leave(g);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}

void cg_check_helper(struct cg *g, LLVMValueRef ret, int helper, const struct node *at)
{
	if (!g->options->helper_errors || !at)
		return;
	struct async_call *a = async_helper_error(g->prog, at->loc, helper);
	LLVMBasicBlockRef report = cg_block(g, "helper_error"), done = cg_block(g, "helper_ok");
	LLVMBuildCondBr(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, ret, cg_const(g, 0), ""), report, done);
	LLVMPositionBuilderAtEnd(g->b, report);
	LLVMValueRef args[] = { g->ringbuf, cg_const(g, a->size), cg_const(g, 0) };
	LLVMValueRef rec = cg_helper(g, BPF_FUNC_ringbuf_reserve, g->ptr, args, 3);
	LLVMBasicBlockRef fill = cg_block(g, "helper_error_event"), lost = cg_block(g, "helper_error_lost");
	LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, rec, ""), lost, fill);
	LLVMPositionBuilderAtEnd(g->b, lost);
	cg_count(g, g->lost_map, 0);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, fill);
	cg_store(g, cg_const(g, a->id), rec);
	cg_store(g, ret, cg_gep(g, rec, ASYNC_HEADER_SIZE));
	LLVMValueRef submit[] = { rec, cg_const(g, 0) };
	cg_helper(g, BPF_FUNC_ringbuf_submit, g->void_t, submit, 2);
	LLVMBuildBr(g->b, done);
	LLVMPositionBuilderAtEnd(g->b, done);
}
