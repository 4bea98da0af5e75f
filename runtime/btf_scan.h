/* A few facts from the kernel's BTF (/sys/kernel/btf/vmlinux), read by
 * streaming the file instead of loading it. */
#ifndef LANTERN_BTF_SCAN_H
#define LANTERN_BTF_SCAN_H

struct btf_facts {
	int iter_task_fn;    /* BTF id of the function bpf_iter_task: the task iterator's attach point */
	int task_pid_offset; /* byte offset of pid in struct task_struct */
};

/* 0, or a negative errno (-ENOENT: a fact is missing; -EPROTO: a BTF this
 * reader does not know). */
int btf_scan_vmlinux(struct btf_facts *out);
int btf_scan_file(const char *path, struct btf_facts *out); /* raw BTF */

#endif
