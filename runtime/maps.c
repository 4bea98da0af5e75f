#include "maps.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static int possible_cpus(void)
{
	static int n;
	if (!n)
		n = libbpf_num_possible_cpus();
	return n > 0 ? n : 1;
}

static int stride(const struct map_layout *l)
{
	return (l->value_size + 7) & ~7;
}

/* Folds the per-CPU copies of one value into out. */
static void combine(const struct map_info *m, const struct map_layout *l, const unsigned long long *percpu,
		    unsigned long long *out)
{
	int words = l->value_size / 8, cpus = l->percpu ? possible_cpus() : 1;
	int step = stride(l) / 8;
	memset(out, 0, (size_t)l->value_size);
	bool minmax = m->value.agg == AGG_MIN || m->value.agg == AGG_MAX;
	for (int c = 0; c < cpus; c++) {
		const unsigned long long *v = percpu + (size_t)c * (size_t)step;
		if (!minmax) {
			for (int w = 0; w < words; w++)
				out[w] += v[w];
			continue;
		}
		if (!v[1])
			continue;
		long long a = (long long)v[0], b = (long long)out[0];
		bool better;
		if (m->value.is_signed)
			better = m->value.agg == AGG_MIN ? a < b : a > b;
		else
			better = m->value.agg == AGG_MIN ? v[0] < out[0] : v[0] > out[0];
		if (!out[1] || better) {
			out[0] = v[0];
			out[1] = 1;
		}
	}
}

/* Key-less aggregates live in arrays that always have their element; an
 * element that never saw data is not printed (count and sum print 0, as
 * bpftrace does). */
static bool has_data(const struct map_info *m, const struct map_layout *l, const unsigned long long *v)
{
	switch (m->value.agg) {
	case AGG_COUNT:
	case AGG_SUM:
		return true;
	case AGG_MIN:
	case AGG_MAX:
		return v[1] != 0;
	case AGG_AVG:
	case AGG_STATS:
		return v[0] != 0;
	default:
		for (int i = 0; i < l->nbuckets; i++)
			if (v[i])
				return true;
		return false;
	}
}

int map_snapshot_read(int fd, const struct map_info *m, const struct map_layout *l, struct map_snapshot *out)
{
	*out = (struct map_snapshot){ .m = m, .l = l };
	int cpus = l->percpu ? possible_cpus() : 1;
	size_t raw_size = (size_t)stride(l) * (size_t)cpus;
	unsigned long long *raw = malloc(raw_size);
	unsigned char *key = calloc(1, (size_t)l->key_size), *next = calloc(1, (size_t)l->key_size);
	int cap = l->keyless ? 1 : 64;
	out->keys = malloc((size_t)cap * (size_t)l->key_size);
	out->values = malloc((size_t)cap * (size_t)l->value_size);
	if (!raw || !key || !next || !out->keys || !out->values) {
		free(raw), free(key), free(next);
		return -ENOMEM;
	}
	void *prev = NULL;
	int err = 0;
	while (!l->keyless ? bpf_map_get_next_key(fd, prev, next) == 0 : out->n == 0) {
		if (l->keyless)
			memset(next, 0, (size_t)l->key_size);
		prev = key;
		memcpy(key, next, (size_t)l->key_size);
		if (bpf_map_lookup_elem(fd, key, raw))
			continue; /* deleted meanwhile */
		if (out->n == cap) {
			cap *= 2;
			void *k = realloc(out->keys, (size_t)cap * (size_t)l->key_size);
			void *v = k ? realloc(out->values, (size_t)cap * (size_t)l->value_size) : NULL;
			if (k)
				out->keys = k;
			if (!v) {
				err = -ENOMEM;
				break;
			}
			out->values = v;
		}
		unsigned long long *value = out->values + (size_t)out->n * (size_t)(l->value_size / 8);
		combine(m, l, raw, value);
		if (l->keyless && m->value.kind == TY_AGG && !has_data(m, l, value))
			break;
		memcpy(out->keys + (size_t)out->n * (size_t)l->key_size, key, (size_t)l->key_size);
		out->n++;
	}
	free(raw);
	free(key);
	free(next);
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
	if (m->value.kind != TY_AGG)
		return (long long)v[0];
	switch (m->value.agg) {
	case AGG_AVG:
	case AGG_STATS:
		if (!v[0])
			return 0;
		return m->value.is_signed ? (long long)v[1] / (long long)v[0] : (long long)(v[1] / v[0]);
	default:
		return (long long)v[0];
	}
}

static const struct map_snapshot *sorting;

static int compare_keys(const unsigned char *a, const unsigned char *b)
{
	const struct map_info *m = sorting->m;
	for (int i = 0; i < m->nkeys; i++) {
		int off = sorting->l->key_offsets[i];
		if (m->keys[i].kind == TY_STR) {
			int c = strncmp((const char *)a + off, (const char *)b + off, (size_t)m->keys[i].size);
			if (c)
				return c;
			continue;
		}
		unsigned long long x, y;
		memcpy(&x, a + off, 8);
		memcpy(&y, b + off, 8);
		if (x == y)
			continue;
		if (m->keys[i].is_signed)
			return (long long)x < (long long)y ? -1 : 1;
		return x < y ? -1 : 1;
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

static int compare_entries(const void *pa, const void *pb)
{
	const struct map_entry *a = pa, *b = pb;
	const struct map_info *m = sorting->m;
	if (m->value.kind == TY_INT || m->value.kind == TY_AGG) {
		bool hist = m->value.agg == AGG_HIST || m->value.agg == AGG_LHIST;
		if (hist) {
			unsigned long long x = total_count(sorting, a->value), y = total_count(sorting, b->value);
			if (x != y)
				return x < y ? -1 : 1;
		} else {
			long long x = map_value_number(m, a->value), y = map_value_number(m, b->value);
			bool is_signed = m->value.is_signed && m->value.agg != AGG_COUNT;
			if (x != y) {
				if (is_signed)
					return x < y ? -1 : 1;
				return (unsigned long long)x < (unsigned long long)y ? -1 : 1;
			}
		}
	}
	return compare_keys(a->key, b->key);
}

void map_snapshot_sort(struct map_snapshot *s)
{
	sorting = s;
	qsort(s->entries, (size_t)s->n, sizeof(*s->entries), compare_entries);
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
static int rewrite_all(int fd, const struct map_layout *l, bool delete)
{
	int cpus = l->percpu ? possible_cpus() : 1;
	void *zero = calloc((size_t)cpus, (size_t)stride(l));
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

int map_clear(int fd, const struct map_layout *l)
{
	return rewrite_all(fd, l, true);
}

int map_zero(int fd, const struct map_layout *l)
{
	return rewrite_all(fd, l, false);
}
