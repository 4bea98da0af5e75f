#include "maps.h"
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "kernel_features.h"
#include "task_storage.h"

/* Bytes from one CPU's copy of a value to the next. */
static int stride(const struct map_layout *l)
{
	return l->cpu_slots ? l->slot_stride : round8(l->value_size);
}

/* How many copies of each value there are: one per possible CPU, one per
 * CPU id (slots), or one. */
static int copies(const struct map_layout *l)
{
	return l->cpu_slots ? l->nslots : l->percpu ? kernel_possible_cpus() : 1;
}

/* Folds the per-CPU copies of one value into out: an aggregate as its
 * descriptor combines them, a plain value has one copy. */
static void combine(const struct map_info *m, const struct map_layout *l, const unsigned long long *percpu,
		    unsigned long long *out)
{
	int cpus = copies(l), step = stride(l) / 8;
	memset(out, 0, (size_t)l->value_size);
	if (m->value->kind != TY_AGG) {
		memcpy(out, percpu, (size_t)l->value_size);
		return;
	}
	for (int c = 0; c < cpus; c++)
		m->agg.kind->combine(&m->agg, out, percpu + (size_t)c * (size_t)step);
}

/* Key-less aggregates live in arrays that always have their element; an
 * element that never saw data is not printed. */
static bool has_data(const struct map_info *m, const struct map_layout *l, const unsigned long long *v)
{
	if (m->agg.kind->has_data)
		return m->agg.kind->has_data(&m->agg, v);
	for (int i = 0; i < l->nbuckets; i++)
		if (v[i])
			return true;
	return false;
}

/* Appends one element, its per-CPU copies folded. */
static int snapshot_add(struct map_snapshot *s, int *cap, const void *key, const unsigned long long *raw)
{
	const struct map_layout *l = s->l;
	if (s->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		void *k = realloc(s->keys, (size_t)*cap * (size_t)l->key_size);
		if (!k)
			return -ENOMEM;
		s->keys = k;
		void *v = realloc(s->values, (size_t)*cap * (size_t)l->value_size);
		if (!v)
			return -ENOMEM;
		s->values = v;
	}
	unsigned long long *value = s->values + (size_t)s->n * (size_t)(l->value_size / 8);
	combine(s->m, l, raw, value);
	if (l->keyless && s->m->value->kind == TY_AGG && !has_data(s->m, l, value))
		return 0;
	memcpy(s->keys + (size_t)s->n * (size_t)l->key_size, key, (size_t)l->key_size);
	s->n++;
	return 0;
}

/* Many elements per system call. Returns -EOPNOTSUPP where the kernel
 * cannot, before anything was added. */
static int read_batched(int fd, struct map_snapshot *s, int *cap, size_t raw_size)
{
	const struct map_layout *l = s->l;
	unsigned int batch = (unsigned int)(4 << 20) / (unsigned int)raw_size;
	batch = batch < 1 ? 1 : batch > 16384 ? 16384 : batch;
	unsigned char *keys = malloc((size_t)batch * (size_t)l->key_size);
	unsigned long long *values = malloc((size_t)batch * raw_size);
	unsigned long long token[8]; /* an opaque cursor, a bucket index for hashes */
	int err = keys && values ? 0 : -ENOMEM;
	bool first = true, done = false;
	while (!err && !done) {
		__u32 count = batch;
		if (bpf_map_lookup_batch(fd, first ? NULL : token, token, keys, values, &count, NULL)) {
			err = -errno;
			if (err == -ENOENT) /* the last batch */
				err = 0, done = true;
			else if (first)
				err = -EOPNOTSUPP;
		}
		first = false;
		for (__u32 i = 0; !err && i < count; i++)
			err = snapshot_add(s, cap, keys + (size_t)i * (size_t)l->key_size,
					   values + (size_t)i * raw_size / 8);
	}
	free(keys);
	free(values);
	return err;
}

static int read_one_by_one(int fd, struct map_snapshot *s, int *cap, size_t raw_size)
{
	const struct map_layout *l = s->l;
	unsigned long long *raw = malloc(raw_size);
	unsigned char *key = calloc(1, (size_t)l->key_size), *next = calloc(1, (size_t)l->key_size);
	int err = raw && key && next ? 0 : -ENOMEM;
	if (!err && l->keyless) {
		if (bpf_map_lookup_elem(fd, key, raw) == 0)
			err = snapshot_add(s, cap, key, raw);
	} else {
		void *prev = NULL;
		while (!err && bpf_map_get_next_key(fd, prev, next) == 0) {
			memcpy(key, next, (size_t)l->key_size);
			prev = key;
			if (bpf_map_lookup_elem(fd, key, raw) == 0) /* else deleted meanwhile */
				err = snapshot_add(s, cap, key, raw);
		}
	}
	free(raw);
	free(key);
	free(next);
	return err;
}

struct task_local_reader {
	struct map_snapshot *s;
	int *cap;
};

static int add_task_local(void *ctx, unsigned long long tid, const unsigned long long *value)
{
	struct task_local_reader *r = ctx;
	return snapshot_add(r->s, r->cap, &tid, value);
}

