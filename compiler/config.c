/* The settings' table, their values, and reading them from text (a
 * config block's value, an environment variable). bpftrace 0.26's
 * settings, with its defaults unless the effect says otherwise. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "diag.h"

#define INT_LIMIT 2147483647LL

static const char *const missing_choices[] = { "error", "warn", "ignore", NULL };
static const char *const unstable_choices[] = { "error|0|false", "warn", "enable|1|true", NULL };
static const char *const stack_choices[] = { "bpftrace", "perf", "raw", "build_id", NULL };
/* "1" was "the default" (0.17): PER_PID, bpftrace's */
static const char *const symbol_cache_choices[] = { "PER_PID|1", "PER_PROGRAM", "NONE|0", NULL };
/* GPL-compatible only: the helpers lantern calls need it */
static const char *const license_choices[] = {
	"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL", NULL,
};

#define NUMBER(lo, hi, d) .type = CONFIG_NUMBER, .min = (lo), .max = (hi), .def = (d)
#define BOOL(d) .type = CONFIG_BOOL, .min = 0, .max = 1, .def = (d)
#define CHOICE(list, d) .type = CONFIG_CHOICE, .choices = (list), .def = (d)

const struct config_setting config_settings[CONFIG_COUNT] = {
	[CONFIG_CACHE_USER_SYMBOLS] = { "cache_user_symbols", CHOICE(symbol_cache_choices, 0),
		.effect = "how long a process's memory maps are kept for symbolizing ustack and usym: read once "
			  "per process, once per program (its first process's serve the others), or every time" },
	[CONFIG_CPP_DEMANGLE] = { "cpp_demangle", BOOL(1), .old_name = "no_cpp_demangle", .old_form = OLD_NEGATED,
		.effect = "whether C++ names in ustack and usym are shown demangled (ns::f(int)) or as the ELF "
			  "symbol tables have them" },
	[CONFIG_LAZY_SYMBOLICATION] = { "lazy_symbolication", BOOL(0),
		.effect = "no effect: lantern reads a file's symbols only when it prints an address in it" },
	[CONFIG_LICENSE] = { "license", CHOICE(license_choices, 0),
		.effect = "the license the BPF programs are loaded with" },
	/* the kernel takes up to UINT_MAX >> 2 */
	[CONFIG_LOG_SIZE] = { "log_size", NUMBER(1, 1073741823, 1000000),
		.effect = "bytes of the verifier's log when a program is refused; a longer log fails the load "
			  "(ENOSPC). Unset, libbpf grows the log until it fits" },
	[CONFIG_MAX_BPF_PROGS] = { "max_bpf_progs", NUMBER(1, INT_LIMIT, 1024),
		.effect = "most BPF programs a script may make (instances that share a program count once)" },
	[CONFIG_MAX_CAT_BYTES] = { "max_cat_bytes", NUMBER(0, INT_LIMIT, 10240), .old_name = "cat_bytes_max",
		.effect = "bytes of a file cat() prints at most" },
	[CONFIG_MAX_MAP_KEYS] = { "max_map_keys", NUMBER(1, 100000000, 4096), .old_name = "map_keys_max",
		.effect = "capacity of the hash maps a script does not declare" },
	[CONFIG_MAX_PROBES] = { "max_probes", NUMBER(1, INT_LIMIT, 1024),
		.effect = "most attach points a script may attach to, wildcards expanded" },
	/* a 1024-byte buffer, as bpftrace 0.26's: larger than the BPF stack
	 * lets, such strings live in per-CPU scratch memory (on_stack_limit) */
	[CONFIG_MAX_STRLEN] = { "max_strlen", NUMBER(1, STR_MAX_SIZE - 1, 1023), .old_name = "strlen",
		.old_form = OLD_WITH_NUL,
		.effect = "characters of a str() result and of a tracepoint's string field (the NUL apart)" },
	[CONFIG_MISSING_PROBES] = { "missing_probes", CHOICE(missing_choices, MISSING_PROBES_ERROR),
		.effect = "an attach point that does not exist or does not attach: an error, a warning and "
			  "skipped, or skipped" },
	[CONFIG_ON_STACK_LIMIT] = { "on_stack_limit", NUMBER(0, INT_LIMIT, 32),
		.effect = "buffers larger than this many bytes live in per-CPU scratch memory, not on the "
			  "BPF stack. Unset, everything stays on the stack unless a program would not fit "
			  "its 512 bytes; then buffers past 32 bytes move" },
	[CONFIG_PERF_RB_PAGES] = { "perf_rb_pages", NUMBER(1, 16384, 1024),
		.effect = "pages of the event ring buffer of a script that prints (rounded up to a power of "
			  "two). Unset, 4 MiB" },
	[CONFIG_PRINT_MAPS_ON_EXIT] = { "print_maps_on_exit", BOOL(1),
		.effect = "whether the maps are printed at exit" },
	[CONFIG_SHOW_DEBUG_INFO] = { "show_debug_info", BOOL(1),
		.effect = "whether ustack frames show their file:line and the calls inlined there, from the "
			  "binary's DWARF (where it has some)" },
	[CONFIG_STACK_MODE] = { "stack_mode", CHOICE(stack_choices, 0),
		.effect = "how kstack and ustack print when they name no mode: bpftrace (func+offset lines), "
			  "perf (address, symbol, binary), raw (addresses) or build_id (ustack only)" },
	[CONFIG_STR_TRUNC_TRAILER] = { "str_trunc_trailer", .type = CONFIG_TEXT, .def_text = "..",
		.effect = "what follows a string that was cut at max_strlen (or its buffer) when it is printed" },
	[CONFIG_UNSTABLE_DW_USTACK] = { "unstable_dw_ustack", CHOICE(unstable_choices, 1),
		.effect = "no effect yet: lantern has no dw_ustack()" },
	[CONFIG_UNSTABLE_TSERIES] = { "unstable_tseries", CHOICE(unstable_choices, 1),
		.effect = "whether tseries() may be used: error, warn (once) or enable" },
};

