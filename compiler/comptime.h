/* Values known when the script is compiled: literals, the builtins whose
 * rows say so (sizeof, is_str...), and the operators over them; what
 * `if comptime`, static_assert and fail's arguments need. */
#ifndef LANTERN_COMPTIME_H
#define LANTERN_COMPTIME_H
#include <stdbool.h>

struct node;

/* n's value (n typed), or false when it is not known when compiling. */
bool comptime_value(const struct node *n, long long *value);
/* n's text when it is one known when compiling (a literal, typeinfo(x).1),
 * or NULL. */
const char *comptime_text(const struct node *n);

#endif
