/* The front end's one entry point: script text in, AST out. */
#ifndef LANTERN_PARSE_H
#define LANTERN_PARSE_H
#include "../compiler/ast.h"

/* Parses src (which must stay alive with the AST). On a syntax error it
 * reports a located diagnostic and returns NULL. */
struct node *parse_program(const struct source *src);
/* An imported file: macros, C definitions or probes, any of them alone. */
struct node *parse_library(const struct source *src);

#endif