/* Names bpftrace reads from the environment only. */
static const char *const env_only[] = { "btf", "kernel_build", "kernel_source", "vmlinux" };

struct config_value {
	long long n;
	char *text; /* CONFIG_TEXT's, ours (strdup): it outlives the compilation's arena */
	enum config_source from;
};

static struct config_value values[CONFIG_COUNT];
static bool ready;

/* The canonical spelling of a choice: its first word. */
static const char *choice_name(const char *choice)
{
	return arena_strndup(choice, strcspn(choice, "|"));
}

static void store(enum config_id id, long long n, const char *text, enum config_source from)
{
	struct config_value *v = &values[id];
	free(v->text);
	*v = (struct config_value){ .n = n, .text = text ? strdup(text) : NULL, .from = from };
}

void config_reset(void)
{
	for (int i = 0; i < CONFIG_COUNT; i++) {
		const struct config_setting *s = &config_settings[i];
		store(i, s->def, s->def_text, CONFIG_FROM_DEFAULT);
	}
	ready = true;
}

static struct config_value *value(enum config_id id)
{
	if (!ready)
		config_reset();
	return &values[id];
}

long long config_int(enum config_id id)
{
	return value(id)->n;
}

const char *config_text(enum config_id id)
{
	static char names[CONFIG_COUNT][64]; /* not the arena's: the driver reads them after it */
	struct config_value *v = value(id);
	if (config_settings[id].type != CONFIG_CHOICE)
		return v->text;
	const char *choice = config_settings[id].choices[v->n];
	snprintf(names[id], sizeof(names[id]), "%.*s", (int)strcspn(choice, "|"), choice);
	return names[id];
}

bool config_is_set(enum config_id id)
{
	return value(id)->from != CONFIG_FROM_DEFAULT;
}

int config_str_size(void)
{
	return (int)config_int(CONFIG_MAX_STRLEN) + 1;
}

/* Lower case, without a BPFTRACE_ prefix: how settings are named. */
static char *normalized(const char *key)
{
	char *k = arena_strdup(key);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return strncmp(k, "bpftrace_", 9) ? k : k + 9;
}

int config_lookup(const char *key, const char **why)
{
	const char *k = normalized(key);
	for (int i = 0; i < CONFIG_COUNT; i++)
		if (!strcmp(config_settings[i].name, k))
			return i;
	for (int i = 0; i < CONFIG_COUNT; i++) {
		if (config_settings[i].old_name && !strcmp(config_settings[i].old_name, k)) {
			*why = arena_printf("key has been renamed to '%s'", config_settings[i].name);
			return -1;
		}
	}
	for (size_t i = 0; i < sizeof(env_only) / sizeof(env_only[0]); i++) {
		if (!strcmp(env_only[i], k)) {
			*why = "can only be set as an environment variable";
			return -1;
		}
	}
	*why = "not a known configuration option";
	return -1;
}

