/* What attaching shares: the list of links, and perf events. Back-end
 * code only (libbpf). */
#ifndef LANTERN_FRONT_END_ONLY
#include "provider.h"
#include "target.h"

#include <dirent.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/libbpf.h>

static int push(struct link_list *list, struct link entry)
{
	if (list->n == list->cap) {
		int cap = list->cap ? list->cap * 2 : 16;
		void *items = realloc(list->items, sizeof(*list->items) * (size_t)cap);
		if (!items)
			return -ENOMEM;
		list->items = items;
		list->cap = cap;
	}
	list->items[list->n++] = entry;
	return 0;
}

int link_list_push(struct link_list *list, struct bpf_link *link)
{
	int err = push(list, (struct link){ .link = link, .fd = -1 });
	if (err)
		bpf_link__destroy(link);
	return err;
}

int link_list_push_fd(struct link_list *list, int fd)
{
	int err = push(list, (struct link){ .link = NULL, .fd = fd });
	if (err)
		close(fd);
	return err;
}

static void destroy_link(struct link *l)
{
	if (l->link)
		bpf_link__destroy(l->link);
	else if (l->fd >= 0)
		close(l->fd);
}

void link_list_truncate(struct link_list *list, int n)
{
	while (list->n > n)
		destroy_link(&list->items[--list->n]);
}

void link_list_destroy_range(struct link_list *list, int from, int to)
{
	for (int i = from; i < to && i < list->n; i++) {
		destroy_link(&list->items[i]);
		list->items[i] = (struct link){ .link = NULL, .fd = -1 };
	}
}

struct destroy_slice {
	struct link *links;
	int n;
};

static void *destroy_slice(void *arg)
{
	struct destroy_slice *s = arg;
	for (int i = 0; i < s->n; i++)
		destroy_link(&s->links[i]);
	return NULL;
}

/* Closing a tracepoint's perf event waits for RCU grace periods (35-70 ms
 * here), mostly under a kernel mutex. Closed from several threads, part of
 * the waiting overlaps: 360 tracepoints detached in ~17 s instead of ~27. */
#define DETACH_THREADS 64

void link_list_destroy(struct link_list *list)
{
	int nthreads = list->n < DETACH_THREADS ? list->n : DETACH_THREADS;
	pthread_t threads[DETACH_THREADS];
	struct destroy_slice slices[DETACH_THREADS];
	int started = 0, done = 0;
	for (int t = 0; t < nthreads; t++) {
		int n = (list->n - done) / (nthreads - t);
		slices[t] = (struct destroy_slice){ list->items + done, n };
		done += n;
		if (nthreads > 1 && pthread_create(&threads[started], NULL, destroy_slice, &slices[t]) == 0)
			started++;
		else
			destroy_slice(&slices[t]);
	}
	for (int t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(list->items);
	*list = (struct link_list){ 0 };
}

static int perf_open_attach(struct bpf_program *prog, struct perf_event_attr *attr, int pid, int cpu,
			    unsigned long long cookie, struct link_list *links)
{
	int fd = (int)syscall(__NR_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	LIBBPF_OPTS(bpf_perf_event_opts, opts, .bpf_cookie = cookie);
	struct bpf_link *link = bpf_program__attach_perf_event_opts(prog, fd, &opts);
	if (!link) {
		int err = -errno;
		close(fd);
		return err;
	}
	/* The link owns the perf event fd from here on. */
	return link_list_push(links, link);
}

int perf_attach(struct bpf_program *prog, struct perf_event_attr *attr, int cpu, unsigned long long cookie,
		struct link_list *links)
{
	return perf_open_attach(prog, attr, -1, cpu, cookie, links);
}

int perf_attach_task(struct bpf_program *prog, struct perf_event_attr *attr, int tid, unsigned long long cookie,
		     struct link_list *links)
{
	return perf_open_attach(prog, attr, tid, -1, cookie, links);
}

int perf_attach_process(struct bpf_program *prog, struct perf_event_attr *attr, int pid, unsigned long long cookie,
			struct link_list *links)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *d = opendir(path);
	if (!d)
		return -errno;
	int err = 0, attached = 0;
	struct dirent *e;
	while (!err && (e = readdir(d))) {
		int tid = atoi(e->d_name);
		if (tid <= 0)
			continue;
		err = perf_attach_task(prog, attr, tid, cookie, links);
		if (err == -ESRCH) /* it ended meanwhile */
			err = 0;
		else
			attached += !err;
	}
	closedir(d);
	return err ? err : attached ? 0 : -ESRCH;
}

int perf_attach_target_or_cpus(struct bpf_program *prog, struct perf_event_attr *attr, unsigned long long cookie,
				struct link_list *links)
{
	const struct target *t = target_get();
	if (t->pid > 0 && !t->is_command) {
		attr->inherit = 1;
		return perf_attach_process(prog, attr, t->pid, cookie, links);
	}
	return perf_attach_online_cpus(prog, attr, cookie, links);
}

int perf_attach_online_cpus(struct bpf_program *prog, struct perf_event_attr *attr, unsigned long long cookie,
			    struct link_list *links)
{
	/* The online list reads like "0-3,8,10-11". */
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	if (!f)
		return -errno;
	int err = 0, first, last;
	char sep;
	while (!err && fscanf(f, "%d", &first) == 1) {
		last = first;
		if (fscanf(f, "%c", &sep) == 1 && sep == '-' && fscanf(f, "%d%c", &last, &sep) < 1)
			break;
		for (int cpu = first; cpu <= last && !err; cpu++)
			err = perf_attach(prog, attr, cpu, cookie, links);
		if (sep != ',')
			break;
	}
	fclose(f);
	return err;
}
#endif
