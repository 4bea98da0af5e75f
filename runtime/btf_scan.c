/* The two facts the task-storage reader needs from the kernel's BTF, found
 * without loading it: libbpf's btf__load_vmlinux_btf costs ~10 MB of
 * memory and ~10 ms for a 5 MB file. This streams the file twice in 64 KiB
 * reads: the strings, for the offsets of the names sought, then the type
 * records, comparing name offsets. */
#include "btf_scan.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/btf.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

struct stream {
	int fd;
	off_t at;  /* file offset of buf[0] */
	size_t len, pos;
	unsigned char buf[64 << 10];
};

/* Copies n bytes from the stream into dst (dst NULL: skips them). */
static int take(struct stream *s, void *dst, size_t n)
{
	while (n) {
		if (s->pos == s->len) {
			s->at += (off_t)s->len;
			ssize_t got = pread(s->fd, s->buf, sizeof(s->buf), s->at);
			if (got <= 0)
				return got < 0 ? -errno : -EIO;
			s->len = (size_t)got, s->pos = 0;
		}
		size_t k = s->len - s->pos < n ? s->len - s->pos : n;
		if (dst)
			memcpy(dst, s->buf + s->pos, k), dst = (unsigned char *)dst + k;
		s->pos += k, n -= k;
	}
	return 0;
}

static void seek(struct stream *s, off_t to)
{
	s->at = to, s->len = 0, s->pos = 0;
}

enum { NAME_ITER_FN, NAME_TASK, NAME_PID, NNAMES };
static const char *const names[NNAMES] = { "bpf_iter_task", "task_struct", "pid" };

/* Bytes from the stream, at most max, without copying: *p points into the
 * buffer. Returns how many (0 at the end of the file) or a negative errno. */
static long peek(struct stream *s, const unsigned char **p, size_t max)
{
	if (s->pos == s->len) {
		s->at += (off_t)s->len;
		ssize_t got = pread(s->fd, s->buf, sizeof(s->buf), s->at);
		if (got < 0)
			return -errno;
		s->len = (size_t)got, s->pos = 0;
	}
	size_t n = s->len - s->pos < max ? s->len - s->pos : max;
	*p = s->buf + s->pos;
	s->pos += n;
	return (long)n;
}

/* The string-section offsets of the names (0 where absent). */
static int find_names(struct stream *s, const struct btf_header *h, unsigned int off[NNAMES])
{
	char cur[32]; /* the string being read, while it could still be a name */
	size_t n = 0;
	unsigned int start = 0, at = 0;
	seek(s, (off_t)h->hdr_len + h->str_off);
	while (at < h->str_len) {
		const unsigned char *p;
		long got = peek(s, &p, h->str_len - at);
		if (got <= 0)
			return got < 0 ? (int)got : -EIO;
		for (long i = 0; i < got;) {
			const unsigned char *nul = memchr(p + i, 0, (size_t)(got - i));
			long end = nul ? nul - p : got;
			size_t piece = (size_t)(end - i);
			if (n + piece < sizeof(cur))
				memcpy(cur + n, p + i, piece);
			n += piece;
			if (!nul)
				break;
			for (int k = 0; n < sizeof(cur) && k < NNAMES; k++)
				if (!off[k] && strlen(names[k]) == n && !memcmp(cur, names[k], n))
					off[k] = start;
			n = 0, i = end + 1, start = at + (unsigned int)i;
		}
		at += (unsigned int)got;
	}
	return 0;
}

/* Bytes after a type record's 12-byte head; -1 for a kind not known here. */
static long extra_bytes(unsigned int kind, unsigned int vlen)
{
	switch (kind) {
	case BTF_KIND_INT: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_PTR: case BTF_KIND_FWD: case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST: case BTF_KIND_RESTRICT: case BTF_KIND_FUNC: case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	case BTF_KIND_ARRAY:
		return 12;
	case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_DATASEC: case BTF_KIND_ENUM64:
		return 12L * vlen;
	case BTF_KIND_ENUM: case BTF_KIND_FUNC_PROTO:
		return 8L * vlen;
	default:
		return -1;
	}
}