/* "a, b or c": the canonical spellings of a choice list. */
static const char *choice_list(const char *const *choices)
{
	const char *list = "";
	for (int i = 0; choices[i]; i++)
		list = arena_printf("%s%s%s", list, i == 0 ? "" : choices[i + 1] ? ", " : " or ",
				    choice_name(choices[i]));
	return list;
}

static int find_choice(const char *const *choices, const char *text)
{
	size_t len = strlen(text);
	for (int i = 0; choices[i]; i++)
		for (const char *w = choices[i]; w; w = strchr(w, '|') ? strchr(w, '|') + 1 : NULL)
			if (strcspn(w, "|") == len && !strncasecmp(w, text, len))
				return i;
	return -1;
}

/* A whole decimal number, or false. */
static bool parse_number(const char *text, long long *out)
{
	if (!isdigit((unsigned char)text[0]))
		return false;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(text, &end, 10);
	if (*end || errno || n > (unsigned long long)INT64_MAX)
		return false;
	*out = (long long)n;
	return true;
}

/* A value that passed its checks: no message. */
static const char *set(enum config_id id, long long n, const char *text, enum config_source from)
{
	if (!ready)
		config_reset();
	store(id, n, text, from);
	return NULL;
}

const char *config_set_number(enum config_id id, long long n, enum config_source from)
{
	const struct config_setting *s = &config_settings[id];
	switch (s->type) {
	case CONFIG_NUMBER:
		if (n < s->min || n > s->max)
			return arena_printf("expecting a number from %lld to %lld, got %lld", s->min, s->max, n);
		return set(id, n, NULL, from);
	case CONFIG_BOOL:
		return set(id, n != 0, NULL, from);
	default: /* a choice or text written as a number */
		return config_set_text(id, arena_printf("%lld", n), from);
	}
}

const char *config_set_text(enum config_id id, const char *text, enum config_source from)
{
	const struct config_setting *s = &config_settings[id];
	long long n;
	switch (s->type) {
	case CONFIG_NUMBER:
		if (!parse_number(text, &n))
			return arena_printf("expecting a number, got %s", text);
		return config_set_number(id, n, from);
	case CONFIG_BOOL:
		if (!strcasecmp(text, "true") || !strcmp(text, "1"))
			return set(id, 1, NULL, from);
		if (!strcasecmp(text, "false") || !strcmp(text, "0"))
			return set(id, 0, NULL, from);
		return arena_printf("expecting true, false, 1 or 0, got %s", text);
	case CONFIG_CHOICE:
		n = find_choice(s->choices, text);
		if (n < 0)
			return arena_printf("expecting %s, got %s", choice_list(s->choices), text);
		return set(id, n, NULL, from);
	case CONFIG_TEXT:
		return set(id, 0, text, from);
	}
	return NULL;
}

static const char *env_name(const char *name)
{
	char *e = arena_printf("BPFTRACE_%s", name);
	for (char *p = e; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return e;
}

/* 0.17's value of a renamed setting, as the current one has it. */
static const char *from_old_form(const struct config_setting *s, const char *text)
{
	long long n;
	if (s->old_form == OLD_WITH_NUL && parse_number(text, &n) && n > 0)
		return arena_printf("%lld", n - 1);
	if (s->old_form == OLD_NEGATED) {
		if (!strcmp(text, "0") || !strcmp(text, "1"))
			return text[0] == '1' ? "0" : "1";
	}
	return text;
}

int config_load_environment(void)
{
	int rc = 0;
	for (int i = 0; i < CONFIG_COUNT; i++) {
		const struct config_setting *s = &config_settings[i];
		const char *name = env_name(s->name), *text = getenv(name);
		if (!text && s->old_name) {
			name = env_name(s->old_name);
			text = getenv(name);
			if (text)
				text = from_old_form(s, text);
		}
		if (!text)
			continue;
		const char *why = config_set_text(i, text, CONFIG_FROM_ENV);
		if (why) {
			diag_plain_error("%s: %s", name, why);
			rc = -1;
		}
	}
	return rc;
}
