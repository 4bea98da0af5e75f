/* Values the kernel records as data and userspace shows as text when it
 * prints them (TY_RESOLVED), as bpftrace resolves them: strftime()'s
 * timestamps in local time, usernames from /etc/passwd, buffers with
 * their unprintable bytes escaped, addresses as inet_ntop writes them,
 * cgroup ids as their paths in the mounted hierarchies. */
#include "output.h"

#include <arpa/inet.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static unsigned long long word(const void *data, int i)
{
	unsigned long long v;
	memcpy(&v, (const unsigned char *)data + 8 * i, 8);
	return v;
}

static unsigned long long clock_ns(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

/* How far the wall clock is ahead of nsecs's clock (builtin.h's
 * nsecs_clock: boot, monotonic; TAI counts from the epoch already, as
 * bpftrace takes it), measured once, as bpftrace measures its boot time
 * once. */
unsigned long long output_wall_clock_offset(unsigned clock)
{
	static unsigned long long offsets[2];
	if (clock >= 2)
		return 0;
	if (!offsets[clock])
		offsets[clock] = clock_ns(CLOCK_REALTIME) - clock_ns(clock ? CLOCK_MONOTONIC : CLOCK_BOOTTIME);
	return offsets[clock];
}

/* fmt with bpftrace's extensions replaced by the fraction of the second:
 * %f microseconds, %k nanoseconds, %l milliseconds. */
static char *with_fraction(const char *fmt, unsigned long long frac_ns)
{
	char *out = malloc(strlen(fmt) * 4 + 1), *o = out;
	if (!out)
		return NULL;
	for (const char *f = fmt; *f; f++) {
		if (f[0] == '%' && (f[1] == 'f' || f[1] == 'k' || f[1] == 'l')) {
			if (f[1] == 'f')
				o += sprintf(o, "%06llu", frac_ns / 1000);
			else if (f[1] == 'k')
				o += sprintf(o, "%09llu", frac_ns);
			else
				o += sprintf(o, "%03llu", frac_ns / 1000000);
			f++;
			continue;
		}
		*o++ = *f;
	}
	*o = 0;
	return out;
}

void output_write_time(FILE *out, const char *fmt, unsigned long long wall_ns)
{
	time_t secs = (time_t)(wall_ns / 1000000000ULL);
	struct tm tm;
	char text[1024];
	char *f = with_fraction(fmt, wall_ns % 1000000000ULL);
	size_t n = secs && f && localtime_r(&secs, &tm) ? strftime(text, sizeof(text), f, &tm) : 0;
	free(f);
	if (!n) { /* as bpftrace: nothing to show */
		fputs("(?)", out);
		return;
	}
	fwrite(text, 1, n, out);
}

unsigned long long output_wall_clock_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

/* The first name /etc/passwd gives uid, or "" (bpftrace's answer too);
 * the last few answers are kept: a map of uids prints many. */
static const char *user_name(unsigned long long uid)
{
	enum { KEPT = 16 };
	static struct {
		unsigned long long uid;
		char name[64];
		bool used;
	} kept[KEPT];
	static int next;
	for (int i = 0; i < KEPT; i++)
		if (kept[i].used && kept[i].uid == uid)
			return kept[i].name;
	char name[64] = "";
	FILE *f = fopen("/etc/passwd", "r");
	char line[1024];
	while (f && fgets(line, sizeof(line), f)) {
		char *user = line, *rest = strchr(line, ':');
		if (!rest)
			continue;
		*rest++ = 0;
		char *id = strchr(rest, ':');
		if (!id)
			continue;
		char *end;
		unsigned long long v = strtoull(id + 1, &end, 10);
		if (end != id + 1 && *end == ':' && v == uid) {
			size_t len = strnlen(user, sizeof(name) - 1);
			memcpy(name, user, len);
			name[len] = 0;
			break;
		}
	}
	if (f)
		fclose(f);
	int i = next++ % KEPT;
	kept[i].uid = uid;
	kept[i].used = true;
	memcpy(kept[i].name, name, sizeof(name));
	return kept[i].name;
}

void output_write_buffer(FILE *out, const void *data, int style)
{
	const unsigned char *b = (const unsigned char *)data + BUFFER_HEADER;
	unsigned long long n = word(data, 0);
	for (unsigned long long i = 0; i < n; i++) {
		if (style == 'h')
			fprintf(out, i + 1 < n ? "%02x " : "%02x", b[i]);
		else if (!style && b[i] >= 32 && b[i] <= 126)
			fputc(b[i], out);
		else
			fprintf(out, "\\x%02x", b[i]);
	}
}

/* name matches pattern, whose '*' match any characters (bpftrace's
 * wildcards have no other). */
static bool wildcard_match(const char *pattern, const char *name)
{
	if (!*pattern)
		return !*name;
	if (*pattern == '*')
		return wildcard_match(pattern + 1, name) || (*name && wildcard_match(pattern, name + 1));
	return *name == *pattern && wildcard_match(pattern + 1, name + 1);
}

/* The directory under root whose inode is the cgroup id, found by a walk
 * of the hierarchy; the last answers are kept (and checked again). */
static unsigned long long wanted_inode;
static char found_path[4096];

static int match_inode(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag != FTW_D || st->st_ino != wanted_inode)
		return 0;
	snprintf(found_path, sizeof(found_path), "%s", path);
	return 1;
}

