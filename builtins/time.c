#include "../compiler/builtin.h"
static const struct builtin rows[] = { { 0 } };
const struct builtin_family builtins_time = { "time", rows };
