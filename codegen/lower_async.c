/* Calls that send an event to userspace (printf, print, exit, clear,
 * zero): a record in the ring buffer with the call's id and its arguments;
 * format strings stay in userspace. A record that cannot be reserved is
 * counted in the lost-events map. A pinned iterator's printf writes into
 * its file instead (file_printf). */
#include <linux/bpf.h>
#include <string.h>

#include "../compiler/arena.h"
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

/* printf in a pinned iterator: bpf_seq_printf into the file the reader
 * reads, its arguments 64-bit words (an integer cut to its conversion's
 * C type as C's printf reads it, a string a pointer to its bytes). */
static void file_printf(struct cg *g, struct node *call, const struct async_call *a)
{
	int fmt_size = (int)strlen(a->file_format) + 1, nconv = a->fmt.nconvs;
	LLVMValueRef fmt = cg_define_const_bytes(g, arena_printf("file_format_%d", a->id), ".rodata.formats",
						 a->file_format, fmt_size);
	int mark = cg_scratch_mark(g);
	LLVMValueRef data = cg_scratch_temp(g, 8 * (nconv ? nconv : 1));
	for (int i = 0, conv = 0; i < a->fmt.nsegs; i++) {
		const struct printf_segment *seg = &a->fmt.segs[i];
		if (!seg->has_conv)
			continue;
		struct node *arg = call->call.args.items[1 + conv];
		LLVMValueRef slot = cg_gep(g, data, 8 * conv++);
		if (seg->kind == CONV_STR) {
			LLVMValueRef buf = cg_scratch_temp(g, arg->type->size);
			cg_str_into(g, arg, buf, arg->type->size, false);
			cg_store(g, LLVMBuildPtrToInt(g->b, buf, g->i64, ""), slot);
			continue;
		}
		bool is_signed = seg->conv == 'd' || seg->conv == 'i';
		cg_value_into(g, arg, slot, type_int(is_signed));
		if (seg->kind == CONV_INT && seg->width < 8)
			cg_store(g, cg_fit_int(g, cg_load(g, g->i64, slot), type_int_sized(seg->width, is_signed)), slot);
	}
	/* ctx->meta->seq: the iterator's file */
	LLVMValueRef meta = cg_load(g, g->ptr, g->ctx_arg);
	LLVMValueRef seq = cg_load(g, g->ptr, meta);
	LLVMValueRef args[] = { seq, fmt, cg_const(g, fmt_size), data, cg_const(g, 8 * nconv) };
	cg_helper(g, BPF_FUNC_seq_printf, g->i64, args, 5);
	cg_scratch_release(g, mark);
}

void cg_async(struct cg *g, struct node *call)
{
	if (call->call.event_id < 0) {
		cg_unlowered(g, call, "an event the events pass did not register");
		return;
	}
	struct async_call *a = g->prog->asyncs[call->call.event_id];
	if (a->file_format) {
		file_printf(g, call, a);
		return;
	}
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
