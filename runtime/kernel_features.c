#include "kernel_features.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include <bpf/libbpf.h>

int kernel_possible_cpus(void)
{
	static int n;
	if (!n)
		n = libbpf_num_possible_cpus();
	return n > 0 ? n : 1;
}

/* A list of ids and ranges: "0", "0-3", "0-3,8-11". */
int cpu_id_limit_of(const char *possible)
{
	const char *p = possible;
	long limit = 0;
	for (;;) {
		char *end;
		long first = strtol(p, &end, 10), last = first;
		if (end == p || first < 0)
			return 0;
		p = end;
		if (*p == '-') {
			last = strtol(p + 1, &end, 10);
			if (end == p + 1 || last < first)
				return 0;
			p = end;
		}
		if (last + 1 > limit)
			limit = last + 1;
		if (*p != ',')
			break;
		p++;
	}
	return (*p == '\n' || *p == '\0') && limit <= 1 << 20 ? (int)limit : 0;
}

int kernel_cpu_id_limit(void)
{
	static int limit = -1; /* not read yet */
	if (limit < 0) {
		char text[4096];
		FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
		size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
		if (f)
			fclose(f);
		text[n] = '\0';
		limit = cpu_id_limit_of(text);
	}
	return limit;
}

/* Scanned once: first when choosing the layout, then used for every
 * task-local map's reader at exit. */
int kernel_btf_facts(const struct btf_facts **out)
{
	static struct btf_facts facts;
	static int err = 1; /* not scanned yet */
	if (err > 0)
		err = btf_scan_vmlinux(&facts);
	*out = &facts;
	return err;
}

bool kernel_task_storage(void)
{
	static int supported = -1; /* not probed yet */
	const struct btf_facts *facts;
	if (supported < 0)
		supported = kernel_btf_facts(&facts) == 0 &&
			    libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_get_current_task_btf, NULL) == 1 &&
			    libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_task_storage_get, NULL) == 1;
	return supported;
}

static int cpu_v4 = -1; /* not probed yet */

void kernel_disable_bpf_cpu_v4(void)
{
	cpu_v4 = 0;
}

bool kernel_bpf_cpu_v4(void)
{
	int supported = cpu_v4;
	if (supported < 0) {
		/* r0 = 0; r0 = (s8)r0 (movsx: v4, as gotol is; older verifiers
		 * refuse a mov with an offset, but take a gotol +0 as a ja +0); exit */
		const struct bpf_insn insns[] = {
			{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
			{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = BPF_REG_0, .src_reg = BPF_REG_0, .off = 8 },
			{ .code = BPF_JMP | BPF_EXIT },
		};
		int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, 3, NULL);
		cpu_v4 = supported = fd >= 0;
		if (fd >= 0)
			close(fd);
	}
	return supported;
}
