/* bpftrace's settings: `config = { name = value; ... }` at the top of a
 * script, and the environment variable of each (BPFTRACE_MAX_STRLEN...),
 * which wins over the block. One table (config.c) says, per setting, its
 * name, its type and range, its default and where it goes; this is the
 * only place lantern reads them. The front end asks config_int() and
 * config_text(); the driver hands codegen and the runtime what they need
 * as options. */
#ifndef LANTERN_CONFIG_H
#define LANTERN_CONFIG_H
#include <stdbool.h>

enum config_id {
	CONFIG_CACHE_USER_SYMBOLS,
	CONFIG_CPP_DEMANGLE,
	CONFIG_LAZY_SYMBOLICATION,
	CONFIG_LICENSE,
	CONFIG_LOG_SIZE,
	CONFIG_MAX_BPF_PROGS,
	CONFIG_MAX_CAT_BYTES,
	CONFIG_MAX_MAP_KEYS,
	CONFIG_MAX_PROBES,
	CONFIG_MAX_STRLEN,
	CONFIG_MISSING_PROBES,
	CONFIG_ON_STACK_LIMIT,
	CONFIG_PERF_RB_PAGES,
	CONFIG_PRINT_MAPS_ON_EXIT,
	CONFIG_SHOW_DEBUG_INFO,
	CONFIG_STACK_MODE,
	CONFIG_STR_TRUNC_TRAILER,
	CONFIG_UNSTABLE_DW_USTACK,
	CONFIG_UNSTABLE_TSERIES,
	CONFIG_COUNT
};

enum config_type {
	CONFIG_NUMBER, /* a whole number in [min, max] */
	CONFIG_BOOL,   /* true, false, 1 or 0 */
	CONFIG_CHOICE, /* one of choices (any case); the value is its index */
	CONFIG_TEXT,   /* any text */
};

/* How bpftrace 0.17's name of a setting (still read from the environment)
 * maps to the current one. */
enum config_old_form {
	OLD_SAME,
	OLD_WITH_NUL, /* BPFTRACE_STRLEN counted the string's NUL */
	OLD_NEGATED,  /* BPFTRACE_NO_CPP_DEMANGLE=1 is cpp_demangle=false */
};

struct config_setting {
	const char *name; /* as in a config block; BPFTRACE_ and upper case in the environment */
	enum config_type type;
	long long min, max; /* CONFIG_NUMBER */
	long long def;      /* default number, bool or choice index */
	/* CONFIG_CHOICE: each "word|alias|alias...", the first the canonical
	 * spelling; NULL-terminated */
	const char *const *choices;
	const char *def_text; /* CONFIG_TEXT's default */
	/* bpftrace 0.17's name ("strlen"): its BPFTRACE_STRLEN is still read
	 * (below the current name's); in a config block it is an error, as in
	 * current bpftrace */
	const char *old_name;
	enum config_old_form old_form;
	/* what it does in lantern, or why it does nothing yet (the man page
	 * says the same) */
	const char *effect;
};

extern const struct config_setting config_settings[CONFIG_COUNT];

enum missing_probes { MISSING_PROBES_ERROR, MISSING_PROBES_WARN, MISSING_PROBES_IGNORE };

enum config_source { CONFIG_FROM_DEFAULT, CONFIG_FROM_SCRIPT, CONFIG_FROM_ENV };

/* Every setting back to its default (a new compilation). */
void config_reset(void);
/* A number, bool (0 or 1) or choice index. */
long long config_int(enum config_id id);
/* A text setting, or a choice's canonical spelling. */
const char *config_text(enum config_id id);
/* Whether the script or the environment set it. */
bool config_is_set(enum config_id id);

/* The setting a config block's key names: any case, BPFTRACE_ prefix or
 * not. -1 and *why ("not a known configuration option", a rename...)
 * when there is none. */
int config_lookup(const char *key, const char **why);
/* Sets a setting from text or a number as the script or the environment
 * gave it. NULL, or why the value is refused ("expecting a number, got
 * x"); a refused value changes nothing. */
const char *config_set_text(enum config_id id, const char *text, enum config_source from);
const char *config_set_number(enum config_id id, long long n, enum config_source from);
/* Reads every setting's environment variable (and bpftrace 0.17's older
 * names) over what the script set. Bad values are errors; 0 or -1. */
int config_load_environment(void);

/* The size of a string buffer str() makes by default: max_strlen
 * characters and the NUL. */
int config_str_size(void);
/* The largest string buffer: str()'s length and max_strlen stay below. */
#define STR_MAX_SIZE 1024

#endif
