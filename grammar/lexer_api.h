/* What the generated parser needs from the generated lexer. */
#ifndef LANTERN_LEXER_API_H
#define LANTERN_LEXER_API_H
#include "parser.h"

int yylex(YYSTYPE *lval, YYLTYPE *lloc);
void lexer_start(const char *text);
void lexer_finish(void);

#endif
