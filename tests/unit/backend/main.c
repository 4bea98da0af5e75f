/* The back end's unit tests (no kernel needed); they link libbpf. */
#include <stdlib.h>

#include "../../../codegen/map_layout.h"
#include "../../../compiler/arena.h"
#include "../../../compiler/sema.h"
#include "../../../grammar/parse.h"
#include "unit_backend.h"

int map_layout_of(const char *program, const char *map_name, const struct layout_options *o, struct map_layout *out)
{
	FILE *quiet = fopen("/dev/null", "w");
	diag_set_stream(quiet);
	diag_reset();
	struct source src = { .name = "-e", .text = program };
	struct params params = { 0 };
	struct node *ast = parse_program(&src);
	struct program *p = ast ? sema_run(ast, &params, NULL) : NULL;
	int found = -1;
	struct map_layout *all = p ? calloc((size_t)p->nmaps + 1, sizeof(*all)) : NULL;
	for (int i = 0; all && i < p->nmaps; i++)
		map_layout_choose(p->maps[i], o, &all[i]);
	if (all)
		map_layout_place_slots(all, p->nmaps);
	for (int i = 0; all && i < p->nmaps; i++)
		if (!strcmp(p->maps[i]->name, map_name)) {
			*out = all[i];
			found = i;
		}
	free(all);
	diag_set_stream(NULL);
	if (quiet)
		fclose(quiet);
	arena_free_all();
	return found;
}

int task_local(const char *program, const char *map_name)
{
	struct layout_options o = { .task_storage = true };
	struct map_layout l;
	return map_layout_of(program, map_name, &o, &l) < 0 ? -1 : l.task_local;
}

int main(void)
{
	test_map_layout();
	test_btf_scan();
	test_btf_types();
	return unit_report("unit_backend");
}
