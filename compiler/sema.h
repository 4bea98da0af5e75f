/* The semantic passes, in order: positional parameters are substituted,
 * attach points expanded (one typed copy of the probe per attach point),
 * and everything type checked. */
#ifndef LANTERN_SEMA_H
#define LANTERN_SEMA_H
#include "program.h"

struct params {
	char **argv; /* $1 is argv[0] */
	int argc;
};

/* NULL after reporting errors. */
struct program *sema_run(struct node *ast, const struct params *params);

bool check_probe(struct program *prog, struct probe_instance *inst, bool final);
int positional_substitute(struct node *ast, const struct params *params);

#endif
