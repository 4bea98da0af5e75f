/* The config block and its environment variables, and map declarations:
 * what they parse to, that they take effect in the front end, and their
 * located errors. */
#include <stdlib.h>

#include "../../compiler/config.h"
#include "unit.h"

static void refused(const char *program, const char *expect)
{
	int ok;
	const char *out = front_end(program, &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, expect);
}

static void test_parse(void)
{
	const char *ast = parse_dump("config = { max_strlen = 8; stack_mode=raw; license = \"GPL\" }\n"
				     "let @a = lruhash(100); BEGIN { }");
	CHECK_CONTAINS(ast, "program\n  config\n    assign\n      builtin max_strlen\n      int 8\n");
	CHECK_CONTAINS(ast, "    assign\n      builtin stack_mode\n      builtin raw\n");
	CHECK_CONTAINS(ast, "      string \"GPL\"\n  map_decl\n    map @a\n    call lruhash\n      int 100\n  probe\n");
	/* the last setting may go without ';', comments anywhere */
	CHECK_CONTAINS(parse_dump("config = { /* c */ a = 1 } let @b = hash(1); // d\nBEGIN { }"), "builtin a\n");
	/* a probe type named like the keywords is still one */
	CHECK_CONTAINS(parse_dump("config:x { }"), "attach config:x\n");
	/* bpftrace's order: config, declarations, probes */
	refused("let @a = hash(1); config = { a = 1 } BEGIN { }", "stdin:1:19-25: ERROR: syntax error");
	refused("let @a = hash(1) BEGIN { }", "syntax error, unexpected identifier, expecting ';'");
}

static void test_errors(void)
{
	/* bpftrace's words, at the setting */
	int ok;
	const char *out = front_end("config = { bad_config=raw } BEGIN {}", &ok, 0, NULL);
	CHECK(!ok);
	CHECK_CONTAINS(out, "stdin:1:12-26: ERROR: bad_config: not a known configuration option\n"
			    "config = { bad_config=raw } BEGIN {}\n"
			    "           ~~~~~~~~~~~~~~\n");
	refused("config = { BPFTRACE_MAX_PROBES = \"hello\" } BEGIN { }",
		"BPFTRACE_MAX_PROBES: expecting a number, got hello");
	refused("config = { kernel_build=1 } BEGIN { }", "kernel_build: can only be set as an environment variable");
	refused("config = { strlen = 10 } BEGIN { }", "strlen: key has been renamed to 'max_strlen'");
	refused("config = { map_keys_max = 10 } BEGIN { }", "key has been renamed to 'max_map_keys'");
	refused("config = { max_strlen = 5000 } BEGIN { }", "max_strlen: expecting a number from 1 to 1023, got 5000");
	refused("config = { print_maps_on_exit = maybe } BEGIN { }", "expecting true, false, 1 or 0, got maybe");
	refused("config = { missing_probes = loud } BEGIN { }", "expecting error, warn or ignore, got loud");
	refused("config = { license = \"MIT\" } BEGIN { }", "license: expecting GPL, GPL v2,");
	refused("config = { stack_mode = 1 } BEGIN { }", "expecting bpftrace, perf, raw or build_id, got 1");
	refused("config = { max_strlen = 8; BPFTRACE_MAX_STRLEN = 9 } BEGIN { }",
		"stdin:1:28-51: ERROR: BPFTRACE_MAX_STRLEN: set twice in the config block (first at 1:12)");
	/* every error of a block, not only the first */
	out = front_end("config = { a = 1; max_strlen = 0 } BEGIN { }", &ok, 0, NULL);
	CHECK_CONTAINS(out, "a: not a known configuration option");
	CHECK_CONTAINS(out, "max_strlen: expecting a number from 1 to 1023, got 0");
}