/* Where `pid` may hide: task_struct's anonymous members (all of it sits in
 * one under CONFIG_RANDSTRUCT), by type id, with their byte offsets. */
#define MAX_ANON 16
struct anon_members {
	int n;
	unsigned int type[MAX_ANON];
	int offset[MAX_ANON];
};

/* One pass over the type records. Finds the iterator's function; and the
 * pid member of the struct named task_struct (want_id 0), or of the
 * struct or union whose id is listed in anon (a second pass), whose
 * unnamed members it lists in anon on the first. */
static int scan_types(struct stream *s, const struct btf_header *h, const unsigned int off[NNAMES],
		      struct anon_members *anon, bool second, struct btf_facts *out)
{
	seek(s, (off_t)h->hdr_len + h->type_off);
	unsigned long long done = 0;
	for (unsigned int id = 1; done < h->type_len && (out->task_pid_offset < 0 || out->iter_task_fn < 0); id++) {
		struct btf_type t;
		int err = take(s, &t, sizeof(t));
		if (err)
			return err;
		unsigned int kind = BTF_INFO_KIND(t.info), vlen = BTF_INFO_VLEN(t.info);
		long extra = extra_bytes(kind, vlen);
		if (extra < 0)
			return -EPROTO;
		done += sizeof(t) + (unsigned long)extra;
		if (kind == BTF_KIND_FUNC && off[NAME_ITER_FN] && t.name_off == off[NAME_ITER_FN])
			out->iter_task_fn = (int)id;
		int base = -1;
		if (!second && kind == BTF_KIND_STRUCT && off[NAME_TASK] && t.name_off == off[NAME_TASK])
			base = 0;
		for (int i = 0; second && i < anon->n && (kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION); i++)
			if (anon->type[i] == id)
				base = anon->offset[i];
		if (base < 0) {
			if ((err = take(s, NULL, (size_t)extra)))
				return err;
			continue;
		}
		for (unsigned int i = 0; i < vlen; i++) {
			struct btf_member m;
			if ((err = take(s, &m, sizeof(m))))
				return err;
			unsigned int bits = BTF_INFO_KFLAG(t.info) ? BTF_MEMBER_BIT_OFFSET(m.offset) : m.offset;
			if (off[NAME_PID] && m.name_off == off[NAME_PID])
				out->task_pid_offset = base + (int)(bits / 8);
			else if (!second && !m.name_off && anon->n < MAX_ANON)
				anon->type[anon->n] = m.type, anon->offset[anon->n++] = (int)(bits / 8);
		}
	}
	return 0;
}

static struct stream stream; /* 64 KiB: not on the stack */

int btf_scan_vmlinux(struct btf_facts *out)
{
	return btf_scan_file(VMLINUX_BTF, out);
}

int btf_scan_file(const char *path, struct btf_facts *out)
{
	*out = (struct btf_facts){ .iter_task_fn = -1, .task_pid_offset = -1 };
	struct btf_header h;
	unsigned int off[NNAMES] = { 0 };
	stream.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (stream.fd < 0)
		return -errno;
	seek(&stream, 0);
	int err = take(&stream, &h, sizeof(h));
	if (!err && (h.magic != BTF_MAGIC || h.hdr_len < sizeof(h)))
		err = -EPROTO;
	if (!err)
		err = find_names(&stream, &h, off);
	struct anon_members anon = { 0 };
	if (!err)
		err = scan_types(&stream, &h, off, &anon, false, out);
	if (!err && out->task_pid_offset < 0 && anon.n)
		err = scan_types(&stream, &h, off, &anon, true, out);
	close(stream.fd);
	if (!err && (out->iter_task_fn <= 0 || out->task_pid_offset < 0))
		err = -ENOENT;
	return err;
}