static const char *cgroup_dir(const char *root, unsigned long long id, char *out, size_t size)
{
	enum { KEPT = 16 };
	static struct {
		unsigned long long id;
		char root[256], path[4096];
	} kept[KEPT];
	static int next;
	struct stat st;
	for (int i = 0; i < KEPT; i++)
		if (kept[i].id == id && !strcmp(kept[i].root, root) && !stat(kept[i].path, &st) && st.st_ino == id)
			return snprintf(out, size, "%s", kept[i].path + strlen(root)), out;
	wanted_inode = id;
	found_path[0] = 0;
	if (nftw(root, match_inode, 16, FTW_PHYS | FTW_MOUNT) != 1)
		return NULL;
	int i = next++ % KEPT;
	kept[i].id = id;
	snprintf(kept[i].root, sizeof(kept[i].root), "%s", root);
	snprintf(kept[i].path, sizeof(kept[i].path), "%s", found_path);
	snprintf(out, size, "%s", found_path + strlen(root));
	return out;
}

/* A cgroup v1 hierarchy's name: its mount directory's */
static const char *hierarchy_name(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	return slash ? slash + 1 : dir;
}

static int by_hierarchy_name(const void *a, const void *b)
{
	return strcmp(hierarchy_name(a), hierarchy_name(b));
}

/* ",name:path" (no comma first) if the hierarchy at dir has the cgroup */
static void write_in_hierarchy(FILE *out, const char *name, const char *dir, unsigned long long id, bool *first)
{
	char path[4096];
	if (!cgroup_dir(dir, id, path, sizeof(path)))
		return;
	fprintf(out, "%s%s:%s", *first ? "" : ",", name, path[0] ? path : "/");
	*first = false;
}

/* As bpftrace: "hierarchy:path" for each mounted hierarchy whose name
 * (cgroup v2's is "unified", v1's its mount directory's) matches the
 * filter and that has the cgroup, v2 first, then v1 by name, joined by
 * commas. The root cgroup is "/". */
static void write_cgroup_path(FILE *out, unsigned long long id, const char *filter)
{
	enum { MAX_V1 = 32 };
	FILE *mounts = fopen("/proc/mounts", "r");
	char line[4096], v1[MAX_V1][512];
	int nv1 = 0;
	bool first = true;
	while (mounts && fgets(line, sizeof(line), mounts)) {
		char type[32], dir[512];
		if (sscanf(line, "%*s %511s %31s", dir, type) != 2)
			continue;
		bool is_v2 = !strcmp(type, "cgroup2");
		if (!is_v2 && strcmp(type, "cgroup"))
			continue;
		if (!wildcard_match(filter, is_v2 ? "unified" : hierarchy_name(dir)))
			continue;
		if (is_v2)
			write_in_hierarchy(out, "unified", dir, id, &first);
		else if (nv1 < MAX_V1)
			snprintf(v1[nv1++], sizeof(v1[0]), "%s", dir);
	}
	if (mounts)
		fclose(mounts);
	qsort(v1, (size_t)nv1, sizeof(v1[0]), by_hierarchy_name);
	for (int i = 0; i < nv1; i++)
		write_in_hierarchy(out, hierarchy_name(v1[i]), v1[i], id, &first);
}

void output_write_resolved(FILE *out, const struct program *p, const struct type *t, const void *data)
{
	switch (t->resolved) {
	case RESOLVED_TIMESTAMP: {
		unsigned long long id = word(data, 0) & 0xffffffff;
		const char *fmt = id < (unsigned long long)p->ntime_formats ? p->time_formats[id] : "";
		output_write_time(out, fmt, word(data, 1) + output_wall_clock_offset((unsigned)(word(data, 0) >> 32)));
		return;
	}
	case RESOLVED_USERNAME:
		fputs(user_name(word(data, 0)), out);
		return;
	case RESOLVED_BUFFER:
		output_write_buffer(out, data, 0);
		return;
	case RESOLVED_KSTACK:
	case RESOLVED_USTACK:
		output_write_stack(out, p, t, data);
		return;
	case RESOLVED_KSYM:
	case RESOLVED_USYM:
		output_write_symbol(out, p, t, data);
		return;
	case RESOLVED_INET: { /* an unknown family prints nothing, as bpftrace */
		char text[INET6_ADDRSTRLEN];
		int af = (int)word(data, 0);
		if ((af == AF_INET || af == AF_INET6) && inet_ntop(af, (const char *)data + 8, text, sizeof(text)))
			fputs(text, out);
		return;
	}
	case RESOLVED_MACADDR: {
		const unsigned char *m = data;
		fprintf(out, "%02X:%02X:%02X:%02X:%02X:%02X", m[0], m[1], m[2], m[3], m[4], m[5]);
		return;
	}
	case RESOLVED_CGROUP_PATH: {
		unsigned long long id = word(data, 1);
		write_cgroup_path(out, word(data, 0), id < (unsigned long long)p->ncgroup_filters ? p->cgroup_filters[id] : "*");
		return;
	}
	}
}

int output_compare_resolved(const struct type *t, const void *a, const void *b)
{
	if (t->resolved == RESOLVED_BUFFER || t->resolved == RESOLVED_KSTACK || t->resolved == RESOLVED_USTACK ||
	    t->resolved == RESOLVED_INET || t->resolved == RESOLVED_MACADDR || t->resolved == RESOLVED_CGROUP_PATH)
		return memcmp(a, b, (size_t)t->size);
	int w = t->resolved == RESOLVED_TIMESTAMP; /* by time, then format */
	unsigned long long x = word(a, w), y = word(b, w);
	if (x == y && w)
		x = word(a, 0), y = word(b, 0);
	return x < y ? -1 : x > y;
}
