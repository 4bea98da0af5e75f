#include "events.h"

#include <string.h>

#include "maps.h"
#include "print_map.h"

static void print_formatted(struct event_state *st, const struct async_call *a, const unsigned char *rec)
{
	const struct printf_format *f = &a->fmt;
	int arg = 0;
	for (int i = 0; i < f->nsegs; i++) {
		const struct printf_segment *seg = &f->segs[i];
		fwrite(seg->literal, 1, (size_t)seg->literal_len, st->out);
		if (!seg->has_conv)
			continue;
		const struct async_arg *x = &a->args[arg++];
		const unsigned char *data = rec + x->offset;
		if (x->type.kind == TY_STR) {
			char buf[x->type.size + 1];
			memcpy(buf, data, (size_t)x->type.size);
			buf[x->type.size] = 0;
			printf_format_str(st->out, seg, buf);
		} else if (x->type.kind == TY_PROBE) {
			unsigned long long id;
			memcpy(&id, data, 8);
			printf_format_str(st->out, seg, id < (unsigned long long)st->prog->nprobes ? st->prog->probes[id].ap->name : "?");
		} else {
			long long v;
			memcpy(&v, data, 8);
			printf_format_int(st->out, seg, v);
		}
	}
}

void event_print_map(struct event_state *st, int map_id, long long top, long long div)
{
	const struct map_info *m = st->prog->maps[map_id];
	struct map_snapshot s;
	if (map_snapshot_read(&st->places[map_id], m, &st->layouts[map_id], &s) == 0) {
		map_snapshot_sort(&s);
		print_map(st->out, st->prog, &s, top, div);
	}
	map_snapshot_free(&s);
}

int event_handle(void *ctx, void *data, size_t size)
{
	struct event_state *st = ctx;
	unsigned long long id;
	if (size < 8)
		return 0;
	memcpy(&id, data, 8);
	if (id >= (unsigned long long)st->prog->nasyncs)
		return 0;
	const struct async_call *a = st->prog->asyncs[id];
	if ((size_t)a->size > size)
		return 0;
	const unsigned char *rec = data;
	switch (a->kind) {
	case ASYNC_PRINTF:
		print_formatted(st, a, rec);
		break;
	case ASYNC_PRINT_VALUE:
		print_value(st->out, st->prog, &a->args[0].type, rec + a->args[0].offset);
		fputc('\n', st->out);
		break;
	case ASYNC_EXIT:
		if (!st->exit_requested)
			memcpy(&st->exit_code, rec + a->args[0].offset, sizeof(int));
		st->exit_requested = true;
		break;
	case ASYNC_PRINT_MAP:
		event_print_map(st, a->map->id, a->top, a->div);
		break;
	case ASYNC_CLEAR:
		map_clear(&st->places[a->map->id], &st->layouts[a->map->id]);
		break;
	case ASYNC_ZERO:
		map_zero(&st->places[a->map->id], &st->layouts[a->map->id]);
		break;
	}
	return 0;
}
