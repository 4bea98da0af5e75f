#include "bpf_image.h"

#include "../compiler/arena.h"

const char *map_global_name(const struct map_info *m)
{
	/* "@start" -> "AT_start"; "@" -> "AT_" */
	return arena_printf("AT_%s", m->name + 1);
}
