/* What the generated parser needs from the generated lexer. */
#ifndef LANTERN_LEXER_API_H
#define LANTERN_LEXER_API_H
#include "parser.h"

int yylex(YYSTYPE *lval, YYLTYPE *lloc);
/* source: the id diag_add_source gave text, for every location made. */
void lexer_start(const char *text, int source);
void lexer_finish(void);
/* A bison location as a lantern one, in the source being lexed. */
struct loc lexer_loc(const YYLTYPE *l);

#endif