static void test_values(void)
{
	/* any case, with or without BPFTRACE_; words, strings and numbers */
	check_accepted("config = { STACK_MODE = perf; bpftrace_cpp_demangle = false; missing_probes = \"WARN\";"
		 " unstable_tseries = 1; cache_user_symbols = NONE; str_trunc_trailer = 7; max_map_keys = 1e3 } BEGIN { }");
	CHECK(config_int(CONFIG_STACK_MODE) == 1 && !strcmp(config_text(CONFIG_STACK_MODE), "perf"));
	CHECK(config_int(CONFIG_CPP_DEMANGLE) == 0 && config_is_set(CONFIG_CPP_DEMANGLE));
	CHECK(config_int(CONFIG_MISSING_PROBES) == MISSING_PROBES_WARN);
	CHECK(!strcmp(config_text(CONFIG_UNSTABLE_TSERIES), "enable"));
	CHECK(!strcmp(config_text(CONFIG_CACHE_USER_SYMBOLS), "NONE"));
	CHECK(!strcmp(config_text(CONFIG_STR_TRUNC_TRAILER), "7"));
	CHECK(config_int(CONFIG_MAX_MAP_KEYS) == 1000);
	/* each compilation starts from the defaults */
	check_accepted("BEGIN { }");
	CHECK(config_int(CONFIG_MAX_STRLEN) == 1023 && !config_is_set(CONFIG_MAX_STRLEN));
	CHECK(config_int(CONFIG_MISSING_PROBES) == MISSING_PROBES_ERROR && config_int(CONFIG_PRINT_MAPS_ON_EXIT) == 1);
	CHECK(!strcmp(config_text(CONFIG_LICENSE), "GPL") && !strcmp(config_text(CONFIG_STR_TRUNC_TRAILER), ".."));
}

/* max_strlen sizes str()'s results (its characters and the NUL) */
static void test_max_strlen(void)
{
	refused("config = { max_strlen = 9 } BEGIN { @x = str(0); @x = 1; }", "@x is assigned int64 here, but string[10]");
	refused("BEGIN { @x = str(0); @x = 1; }", "but string[1024]");
	/* an explicit length still wins */
	refused("config = { max_strlen = 9 } BEGIN { @x = str(0, 20); @x = 1; }", "but string[20]");
}

/* The environment wins over the block; 0.17's names are read below the
 * current ones; a bad value is an error. */
static void test_environment(void)
{
	setenv("BPFTRACE_MAX_STRLEN", "5", 1);
	check_accepted("config = { max_strlen = 8 } BEGIN { }");
	CHECK(config_int(CONFIG_MAX_STRLEN) == 5);
	/* the block's value is still checked */
	refused("config = { max_strlen = x } BEGIN { }", "max_strlen: expecting a number, got x");
	setenv("BPFTRACE_STRLEN", "100", 1);
	check_accepted("BEGIN { }");
	CHECK(config_int(CONFIG_MAX_STRLEN) == 5);
	unsetenv("BPFTRACE_MAX_STRLEN");
	check_accepted("BEGIN { }");
	CHECK(config_int(CONFIG_MAX_STRLEN) == 99); /* 0.17 counted the NUL */
	unsetenv("BPFTRACE_STRLEN");
	setenv("BPFTRACE_NO_CPP_DEMANGLE", "1", 1);
	check_accepted("BEGIN { }");
	CHECK(config_int(CONFIG_CPP_DEMANGLE) == 0);
	unsetenv("BPFTRACE_NO_CPP_DEMANGLE");
	setenv("BPFTRACE_MAP_KEYS_MAX", "77", 1);
	check_accepted("BEGIN { }");
	CHECK(config_int(CONFIG_MAX_MAP_KEYS) == 77);
	unsetenv("BPFTRACE_MAP_KEYS_MAX");
	setenv("BPFTRACE_MAX_MAP_KEYS", "lots", 1);
	refused("BEGIN { }", "ERROR: BPFTRACE_MAX_MAP_KEYS: expecting a number, got lots");
	unsetenv("BPFTRACE_MAX_MAP_KEYS");
	setenv("BPFTRACE_MISSING_PROBES", "ignore", 1);
	check_accepted("config = { missing_probes = error } BEGIN { }");
	CHECK(config_int(CONFIG_MISSING_PROBES) == MISSING_PROBES_IGNORE);
	unsetenv("BPFTRACE_MISSING_PROBES");
}

