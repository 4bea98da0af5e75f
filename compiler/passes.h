/* The semantic passes, each in its own file, run in this order by
 * sema.c (which lists them in a table, so -d can show the AST after any):
 *
 *   config      the settings: config block, environment   pass_config.c
 *   macro       macro calls replaced by their bodies       pass_macro.c
 *   config_values config().max_strlen: the setting's literal pass_config_values.c
 *   unreachable what follows exit(), return... dropped      pass_unreachable.c
 *   agg_blocks  @m = { ...; count() }: aggregates at the map pass_agg_blocks.c
 *   positional  $1, $# replaced by literals              pass_positional.c
 *   named       getopt() replaced by the option's value    pass_named.c
 *   cdefs       C definitions read; their constants literals pass_cdefs.c
 *   expand      one typed copy of a probe per attach point pass_expand.c
 *   context     args.name resolved by the probe's provider pass_context.c
 *   types       types of expressions and maps, to a fixpoint pass_types.c
 *   decls       map declarations given to their maps      pass_decls.c
 *   share       expanded probes that can run one program   pass_share.c
 *   limits      max_probes, max_bpf_progs                  pass_limits.c
 *   events      calls that send events get their records  pass_events.c
 *
 * A pass reports located errors and returns 0, or -1 to stop. */
#ifndef LANTERN_PASSES_H
#define LANTERN_PASSES_H
#include "program.h"

/* Runs check on every instance; -1 if any failed. A wildcard can expand
 * one probe a thousand times: once an instance of a probe fails, the
 * probe's other instances are skipped, so its errors are reported once. */
int passes_each_instance(struct program *p, bool (*check)(struct program *p, struct probe_instance *inst));
/* Calls visit on each probe of the AST (before expansion), which may
 * replace what it is given. */
void passes_rewrite_probes(struct program *p, void (*visit)(struct node **slot, void *ctx));

int pass_config(struct program *p);
int pass_macro(struct program *p);
int pass_config_values(struct program *p);
int pass_unreachable(struct program *p);
int pass_agg_blocks(struct program *p);
int pass_positional(struct program *p);
int pass_named(struct program *p);
int pass_cdefs(struct program *p);
int pass_expand(struct program *p);
int pass_context(struct program *p);
int pass_types(struct program *p);
int pass_decls(struct program *p);
int pass_share(struct program *p);
int pass_limits(struct program *p);
int pass_events(struct program *p);

#endif
