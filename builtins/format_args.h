/* printf-like calls (printf, debugf): the format, a string literal, parsed
 * and located on error; its conversions matched to the arguments. */
#ifndef LANTERN_FORMAT_ARGS_H
#define LANTERN_FORMAT_ARGS_H
#include "../compiler/check.h"
#include "../compiler/printf_format.h"

/* Whether arg (of type t) may be printed by seg; reports if not. */
typedef void (*format_arg_check)(struct checker *c, struct node *arg, const struct type *t,
				 const struct printf_segment *seg);

/* printf's rule, which errorf and friends share: %s takes what prints as
 * text (an enum's value: its name), %r a buf(), the rest integers. */
void format_arg_as_printf(struct checker *c, struct node *arg, const struct type *t, const struct printf_segment *seg);

/* n's format parsed into n->call.format and each argument typed and
 * given to check_arg with its conversion. false after an error. */
bool check_format_args(struct checker *c, struct node *n, format_arg_check check_arg);

#endif
