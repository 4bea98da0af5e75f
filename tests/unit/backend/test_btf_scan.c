/* runtime/btf_scan.c on BTF built here: task_struct.pid at the top level,
 * and inside an anonymous struct (CONFIG_RANDSTRUCT kernels); names that
 * straddle the scanner's 64 KiB reads. */
#include <bpf/btf.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../../runtime/btf_scan.h"
#include "unit_backend.h"

/* Writes a BTF with `filler` padding types first, then task_struct (pid
 * at byte 24, or in an anonymous struct at byte 64, +8 inside), then the
 * iterator function; scans it. */
static int scan(bool anonymous, int filler, struct btf_facts *f)
{
	struct btf *btf = btf__new_empty();
	int i32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	char name[32];
	for (int i = 0; i < filler; i++) { /* many strings: names cross read boundaries */
		snprintf(name, sizeof(name), "filler_type_%d", i);
		btf__add_typedef(btf, name, i32);
	}
	int inner = -1;
	if (anonymous) {
		inner = btf__add_struct(btf, NULL, 16);
		btf__add_field(btf, "tgid", i32, 0, 0);
		btf__add_field(btf, "pid", i32, 64, 0);
	}
	btf__add_struct(btf, "task_struct", 128);
	btf__add_field(btf, "state", i32, 0, 0);
	if (anonymous)
		btf__add_field(btf, NULL, inner, 64 * 8, 0);
	else
		btf__add_field(btf, "pid", i32, 24 * 8, 0);
	int proto = btf__add_func_proto(btf, i32);
	int fn = btf__add_func(btf, "bpf_iter_task", BTF_FUNC_GLOBAL, proto);
	__u32 size;
	const void *raw = btf__raw_data(btf, &size);
	char path[] = "/tmp/lantern-btf-XXXXXX";
	int fd = mkstemp(path);
	int ok = fd >= 0 && write(fd, raw, size) == (ssize_t)size;
	if (fd >= 0)
		close(fd);
	int err = ok ? btf_scan_file(path, f) : -1;
	unlink(path);
	btf__free(btf);
	return err ? err : fn;
}

void test_btf_scan(void)
{
	struct btf_facts f;
	int fn = scan(false, 10, &f);
	CHECK(fn > 0 && f.iter_task_fn == fn && f.task_pid_offset == 24);
	fn = scan(true, 10, &f);
	CHECK(fn > 0 && f.iter_task_fn == fn && f.task_pid_offset == 72);
	fn = scan(true, 20000, &f); /* ~300 KB of names */
	CHECK(fn > 0 && f.iter_task_fn == fn && f.task_pid_offset == 72);
	CHECK(btf_scan_file("/nonexistent", &f) < 0);
}
