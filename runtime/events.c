#include "events.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "maps.h"

void event_print_map(struct event_state *st, int map_id, long long top, long long div)
{
	const struct map_info *m = st->prog->maps[map_id];
	struct map_snapshot s;
	if (map_snapshot_read(&st->places[map_id], m, &st->layouts[map_id], &s) == 0) {
		map_snapshot_sort(&s);
		st->out->ops->map(st->out, &s, top, div);
	}
	map_snapshot_free(&s);
}

unsigned long long monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

static void handle_record(struct event_state *st, void *data, size_t size)
{
	unsigned long long id;
	if (st->after_exit)
		return;
	if (st->deadline_ns && monotonic_ns() > st->deadline_ns) {
		st->late++;
		return;
	}
	if (size < 8)
		return;
	memcpy(&id, data, 8);
	if (id >= (unsigned long long)st->prog->nasyncs)
		return;
	const struct async_call *a = st->prog->asyncs[id];
	if ((size_t)a->size > size)
		return;
	const unsigned char *rec = data;
	switch (a->kind) {
	case ASYNC_NONE:
		break;
	case ASYNC_PRINTF:
		if (!a->located) {
			st->out->ops->printf_event(st->out, a, rec);
			break;
		}
		/* errorf, warnf, assert: on stderr, whatever the output format */
		fflush(st->out->out);
		fputs(a->located, st->out->err);
		output_write_printf(st->out->err, st->prog, a, rec);
		fputc('\n', st->out->err);
		if (a->context)
			fputs(a->context, st->out->err);
		st->errors += a->error;
		if (a->exit_code >= 0 && !st->exit_requested) { /* assert, as exit(1) */
			st->exit_code = a->exit_code;
			st->exit_requested = true;
			st->after_exit = true;
		}
		break;
	case ASYNC_PRINT_VALUE:
		st->out->ops->value(st->out, a->args[0].type, rec + a->args[0].offset);
		break;
	case ASYNC_EXIT:
		if (!st->exit_requested)
			memcpy(&st->exit_code, rec + a->args[0].offset, sizeof(int));
		st->exit_requested = true;
		st->after_exit = true;
		break;
	case ASYNC_PRINT_MAP:
		event_print_map(st, a->map->id, a->top, a->div);
		break;
	case ASYNC_UNWATCH: {
		unsigned long long addr;
		memcpy(&addr, rec + a->args[0].offset, sizeof(addr));
		if (st->unwatch)
			st->unwatch(st->unwatch_ctx, addr);
		break;
	}
	case ASYNC_CLEAR:
		map_clear(&st->places[a->map->id], &st->layouts[a->map->id]);
		break;
	case ASYNC_ZERO:
		map_zero(&st->places[a->map->id], &st->layouts[a->map->id]);
		break;
	case ASYNC_CAT:
		event_cat(st, a, rec);
		break;
	case ASYNC_SYSTEM:
		event_system(st, a, rec);
		break;
	case ASYNC_JOIN:
		event_join(st, a, rec);
		break;
	case ASYNC_HELPER_ERROR: {
		long long ret;
		memcpy(&ret, rec + ASYNC_HEADER_SIZE, 8);
		st->out->ops->helper_error(st->out, a, ret);
		break;
	}
	case ASYNC_TIME: { /* the time now, when the event is handled, as bpftrace */
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		output_write_time(f, a->time_format, output_wall_clock_ns());
		fclose(f);
		st->out->ops->time(st->out, text ? text : "");
		free(text);
		break;
	}
	}
}

/* libbpf has moved past a record before it hands it over: a record it is
 * given is handled whatever happens. A stop signal then ends consuming
 * after it, so the signal is acted on at once whatever the load, and no
 * record is skipped (the drain takes the rest). */
int event_handle(void *ctx, void *data, size_t size)
{
	struct event_state *st = ctx;
	handle_record(st, data, size);
	return *st->stop && !st->draining ? -EINTR : 0;
}
