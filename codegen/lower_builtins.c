/* Lowering of the builtins in compiler/builtins.c, by id. */
#include <linux/bpf.h>

#include "../compiler/builtins.h"
#include "cg.h"

static LLVMValueRef helper0(struct cg *g, int id)
{
	return cg_helper(g, id, g->i64, NULL, 0);
}

struct cg_value cg_builtin_var(struct cg *g, struct node *n)
{
	struct cg_value r = { .type = n->type };
	switch (n->builtin->id) {
	case B_PID:
		r.v = LLVMBuildLShr(g->b, helper0(g, BPF_FUNC_get_current_pid_tgid), cg_const(g, 32), "");
		break;
	case B_TID:
		r.v = LLVMBuildAnd(g->b, helper0(g, BPF_FUNC_get_current_pid_tgid), cg_const(g, 0xffffffff), "");
		break;
	case B_UID:
		r.v = LLVMBuildAnd(g->b, helper0(g, BPF_FUNC_get_current_uid_gid), cg_const(g, 0xffffffff), "");
		break;
	case B_GID:
		r.v = LLVMBuildLShr(g->b, helper0(g, BPF_FUNC_get_current_uid_gid), cg_const(g, 32), "");
		break;
	case B_NSECS:
		r.v = helper0(g, BPF_FUNC_ktime_get_ns);
		break;
	case B_ELAPSED: {
		LLVMValueRef start = cg_load(g, g->i64, g->start_time);
		LLVMSetVolatile(start, 1);
		r.v = LLVMBuildSub(g->b, helper0(g, BPF_FUNC_ktime_get_ns), start, "");
		break;
	}
	case B_CPU:
		r.v = LLVMBuildZExt(g->b, cg_helper(g, BPF_FUNC_get_smp_processor_id, g->i32, NULL, 0), g->i64, "");
		break;
	case B_PROBE:
		/* the cookie lets one program serve every attach point of a probe */
		if (g->inst->probe_from_cookie)
			r.v = cg_helper(g, BPF_FUNC_get_attach_cookie, g->i64, &g->ctx_arg, 1);
		else
			r.v = cg_const(g, g->inst->id);
		break;
	case B_COMM:
		r.v = cg_alloca_bytes(g, COMM_SIZE, "comm");
		cg_builtin_str_into(g, n, r.v, COMM_SIZE, false);
		break;
	default:
		r.v = cg_const(g, 0);
	}
	return r;
}

void cg_builtin_str_into(struct cg *g, struct node *n, LLVMValueRef dst, int size, bool pad)
{
	if (n->builtin->id == B_COMM) {
		/* get_current_comm pads with zeroes up to the size it is given */
		int n_comm = size < COMM_SIZE ? size : COMM_SIZE;
		LLVMValueRef args[] = { dst, cg_const(g, n_comm) };
		cg_helper(g, BPF_FUNC_get_current_comm, g->i64, args, 2);
		if (pad && size > COMM_SIZE)
			cg_memset(g, cg_gep(g, dst, COMM_SIZE), round8(size) - COMM_SIZE);
		return;
	}
	/* str(ptr [, len]) */
	struct node *src = n->args.items[0];
	int read = n->type.size < size ? n->type.size : size;
	if (src->type.kind == TY_STR) {
		cg_str_into(g, src, dst, read, pad);
		if (pad && size > read)
			cg_memset(g, cg_gep(g, dst, read), round8(size) - read);
		return;
	}
	if (pad)
		cg_memset(g, dst, round8(size));
	else
		cg_store(g, LLVMConstInt(g->i8, 0, 0), dst); /* "" if the read fails */
	LLVMValueRef ptr = cg_expr(g, src).v;
	int helper = src->type.user_ptr ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str;
	cg_probe_read(g, helper, dst, read, ptr);
}

struct cg_value cg_builtin_call(struct cg *g, struct node *n)
{
	struct cg_value r = { .type = n->type, .v = NULL };
	if (!n->builtin->is_function)
		return cg_builtin_var(g, n);
	switch (n->builtin->id) {
	case F_PRINTF:
	case F_PRINT:
	case F_CLEAR:
	case F_ZERO:
	case F_EXIT:
		cg_async(g, n);
		break;
	case F_DELETE:
		cg_map_delete_ref(g, n->args.items[0]);
		break;
	case F_STR:
		r.v = cg_alloca_bytes(g, n->type.size, "str");
		cg_builtin_str_into(g, n, r.v, n->type.size, false);
		break;
	default:
		break; /* aggregations are lowered by the map assignment */
	}
	if (!r.v)
		r.v = cg_const(g, 0);
	return r;
}