static void test_limits(void)
{
	refused("config = { max_bpf_progs = 2 } BEGIN { } END { } BEGIN { }",
		"stdin:1:50-55: ERROR: with this probe the script needs more than 2 BPF programs (max_bpf_progs)");
	refused("config = { max_probes = 1 } interval:s:1 { } interval:s:2 { }",
		"stdin:1:46-58: ERROR: with this probe the script needs more than 1 attach points (max_probes)");
	check_accepted("config = { max_probes = 1 } BEGIN { } interval:s:2 { } END { }");
}

static void test_map_decls(void)
{
	check_accepted("let @a = hash(10); let @b = lruhash(1); let @c = percpuhash(2); let @d = percpulruhash(3);"
		 " let @e = percpuarray(1); BEGIN { @a[1] = 1; @b = \"s\"; @c[comm] = count(); @d = hist(1);"
		 " @e = sum(2); }");
	int ok;
	const char *out = front_end("let @a = percpuhash(1); BEGIN { }", &ok, 0, NULL);
	CHECK(ok);
	CHECK_CONTAINS(out, "stdin:1:1-23: WARNING: Unused map: @a\nlet @a = percpuhash(1); BEGIN { }\n~~~~~~~~~~~~~~~~~~~~~~\n");
	refused("let @a = btree(1); BEGIN { @a = 1; }", "stdin:1:10-18: ERROR: btree is not a map type; the map types are hash,");
	refused("let @a = hash(); BEGIN { @a = 1; }", "hash() takes one argument, the map's max entries");
	refused("let @a = hash(\"x\"); BEGIN { @a = 1; }", "stdin:1:15-18: ERROR: hash() takes one argument");
	refused("let @a = hash(0); BEGIN { @a = 1; }", "a map's max entries must be from 1 to 100000000, not 0");
	refused("let @a = percpuarray(2); BEGIN { @a = count(); }", "max entries can only be 1 for map type percpuarray");
	refused("let @a = hash(1); let @a = lruhash(1); BEGIN { @a = 1; }", "stdin:1:19-38: ERROR: @a is declared twice (first at 1:1)");
	/* the kind must fit what the map holds, at the value */
	refused("let @a = percpuhash(2); BEGIN { @a[1] = 1; }",
		"stdin:1:41-42: ERROR: incompatible map types: @a is declared percpuhash (at 1:1), but what it holds needs hash or lruhash");
	refused("let @a = hash(2); BEGIN { @a[1] = count(); }", "declared hash (at 1:1), but what it holds needs percpuhash or percpulruhash");
	refused("let @a = percpuarray(1); BEGIN { @a[1] = count(); }", "declared percpuarray");
	/* read in a probe, lantern keeps an aggregate in one shared copy */
	refused("let @a = percpuhash(4); BEGIN { @a = count(); if (@a > 0) { exit(); } }",
		"@a is read in a probe, so lantern keeps one copy of it that every CPU updates");
	check_accepted("let @a = hash(4); BEGIN { @a = count(); if (@a > 0) { exit(); } }");
}

/* The man page names every setting of the table (run from the top of
 * the repository, as make and tests/check.sh do). */
static void test_man_page(void)
{
	FILE *f = fopen("man/lantern.8", "r");
	if (!f)
		return;
	static char text[200000];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = 0;
	for (int i = 0; i < CONFIG_COUNT; i++) {
		bool named = strstr(text, config_settings[i].name) != NULL;
		CHECK(named);
		if (!named)
			fprintf(stderr, "  man/lantern.8 does not name %s\n", config_settings[i].name);
	}
}

void test_config(void)
{
	test_man_page();
	test_parse();
	test_errors();
	test_values();
	test_max_strlen();
	test_environment();
	test_limits();
	test_map_decls();
	config_reset();
}
