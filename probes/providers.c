/* The provider table and what all providers share. */
#include "provider.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../compiler/arena.h"
#include "../compiler/config.h"

static const struct provider *const providers[] = {
	&provider_begin, &provider_end, &provider_self, &provider_tracepoint,
	&provider_interval, &provider_profile, &provider_rawtracepoint,
	&provider_uprobe, &provider_uretprobe, &provider_software, &provider_hardware,
	&provider_watchpoint, &provider_usdt, &provider_kprobe, &provider_kretprobe,
	&provider_fentry, &provider_fexit, &provider_test, &provider_bench, &provider_iter,
};

/* Probe types bpftrace has that lantern does not yet: named so the user is
 * told "not supported yet" rather than "unknown". */
static const char *const later_types[] = {
	"asyncwatchpoint", "aw",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool names_type(const char *name, const char *type, size_t len)
{
	return name && strlen(name) == len && !strncmp(type, name, len);
}

static bool names_type_any_case(const char *name, const char *type, size_t len)
{
	return name && strlen(name) == len && !strncasecmp(type, name, len);
}

/* The provider of probe type type[0..len), by name, alias or old name, or
 * NULL; as written first (U is usdt, u uprobe), then in any case
 * (INTERVAL:, End), as bpftrace 0.24 on. */
static const struct provider *find_provider(const char *type, size_t len)
{
	for (int any_case = 0; any_case < 2; any_case++) {
		bool (*names)(const char *, const char *, size_t) = any_case ? names_type_any_case : names_type;
		for (size_t i = 0; i < COUNT(providers); i++)
			if (names(providers[i]->name, type, len) || names(providers[i]->alias, type, len) ||
			    names(providers[i]->old_name, type, len))
				return providers[i];
	}
	return NULL;
}

static bool is_later_type(const char *type, size_t len)
{
	for (size_t i = 0; i < COUNT(later_types); i++)
		if (names_type(later_types[i], type, len))
			return true;
	return false;
}

const char *provider_types_with_context(const char *name)
{
	const char *types = NULL;
	for (size_t i = 0; i < COUNT(providers); i++) {
		const struct provider *p = providers[i];
		if (p->context_name && p->context_name(NULL, name))
			types = types ? arena_printf("%s, %s", types, p->name) : p->name;
	}
	return types;
}

static struct {
	const char *name;
	bool disabled;
} features[] = { { "uprobe_multi", false }, { "kprobe_multi", false }, { "kprobe_session", false } };

static bool unsafe_allowed;

void provider_allow_unsafe(bool allow)
{
	unsafe_allowed = allow;
}

bool provider_unsafe(void)
{
	return unsafe_allowed;
}

int provider_disable_feature(const char *name)
{
	for (size_t i = 0; i < COUNT(features); i++) {
		if (!strcmp(features[i].name, name)) {
			features[i].disabled = true;
			return 0;
		}
	}
	return -1;
}

bool provider_feature_disabled(const char *name)
{
	for (size_t i = 0; i < COUNT(features); i++)
		if (!strcmp(features[i].name, name))
			return features[i].disabled;
	return false;
}

enum address_space provider_pointer_space(const struct attach_point *ap)
{
	return ap ? ap->provider->pointer_space : AS_KERNEL;
}

bool probe_count_parse(const char *text, unsigned long long *out)
{
	unsigned long long n = 0;
	const char *p = text;
	if (!isdigit((unsigned char)*p))
		return false;
	for (; isdigit((unsigned char)*p) || (*p == '_' && isdigit((unsigned char)p[1])); p++) {
		if (*p == '_')
			continue;
		if (n > (~0ULL - 9) / 10)
			return false;
		n = n * 10 + (unsigned long long)(*p - '0');
	}
	if (*p == 'e' && isdigit((unsigned char)p[1])) { /* 1e6 */
		char *end;
		unsigned long e = strtoul(p + 1, &end, 10);
		for (; e > 0; e--) {
			if (n > ~0ULL / 10)
				return false;
			n *= 10;
		}
		p = end;
	}
	*out = n;
	return !*p && n > 0;
}

int provider_expand(const char *text, struct loc loc, struct attach_list *out)
{
	size_t type_len = strcspn(text, ":");
	const struct provider *p = find_provider(text, type_len);
	if (p) {
		if (p->special)
			return p->expand(text, loc, out);
		if (!text[type_len]) {
			diag_error(loc, "%s probe needs more: '%s:...'", p->name, p->name);
			return -1;
		}
		return p->expand(text + type_len + 1, loc, out);
	}
	if (is_later_type(text, type_len)) {
		diag_error(loc, "%.*s probes are not supported yet", (int)type_len, text);
		return -1;
	}
	diag_error(loc, "unknown probe type '%.*s'", (int)type_len, text);
	return -1;
}

/* bpftrace 0.17's -l: no pattern is "*"; a pattern that is not a probe
 * type and has no ':' ("sys_enter_open*") is "*:pattern"; a wildcard in
 * the type tries every type, skipping those the rest does not fit
 * (tracepoint:sys_enter_open* is any category's); a type lantern does
 * not have yet lists nothing. */
int provider_list(const char *pattern, void (*emit)(void *ctx, const char *name), void *ctx)
{
	if (!pattern)
		pattern = "*";
	size_t type_len = strcspn(pattern, ":");
	const struct provider *p = find_provider(pattern, type_len);
	if (!p && !pattern[type_len] && !is_later_type(pattern, type_len)) {
		pattern = arena_printf("*:%s", pattern);
		type_len = 1;
	}
	const char *spec = pattern[type_len] ? pattern + type_len + 1 : "";
	if (p) {
		int err = p->list ? p->list(spec, emit, ctx) : 0;
		if (err == -EINVAL)
			diag_plain_error("-l: '%s' is not a %s pattern", pattern, p->name);
		return err ? -1 : 0;
	}
	if (is_later_type(pattern, type_len))
		return 0;
	char *type = arena_strndup(pattern, type_len);
	if (!strpbrk(type, "*?[")) {
		diag_plain_error("-l: unknown probe type '%s'", type);
		return -1;
	}
	for (size_t i = 0; i < COUNT(providers); i++) {
		p = providers[i];
		if (p->list && !p->list_when_named && !fnmatch(type, p->name, 0) && p->list(spec, emit, ctx) == -1)
			return -1;
	}
	return 0;
}

void provider_describe(const char *name, void (*emit)(void *ctx, const char *line), void *ctx)
{
	size_t type_len = strcspn(name, ":");
	const struct provider *p = find_provider(name, type_len);
	if (p && p->describe && name[type_len])
		p->describe(name + type_len + 1, emit, ctx);
}

/* The attach point's text at loc, "uprobe:./x:f", as "uprobe ./x:f":
 * how bpftrace names it in "No matches for ..." */
static const char *attach_text(struct loc loc)
{
	const char *text = diag_loc_text(loc);
	if (!text)
		return "it";
	const char *colon = strchr(text, ':');
	const struct provider *type = colon ? find_provider(text, (size_t)(colon - text)) : NULL;
	return type ? arena_printf("%s %s", type->name, colon + 1) : text;
}

bool provider_has_wildcard(const char *s)
{
	return s && strpbrk(s, "*?[") != NULL;
}

static const char *unmatched_wildcard;

const char *provider_take_unmatched(void)
{
	const char *why = unmatched_wildcard;
	unmatched_wildcard = NULL;
	return why;
}

int provider_unmatched(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char what[512];
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!unmatched_wildcard)
		unmatched_wildcard = arena_strdup(what);
	return 0;
}

int provider_missing(struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = 0;
	char what[512];
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	switch (config_int(CONFIG_MISSING_PROBES)) {
	case MISSING_PROBES_ERROR: /* bpftrace's words, then why */
		diag_error(loc, "No matches for %s.", attach_text(loc));
		diag_plain_note("%s", what);
		rc = -1;
		break;
	case MISSING_PROBES_WARN:
		diag_warning(loc, "No matches for %s. Skipping. (%s; missing_probes=warn)", attach_text(loc), what);
		break;
	}
	return rc;
}

struct attach_point *attach_point_new(const struct provider *p, const char *name, struct loc loc)
{
	struct attach_point *ap = arena_alloc(sizeof(*ap));
	ap->provider = p;
	ap->name = name;
	ap->loc = loc;
	return ap;
}

void attach_list_push(struct attach_list *list, struct attach_point *ap)
{
	list->items = arena_grow(list->items, list->n, &list->cap, sizeof(*list->items));
	list->items[list->n++] = ap;
}