static int read_task_local(int fd, struct map_snapshot *s, int *cap)
{
	struct task_local_reader r = { s, cap };
	const char *what = "";
	int err = task_storage_read(fd, s->l, add_task_local, &r, &what);
	if (err)
		fprintf(stderr, "ERROR: cannot read %s: %s: %s\n", s->m->name, what, strerror(-err));
	return err;
}

/* A copy of the slots, so that the kernel's updates meanwhile do not
 * change the value while it is folded; word by word, as the kernel
 * writes them, so that no word is torn. */
static int read_cpu_slots(const unsigned char *slots, struct map_snapshot *s, int *cap, size_t raw_size)
{
	unsigned long long *raw = malloc(raw_size);
	const unsigned long long *words = (const unsigned long long *)slots;
	unsigned int key = 0;
	if (!raw)
		return -ENOMEM;
	for (size_t i = 0; i < raw_size / 8; i++)
		raw[i] = __atomic_load_n(&words[i], __ATOMIC_RELAXED);
	int err = snapshot_add(s, cap, &key, raw);
	free(raw);
	return err;
}

/* A cleared key-less element that is still all zeroes saw nothing since */
static bool still_cleared(const struct map_place *p, const struct map_layout *l, const struct map_snapshot *s)
{
	if (!p->cleared || s->n != 1)
		return false;
	for (int w = 0; w < l->value_size / 8; w++)
		if (s->values[w])
			return false;
	return true;
}

int map_snapshot_read(const struct map_place *p, const struct map_info *m, const struct map_layout *l,
		      struct map_snapshot *out)
{
	*out = (struct map_snapshot){ .m = m, .l = l };
	size_t raw_size = (size_t)stride(l) * (size_t)copies(l);
	int cap = 0;
	int err = l->cpu_slots	  ? read_cpu_slots(p->slots, out, &cap, raw_size)
		  : l->task_local ? read_task_local(p->fd, out, &cap)
		  : l->keyless	  ? -EOPNOTSUPP
				  : read_batched(p->fd, out, &cap, raw_size);
	if (err == -EOPNOTSUPP)
		err = read_one_by_one(p->fd, out, &cap, raw_size);
	if (still_cleared(p, l, out))
		out->n = 0;
	out->entries = calloc((size_t)out->n + 1, sizeof(*out->entries));
	if (!out->entries)
		return -ENOMEM;
	for (int i = 0; i < out->n; i++) {
		out->entries[i].key = out->keys + (size_t)i * (size_t)l->key_size;
		out->entries[i].value = out->values + (size_t)i * (size_t)(l->value_size / 8);
	}
	return err;
}

long long map_value_number(const struct map_info *m, const unsigned long long *v)
{
	if (m->value->kind != TY_AGG)
		return (long long)v[0];
	return m->agg.kind->number(&m->agg, v);
}

/* Whether m's numbers are signed (a count never is). */
bool map_value_signed(const struct map_info *m)
{
	if (m->value->kind == TY_AGG)
		return m->agg.is_signed && !m->agg.kind->unsigned_number;
	return m->value->is_signed;
}

static const struct map_snapshot *sorting;

/* Orders two values of type t: strings as strcmp, integers as numbers,
 * tuples member by member. */
static int compare_values(const struct type *t, const unsigned char *a, const unsigned char *b)
{
	if (t->kind == TY_STR)
		return strncmp((const char *)a, (const char *)b, (size_t)t->size);
	if (t->kind == TY_RESOLVED)
		return output_compare_resolved(t, a, b);
	if (type_is_tuple(t)) {
		for (int i = 0; i < t->nmembers; i++) {
			int off = t->members[i].offset;
			int c = compare_values(t->members[i].type, a + off, b + off);
			if (c)
				return c;
		}
		return 0;
	}
	unsigned long long x = type_read_int(t, a), y = type_read_int(t, b);
	if (x == y)
		return 0;
	if (t->is_signed)
		return (long long)x < (long long)y ? -1 : 1;
	return x < y ? -1 : 1;
}

static int compare_keys(const unsigned char *a, const unsigned char *b)
{
	const struct map_info *m = sorting->m;
	for (int i = 0; i < m->nkeys; i++) {
		int off = sorting->l->key_offsets[i];
		int c = compare_values(m->keys[i], a + off, b + off);
		if (c)
			return c;
	}
	return 0;
}

static unsigned long long total_count(const struct map_snapshot *s, const unsigned long long *v)
{
	unsigned long long t = 0;
	for (int i = 0; i < s->l->nbuckets; i++)
		t += v[i];
	return t;
}

/* The number an entry sorts by, mapped so that unsigned comparison orders
 * it (the sign bit flipped for signed values). */
static unsigned long long sort_order(const struct map_snapshot *s, const unsigned long long *v)
{
	const struct map_info *m = s->m;
	if (s->l->nbuckets)
		return total_count(s, v);
	unsigned long long x = (unsigned long long)map_value_number(m, v);
	return map_value_signed(m) ? x ^ (1ULL << 63) : x;
}

