#include <stdlib.h>

#include "../../codegen/map_layout.h"
#include "../../compiler/arena.h"
#include "../../compiler/sema.h"
#include "../../grammar/parse.h"
#include "unit.h"

int unit_passed, unit_failed;

static char captured[16384];

/* Runs the front end on program with diagnostics captured; with
 * dump_ast, the AST is written after them. Returns what was written. */
static const char *run_captured(const char *program, int argc, char **argv, bool dump_ast, int *ok)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_set_stream(out);
	diag_reset();
	struct source src = { .name = "-e", .text = program };
	struct params params = { .argv = argv, .argc = argc };
	struct node *ast = parse_program(&src);
	if (dump_ast) {
		if (ast)
			ast_dump(out, ast, 0);
		else
			fputs("PARSE FAILED\n", out);
	}
	*ok = ast && (dump_ast || sema_run(ast, &params, NULL));
	fclose(out);
	diag_set_stream(NULL);
	snprintf(captured, sizeof(captured), "%s", buf ? buf : "");
	free(buf);
	arena_free_all();
	return captured;
}

const char *front_end(const char *program, int *ok, int argc, char **argv)
{
	return run_captured(program, argc, argv, false, ok);
}

const char *parse_dump(const char *program)
{
	int ok;
	return run_captured(program, 0, NULL, true, &ok);
}

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
	test_lexer();
	test_parser();
	test_diagnostics();
	test_types();
	test_printf_format();
	test_map_layout();
	test_btf_scan();
	printf("unit tests: %d passed, %d failed\n", unit_passed, unit_failed);
	const char *results = getenv("RESULTS_FILE");
	if (results) {
		FILE *f = fopen(results, "a");
		if (f) {
			fprintf(f, "unit %d %d 0\n", unit_passed, unit_failed);
			fclose(f);
		}
	}
	return unit_failed ? 1 : 0;
}
