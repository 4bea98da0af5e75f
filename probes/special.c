/* BEGIN and END (begin and end, as current bpftrace writes them): run
 * once, by the runtime, through BPF_PROG_TEST_RUN of a raw tracepoint
 * program, before the other probes attach and after they detach. A script
 * may have several of each: they run in the order they are written.
 * self:signal:SIGUSR1 runs the same way each time lantern gets SIGUSR1
 * (the one signal bpftrace takes there). */
#include <string.h>
#include <strings.h>

#include "provider.h"

static int special_expand(const char *spec, struct loc loc, struct attach_list *out, const struct provider *p)
{
	if (strcasecmp(spec, p->name)) {
		diag_error(loc, "%s takes no arguments", p->name);
		return -1;
	}
	attach_list_push(out, attach_point_new(p, spec, loc)); /* named as written */
	return 0;
}

static int begin_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return special_expand(spec, loc, out, &provider_begin);
}

static int end_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	return special_expand(spec, loc, out, &provider_end);
}

const struct provider provider_begin = {
	.name = "BEGIN",
	.alias = "begin",
	.special = SPECIAL_BEGIN,
	.expand = begin_expand,
	.section = "raw_tp",
};

const struct provider provider_end = {
	.name = "END",
	.alias = "end",
	.special = SPECIAL_END,
	.expand = end_expand,
	.section = "raw_tp",
};

static int self_expand(const char *spec, struct loc loc, struct attach_list *out)
{
	const char *rest = strchr(spec, ':');
	if (!rest || strncmp(rest + 1, "signal:", 7)) {
		diag_error(loc, "self probes are self:signal:SIGUSR1, not '%s'", spec);
		return -1;
	}
	const char *sig = rest + 8;
	if (strcmp(sig, "SIGUSR1") && strcmp(sig, "USR1")) {
		diag_error(loc, "self:signal takes SIGUSR1 alone, not '%s'", sig);
		return -1;
	}
	attach_list_push(out, attach_point_new(&provider_self, "self:signal:SIGUSR1", loc));
	return 0;
}

const struct provider provider_self = {
	.name = "self",
	.special = SPECIAL_SIGNAL,
	.expand = self_expand,
	.section = "raw_tp",
};