static int compare_entries(const void *pa, const void *pb)
{
	const struct map_entry *a = pa, *b = pb;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if (a->key0 != b->key0) /* saves following the key pointers, mostly */
		return a->key0 < b->key0 ? -1 : 1;
	return compare_keys(a->key, b->key);
}

/* Digit `pass` of the radix sort: bytes of key0 first, then of order. */
static unsigned int radix_digit(const struct map_entry *e, int pass)
{
	unsigned long long v = pass >= 8 ? e->order : e->key0;
	return (unsigned int)(v >> (pass % 8 * 8) & 0xff);
}

/* Stable LSD radix sort on 8-bit digits of key0, then of order; a digit
 * that is the same everywhere costs one counting pass and no moves. */
static void radix_sort(struct map_entry *e, int n)
{
	struct map_entry *tmp = malloc(sizeof(*tmp) * (size_t)n);
	if (!tmp) {
		qsort(e, (size_t)n, sizeof(*e), compare_entries);
		return;
	}
	struct map_entry *from = e, *to = tmp;
	for (int pass = 0; pass < 16; pass++) {
		size_t count[257] = { 0 };
		for (int i = 0; i < n; i++)
			count[radix_digit(&from[i], pass) + 1]++;
		bool one_digit = false;
		for (int d = 1; d <= 256; d++)
			one_digit |= count[d] == (size_t)n;
		if (one_digit)
			continue;
		for (int d = 1; d <= 256; d++)
			count[d] += count[d - 1];
		for (int i = 0; i < n; i++)
			to[count[radix_digit(&from[i], pass)]++] = from[i];
		struct map_entry *swap = from;
		from = to;
		to = swap;
	}
	if (from != e)
		memcpy(e, from, sizeof(*e) * (size_t)n);
	free(tmp);
}

void map_snapshot_sort(struct map_snapshot *s)
{
	const struct map_info *m = s->m;
	bool by_value = type_is_integer(m->value) || m->value->kind == TY_AGG;
	bool int_key0 = m->nkeys > 0 && !type_in_buffer(m->keys[0]);
	for (int i = 0; i < s->n; i++) {
		struct map_entry *e = &s->entries[i];
		e->order = by_value ? sort_order(s, e->value) : 0;
		e->key0 = 0;
		if (int_key0) {
			memcpy(&e->key0, e->key, 8);
			if (m->keys[0]->is_signed)
				e->key0 ^= 1ULL << 63;
		}
	}
	/* A radix sort by (order, key0) does the bulk of the work in linear
	 * time; only runs that tie on both need the full comparison. */
	radix_sort(s->entries, s->n);
	sorting = s;
	for (int i = 0, j; i < s->n; i = j) {
		for (j = i + 1; j < s->n && s->entries[j].order == s->entries[i].order &&
				s->entries[j].key0 == s->entries[i].key0;
		     j++)
			;
		if (j - i > 1)
			qsort(s->entries + i, (size_t)(j - i), sizeof(*s->entries), compare_entries);
	}
	sorting = NULL;
}

void map_snapshot_free(struct map_snapshot *s)
{
	free(s->entries);
	free(s->keys);
	free(s->values);
	*s = (struct map_snapshot){ 0 };
}

/* Writes zeroes over every element, on every CPU; or deletes them. */
static int rewrite_all(const struct map_place *p, const struct map_layout *l, bool delete)
{
	int fd = p->fd;
	if (l->cpu_slots) {
		for (int c = 0; c < l->nslots; c++) {
			unsigned long long *words = (unsigned long long *)(p->slots + (size_t)c * (size_t)l->slot_stride);
			for (int w = 0; w < l->value_size / 8; w++)
				__atomic_store_n(&words[w], 0, __ATOMIC_RELAXED);
		}
		return 0;
	}
	void *zero = calloc((size_t)copies(l), (size_t)stride(l));
	unsigned char *key = calloc(1, (size_t)l->key_size), *next = calloc(1, (size_t)l->key_size);
	int err = 0;
	if (!zero || !key || !next) {
		err = -ENOMEM;
	} else if (l->keyless) {
		err = bpf_map_update_elem(fd, key, zero, BPF_ANY);
	} else {
		/* A deleted key cannot be the cursor: walk again from the start. */
		void *prev = NULL;
		while (bpf_map_get_next_key(fd, prev, next) == 0) {
			if (delete) {
				bpf_map_delete_elem(fd, next);
				prev = NULL;
			} else {
				bpf_map_update_elem(fd, next, zero, BPF_EXIST);
				memcpy(key, next, (size_t)l->key_size);
				prev = key;
			}
		}
	}
	free(zero);
	free(key);
	free(next);
	return err;
}

int map_clear(struct map_place *p, const struct map_layout *l)
{
	p->cleared = l->keyless;
	return rewrite_all(p, l, true);
}

int map_zero(struct map_place *p, const struct map_layout *l)
{
	p->cleared = false;
	return rewrite_all(p, l, false);
}

