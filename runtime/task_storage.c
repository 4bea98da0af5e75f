#include "task_storage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "kernel_features.h"

#define INSN(code, dst, src, off, imm) ((struct bpf_insn){ code, dst, src, off, imm })

/* For each task (ctx: struct bpf_iter__task { meta; task; }): if the
 * map's element is present, write the task's pid (tid) as a u64, then
 * the value, to the iterator's seq file. */
static int load_reader(int map_fd, int value_size, int btf_fn_id, int pid_offset)
{
	const int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R6 = 6, R7 = 7, R8 = 8, FP = 10;
	struct bpf_insn p[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, R6, R1, 0, 0),    /* r6 = ctx */
		INSN(BPF_LDX | BPF_MEM | BPF_DW, R7, R6, 8, 0),     /* r7 = ctx->task */
		INSN(BPF_JMP | BPF_JEQ | BPF_K, R7, 0, 23, 0),      /* no task: done (insn 26) */
		INSN(BPF_LD | BPF_DW | BPF_IMM, R1, BPF_PSEUDO_MAP_FD, 0, map_fd),
		INSN(0, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, R2, R7, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, R3, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, R4, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_task_storage_get),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, R0, 0, 16, 0),      /* no storage: done */
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, R8, R0, 0, 0),
		INSN(BPF_LDX | BPF_MEM | BPF_DW, R1, R8, (short)value_size, 0), /* present word */
		INSN(BPF_JMP | BPF_JEQ | BPF_K, R1, 0, 13, 0),      /* deleted: done */
		INSN(BPF_LDX | BPF_MEM | BPF_W, R1, R7, (short)pid_offset, 0), /* task->pid */
		INSN(BPF_STX | BPF_MEM | BPF_DW, FP, R1, -8, 0),
		INSN(BPF_LDX | BPF_MEM | BPF_DW, R1, R6, 0, 0),     /* ctx->meta */
		INSN(BPF_LDX | BPF_MEM | BPF_DW, R1, R1, 0, 0),     /* meta->seq */
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, R2, FP, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, R2, 0, 0, -8),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, R3, 0, 0, 8),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_seq_write),
		INSN(BPF_LDX | BPF_MEM | BPF_DW, R1, R6, 0, 0),
		INSN(BPF_LDX | BPF_MEM | BPF_DW, R1, R1, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, R2, R8, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, R3, 0, 0, value_size),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_seq_write),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, R0, 0, 0, 0),      /* 26: done */
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_ITER,
		    .attach_btf_id = (__u32)btf_fn_id);
	return bpf_prog_load(BPF_PROG_TYPE_TRACING, "lantern_tls_rd", "GPL", p, sizeof(p) / sizeof(p[0]), &opts);
}

int task_storage_read(int map_fd, const struct map_layout *l,
		      int (*add)(void *ctx, unsigned long long tid, const unsigned long long *value), void *ctx,
		      const char **what)
{
	int prog = -1, link = -1, iter = -1, err = 0;
	size_t record = 8 + (size_t)l->value_size, used = 0, cap = 1 << 16;
	unsigned char *buf = malloc(cap);
	const struct btf_facts *btf;
	if (!buf)
		err = -ENOMEM, *what = "memory";
	else if ((err = kernel_btf_facts(&btf)))
		*what = "the kernel's BTF (bpf_iter_task, task_struct.pid)";
	else if ((prog = load_reader(map_fd, l->value_size, btf->iter_task_fn, btf->task_pid_offset)) < 0)
		err = prog, *what = "loading the task iterator";
	else if ((link = bpf_link_create(prog, 0, BPF_TRACE_ITER, NULL)) < 0)
		err = -errno, *what = "attaching the task iterator";
	else if ((iter = bpf_iter_create(link)) < 0)
		err = -errno, *what = "starting the task iterator";
	/* Reads may end mid-record: all of it is gathered before parsing. */
	for (ssize_t n = 1; !err && n > 0;) {
		if (cap - used < record * 64) {
			unsigned char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				err = -ENOMEM, *what = "memory";
				break;
			}
			buf = bigger, cap *= 2;
		}
		n = read(iter, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			n = 1; /* again */
		else if (n < 0)
			err = -errno, *what = "reading the task iterator";
		else
			used += (size_t)n;
	}
	for (size_t at = 0; !err && at + record <= used; at += record) {
		unsigned long long tid, value[MAX_TASK_LOCAL_VALUE / 8];
		memcpy(&tid, buf + at, 8);
		memcpy(value, buf + at + 8, (size_t)l->value_size);
		err = add(ctx, tid, value);
	}
	if (iter >= 0)
		close(iter);
	if (link >= 0)
		close(link);
	if (prog >= 0)
		close(prog);
	free(buf);
	return err;
}
