/* The limits pass: a wildcard can expand to more attach points, and so
 * programs, than a machine should take; past max_probes attach points or
 * max_bpf_progs programs (after the share pass: instances that share a
 * program count once) the script is refused, at the probe that went
 * over, as bpftrace does. */
#include "../probes/provider.h"
#include "config.h"
#include "passes.h"

static int over(const struct probe_instance *inst, const char *what, long long limit, const char *setting,
		const char *env)
{
	diag_error(inst->source->loc, "with this probe the script needs more than %lld %s (%s); set %s in a "
				      "config block or %s to raise the limit",
		   limit, what, setting, setting, env);
	return -1;
}

int pass_limits(struct program *p)
{
	long long max_probes = config_int(CONFIG_MAX_PROBES), max_progs = config_int(CONFIG_MAX_BPF_PROGS);
	long long probes = 0, programs = 0;
	for (int i = 0; i < p->nprobes; i++) {
		const struct probe_instance *inst = &p->probes[i];
		if (!inst->ap->provider->special && ++probes > max_probes)
			return over(inst, "attach points", max_probes, "max_probes", "BPFTRACE_MAX_PROBES");
		if (inst->program == inst->id && ++programs > max_progs)
			return over(inst, "BPF programs", max_progs, "max_bpf_progs", "BPFTRACE_MAX_BPF_PROGS");
	}
	return 0;
}
