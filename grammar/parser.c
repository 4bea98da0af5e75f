/* A Bison parser, made by GNU Bison 3.8.2.  */

/* Bison implementation for Yacc-like parsers in C

   Copyright (C) 1984, 1989-1990, 2000-2015, 2018-2021 Free Software Foundation,
   Inc.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.  */

/* As a special exception, you may create a larger work that contains
   part or all of the Bison parser skeleton and distribute that work
   under terms of your choice, so long as that work isn't itself a
   parser generator using the skeleton or a modified version thereof
   as a parser skeleton.  Alternatively, if you modify or redistribute
   the parser skeleton itself, you may (at your option) remove this
   special exception, which will cause the skeleton and the resulting
   Bison output files to be licensed under the GNU General Public
   License without this special exception.

   This special exception was added by the Free Software Foundation in
   version 2.2 of Bison.  */

/* C LALR(1) parser skeleton written by Richard Stallman, by
   simplifying the original so-called "semantic" parser.  */

/* DO NOT RELY ON FEATURES THAT ARE NOT DOCUMENTED in the manual,
   especially those whose name start with YY_ or yy_.  They are
   private implementation details that can be changed or removed.  */

/* All symbols defined below should begin with yy or YY, to avoid
   infringing on user name space.  This should be done even for local
   variables, as they might otherwise be expanded by user macros.
   There are some unavoidable exceptions within include files to
   define necessary library symbols; they are noted "INFRINGES ON
   USER NAME SPACE" below.  */

/* Identify Bison output, and Bison version.  */
#define YYBISON 30802

/* Bison version string.  */
#define YYBISON_VERSION "3.8.2"

/* Skeleton name.  */
#define YYSKELETON_NAME "yacc.c"

/* Pure parsers.  */
#define YYPURE 2

/* Push parsers.  */
#define YYPUSH 0

/* Pull parsers.  */
#define YYPULL 1





# ifndef YY_CAST
#  ifdef __cplusplus
#   define YY_CAST(Type, Val) static_cast<Type> (Val)
#   define YY_REINTERPRET_CAST(Type, Val) reinterpret_cast<Type> (Val)
#  else
#   define YY_CAST(Type, Val) ((Type) (Val))
#   define YY_REINTERPRET_CAST(Type, Val) ((Type) (Val))
#  endif
# endif
# ifndef YY_NULLPTR
#  if defined __cplusplus
#   if 201103L <= __cplusplus
#    define YY_NULLPTR nullptr
#   else
#    define YY_NULLPTR 0
#   endif
#  else
#   define YY_NULLPTR ((void*)0)
#  endif
# endif


/* Debug traces.  */
#ifndef YYDEBUG
# define YYDEBUG 0
#endif
#if YYDEBUG
extern int yydebug;
#endif
/* "%code requires" blocks.  */
#line 3 "grammar/parser.y"

#include "compiler/ast.h"

#line 105 "y.tab.c"

/* Token kinds.  */
#ifndef YYTOKENTYPE
# define YYTOKENTYPE
  enum yytokentype
  {
    YYEMPTY = -2,
    YYEOF = 0,                     /* "end of file"  */
    YYerror = 256,                 /* error  */
    YYUNDEF = 257,                 /* "invalid token"  */
    ATTACH = 258,                  /* "attach point"  */
    INT = 259,                     /* "integer"  */
    STRING = 260,                  /* "string"  */
    IDENT = 261,                   /* "identifier"  */
    VAR = 262,                     /* "variable"  */
    MAP = 263,                     /* "map"  */
    POSITIONAL = 264,              /* "positional parameter"  */
    POSCOUNT = 265,                /* "$#"  */
    TYPE = 266,                    /* "type name"  */
    STRUCT = 267,                  /* "struct"  */
    IF = 268,                      /* "if"  */
    ELSE = 269,                    /* "else"  */
    WHILE = 270,                   /* "while"  */
    FOR = 271,                     /* "for"  */
    UNROLL = 272,                  /* "unroll"  */
    BREAK = 273,                   /* "break"  */
    CONTINUE = 274,                /* "continue"  */
    RETURN = 275,                  /* "return"  */
    ENDPRED = 276,                 /* "end of predicate"  */
    EQ = 277,                      /* "=="  */
    NE = 278,                      /* "!="  */
    LE = 279,                      /* "<="  */
    GE = 280,                      /* ">="  */
    LAND = 281,                    /* "&&"  */
    LOR = 282,                     /* "||"  */
    SHL = 283,                     /* "<<"  */
    SHR = 284,                     /* ">>"  */
    INC = 285,                     /* "++"  */
    DEC = 286,                     /* "--"  */
    ARROW = 287,                   /* "->"  */
    DOTDOT = 288,                  /* ".."  */
    COMPOUND_ASSIGN = 289,         /* "compound assignment"  */
    UNARY = 290                    /* UNARY  */
  };
  typedef enum yytokentype yytoken_kind_t;
#endif
/* Token kinds.  */
#define YYEMPTY -2
#define YYEOF 0
#define YYerror 256
#define YYUNDEF 257
#define ATTACH 258
#define INT 259
#define STRING 260
#define IDENT 261
#define VAR 262
#define MAP 263
#define POSITIONAL 264
#define POSCOUNT 265
#define TYPE 266
#define STRUCT 267
#define IF 268
#define ELSE 269
#define WHILE 270
#define FOR 271
#define UNROLL 272
#define BREAK 273
#define CONTINUE 274
#define RETURN 275
#define ENDPRED 276
#define EQ 277
#define NE 278
#define LE 279
#define GE 280
#define LAND 281
#define LOR 282
#define SHL 283
#define SHR 284
#define INC 285
#define DEC 286
#define ARROW 287
#define DOTDOT 288
#define COMPOUND_ASSIGN 289
#define UNARY 290

/* Value type.  */
#if ! defined YYSTYPE && ! defined YYSTYPE_IS_DECLARED
union YYSTYPE
{
#line 68 "grammar/parser.y"

	long long ival;
	struct { char *s; int len; } str;
	char *name;
	struct node *node;
	struct node_list list;
	enum op op;

#line 204 "y.tab.c"

};
typedef union YYSTYPE YYSTYPE;
# define YYSTYPE_IS_TRIVIAL 1
# define YYSTYPE_IS_DECLARED 1
#endif

/* Location type.  */
#if ! defined YYLTYPE && ! defined YYLTYPE_IS_DECLARED
typedef struct YYLTYPE YYLTYPE;
struct YYLTYPE
{
  int first_line;
  int first_column;
  int last_line;
  int last_column;
};
# define YYLTYPE_IS_DECLARED 1
# define YYLTYPE_IS_TRIVIAL 1
#endif




int yyparse (void);



/* Symbol kind.  */
enum yysymbol_kind_t
{
  YYSYMBOL_YYEMPTY = -2,
  YYSYMBOL_YYEOF = 0,                      /* "end of file"  */
  YYSYMBOL_YYerror = 1,                    /* error  */
  YYSYMBOL_YYUNDEF = 2,                    /* "invalid token"  */
  YYSYMBOL_ATTACH = 3,                     /* "attach point"  */
  YYSYMBOL_INT = 4,                        /* "integer"  */
  YYSYMBOL_STRING = 5,                     /* "string"  */
  YYSYMBOL_IDENT = 6,                      /* "identifier"  */
  YYSYMBOL_VAR = 7,                        /* "variable"  */
  YYSYMBOL_MAP = 8,                        /* "map"  */
  YYSYMBOL_POSITIONAL = 9,                 /* "positional parameter"  */
  YYSYMBOL_POSCOUNT = 10,                  /* "$#"  */
  YYSYMBOL_TYPE = 11,                      /* "type name"  */
  YYSYMBOL_STRUCT = 12,                    /* "struct"  */
  YYSYMBOL_IF = 13,                        /* "if"  */
  YYSYMBOL_ELSE = 14,                      /* "else"  */
  YYSYMBOL_WHILE = 15,                     /* "while"  */
  YYSYMBOL_FOR = 16,                       /* "for"  */
  YYSYMBOL_UNROLL = 17,                    /* "unroll"  */
  YYSYMBOL_BREAK = 18,                     /* "break"  */
  YYSYMBOL_CONTINUE = 19,                  /* "continue"  */
  YYSYMBOL_RETURN = 20,                    /* "return"  */
  YYSYMBOL_ENDPRED = 21,                   /* "end of predicate"  */
  YYSYMBOL_EQ = 22,                        /* "=="  */
  YYSYMBOL_NE = 23,                        /* "!="  */
  YYSYMBOL_LE = 24,                        /* "<="  */
  YYSYMBOL_GE = 25,                        /* ">="  */
  YYSYMBOL_LAND = 26,                      /* "&&"  */
  YYSYMBOL_LOR = 27,                       /* "||"  */
  YYSYMBOL_SHL = 28,                       /* "<<"  */
  YYSYMBOL_SHR = 29,                       /* ">>"  */
  YYSYMBOL_INC = 30,                       /* "++"  */
  YYSYMBOL_DEC = 31,                       /* "--"  */
  YYSYMBOL_ARROW = 32,                     /* "->"  */
  YYSYMBOL_DOTDOT = 33,                    /* ".."  */
  YYSYMBOL_COMPOUND_ASSIGN = 34,           /* "compound assignment"  */
  YYSYMBOL_35_ = 35,                       /* '?'  */
  YYSYMBOL_36_ = 36,                       /* ':'  */
  YYSYMBOL_37_ = 37,                       /* '|'  */
  YYSYMBOL_38_ = 38,                       /* '^'  */
  YYSYMBOL_39_ = 39,                       /* '&'  */
  YYSYMBOL_40_ = 40,                       /* '<'  */
  YYSYMBOL_41_ = 41,                       /* '>'  */
  YYSYMBOL_42_ = 42,                       /* '+'  */
  YYSYMBOL_43_ = 43,                       /* '-'  */
  YYSYMBOL_44_ = 44,                       /* '*'  */
  YYSYMBOL_45_ = 45,                       /* '/'  */
  YYSYMBOL_46_ = 46,                       /* '%'  */
  YYSYMBOL_UNARY = 47,                     /* UNARY  */
  YYSYMBOL_48_ = 48,                       /* ','  */
  YYSYMBOL_49_ = 49,                       /* '{'  */
  YYSYMBOL_50_ = 50,                       /* '}'  */
  YYSYMBOL_51_ = 51,                       /* ';'  */
  YYSYMBOL_52_ = 52,                       /* '='  */
  YYSYMBOL_53_ = 53,                       /* '('  */
  YYSYMBOL_54_ = 54,                       /* ')'  */
  YYSYMBOL_55_ = 55,                       /* '['  */
  YYSYMBOL_56_ = 56,                       /* ']'  */
  YYSYMBOL_57_ = 57,                       /* '!'  */
  YYSYMBOL_58_ = 58,                       /* '~'  */
  YYSYMBOL_59_ = 59,                       /* '.'  */
  YYSYMBOL_YYACCEPT = 60,                  /* $accept  */
  YYSYMBOL_program = 61,                   /* program  */
  YYSYMBOL_probes = 62,                    /* probes  */
  YYSYMBOL_probe = 63,                     /* probe  */
  YYSYMBOL_attach_list = 64,               /* attach_list  */
  YYSYMBOL_pred = 65,                      /* pred  */
  YYSYMBOL_block = 66,                     /* block  */
  YYSYMBOL_stmts = 67,                     /* stmts  */
  YYSYMBOL_stmt_simple = 68,               /* stmt_simple  */
  YYSYMBOL_stmt_compound = 69,             /* stmt_compound  */
  YYSYMBOL_if_stmt = 70,                   /* if_stmt  */
  YYSYMBOL_lvalue = 71,                    /* lvalue  */
  YYSYMBOL_map_ref = 72,                   /* map_ref  */
  YYSYMBOL_expr_list = 73,                 /* expr_list  */
  YYSYMBOL_expr = 74,                      /* expr  */
  YYSYMBOL_cast = 75,                      /* cast  */
  YYSYMBOL_stars = 76,                     /* stars  */
  YYSYMBOL_primary = 77                    /* primary  */
};
typedef enum yysymbol_kind_t yysymbol_kind_t;



/* Unqualified %code blocks.  */
#line 7 "grammar/parser.y"

#include <string.h>
#include "compiler/arena.h"
#include "grammar/lexer_api.h"

static struct node *parsed_program;

static struct loc L(YYLTYPE l)
{
	return (struct loc){ l.first_line, l.first_column, l.last_line, l.last_column };
}

static struct node *mk(enum node_kind kind, YYLTYPE l)
{
	return node_new(kind, L(l));
}

static struct node *binary(enum op op, struct node *a, struct node *b, YYLTYPE l)
{
	struct node *n = mk(N_BINARY, l);
	n->op = op;
	n->a = a;
	n->b = b;
	return n;
}

static struct node *unary(enum op op, struct node *a, YYLTYPE l)
{
	struct node *n = mk(N_UNARY, l);
	n->op = op;
	n->a = a;
	return n;
}

static struct node *incdec(enum op op, struct node *var, int prefix, YYLTYPE l)
{
	struct node *n = mk(N_INCDEC, l);
	n->op = op;
	n->a = var;
	n->ival = prefix;
	return n;
}

static struct node *block_of(struct node_list stmts, YYLTYPE l)
{
	struct node *n = mk(N_BLOCK, l);
	n->args = stmts;
	return n;
}

void yyerror(YYLTYPE *loc, const char *msg)
{
	diag_error(L(*loc), "%s", msg);
}

#line 377 "y.tab.c"

#ifdef short
# undef short
#endif

/* On compilers that do not define __PTRDIFF_MAX__ etc., make sure
   <limits.h> and (if available) <stdint.h> are included
   so that the code can choose integer types of a good width.  */

#ifndef __PTRDIFF_MAX__
# include <limits.h> /* INFRINGES ON USER NAME SPACE */
# if defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stdint.h> /* INFRINGES ON USER NAME SPACE */
#  define YY_STDINT_H
# endif
#endif

/* Narrow types that promote to a signed type and that can represent a
   signed or unsigned integer of at least N bits.  In tables they can
   save space and decrease cache pressure.  Promoting to a signed type
   helps avoid bugs in integer arithmetic.  */

#ifdef __INT_LEAST8_MAX__
typedef __INT_LEAST8_TYPE__ yytype_int8;
#elif defined YY_STDINT_H
typedef int_least8_t yytype_int8;
#else
typedef signed char yytype_int8;
#endif

#ifdef __INT_LEAST16_MAX__
typedef __INT_LEAST16_TYPE__ yytype_int16;
#elif defined YY_STDINT_H
typedef int_least16_t yytype_int16;
#else
typedef short yytype_int16;
#endif

/* Work around bug in HP-UX 11.23, which defines these macros
   incorrectly for preprocessor constants.  This workaround can likely
   be removed in 2023, as HPE has promised support for HP-UX 11.23
   (aka HP-UX 11i v2) only through the end of 2022; see Table 2 of
   <https://h20195.www2.hpe.com/V2/getpdf.aspx/4AA4-7673ENW.pdf>.  */
#ifdef __hpux
# undef UINT_LEAST8_MAX
# undef UINT_LEAST16_MAX
# define UINT_LEAST8_MAX 255
# define UINT_LEAST16_MAX 65535
#endif

#if defined __UINT_LEAST8_MAX__ && __UINT_LEAST8_MAX__ <= __INT_MAX__
typedef __UINT_LEAST8_TYPE__ yytype_uint8;
#elif (!defined __UINT_LEAST8_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST8_MAX <= INT_MAX)
typedef uint_least8_t yytype_uint8;
#elif !defined __UINT_LEAST8_MAX__ && UCHAR_MAX <= INT_MAX
typedef unsigned char yytype_uint8;
#else
typedef short yytype_uint8;
#endif

#if defined __UINT_LEAST16_MAX__ && __UINT_LEAST16_MAX__ <= __INT_MAX__
typedef __UINT_LEAST16_TYPE__ yytype_uint16;
#elif (!defined __UINT_LEAST16_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST16_MAX <= INT_MAX)
typedef uint_least16_t yytype_uint16;
#elif !defined __UINT_LEAST16_MAX__ && USHRT_MAX <= INT_MAX
typedef unsigned short yytype_uint16;
#else
typedef int yytype_uint16;
#endif

#ifndef YYPTRDIFF_T
# if defined __PTRDIFF_TYPE__ && defined __PTRDIFF_MAX__
#  define YYPTRDIFF_T __PTRDIFF_TYPE__
#  define YYPTRDIFF_MAXIMUM __PTRDIFF_MAX__
# elif defined PTRDIFF_MAX
#  ifndef ptrdiff_t
#   include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  endif
#  define YYPTRDIFF_T ptrdiff_t
#  define YYPTRDIFF_MAXIMUM PTRDIFF_MAX
# else
#  define YYPTRDIFF_T long
#  define YYPTRDIFF_MAXIMUM LONG_MAX
# endif
#endif

#ifndef YYSIZE_T
# ifdef __SIZE_TYPE__
#  define YYSIZE_T __SIZE_TYPE__
# elif defined size_t
#  define YYSIZE_T size_t
# elif defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  define YYSIZE_T size_t
# else
#  define YYSIZE_T unsigned
# endif
#endif

#define YYSIZE_MAXIMUM                                  \
  YY_CAST (YYPTRDIFF_T,                                 \
           (YYPTRDIFF_MAXIMUM < YY_CAST (YYSIZE_T, -1)  \
            ? YYPTRDIFF_MAXIMUM                         \
            : YY_CAST (YYSIZE_T, -1)))

#define YYSIZEOF(X) YY_CAST (YYPTRDIFF_T, sizeof (X))


/* Stored state numbers (used for stacks). */
typedef yytype_uint8 yy_state_t;

/* State numbers in computations.  */
typedef int yy_state_fast_t;

#ifndef YY_
# if defined YYENABLE_NLS && YYENABLE_NLS
#  if ENABLE_NLS
#   include <libintl.h> /* INFRINGES ON USER NAME SPACE */
#   define YY_(Msgid) dgettext ("bison-runtime", Msgid)
#  endif
# endif
# ifndef YY_
#  define YY_(Msgid) Msgid
# endif
#endif


#ifndef YY_ATTRIBUTE_PURE
# if defined __GNUC__ && 2 < __GNUC__ + (96 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_PURE __attribute__ ((__pure__))
# else
#  define YY_ATTRIBUTE_PURE
# endif
#endif

#ifndef YY_ATTRIBUTE_UNUSED
# if defined __GNUC__ && 2 < __GNUC__ + (7 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_UNUSED __attribute__ ((__unused__))
# else
#  define YY_ATTRIBUTE_UNUSED
# endif
#endif

/* Suppress unused-variable warnings by "using" E.  */
#if ! defined lint || defined __GNUC__
# define YY_USE(E) ((void) (E))
#else
# define YY_USE(E) /* empty */
#endif

/* Suppress an incorrect diagnostic about yylval being uninitialized.  */
#if defined __GNUC__ && ! defined __ICC && 406 <= __GNUC__ * 100 + __GNUC_MINOR__
# if __GNUC__ * 100 + __GNUC_MINOR__ < 407
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")
# else
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")              \
    _Pragma ("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
# endif
# define YY_IGNORE_MAYBE_UNINITIALIZED_END      \
    _Pragma ("GCC diagnostic pop")
#else
# define YY_INITIAL_VALUE(Value) Value
#endif
#ifndef YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_END
#endif
#ifndef YY_INITIAL_VALUE
# define YY_INITIAL_VALUE(Value) /* Nothing. */
#endif

#if defined __cplusplus && defined __GNUC__ && ! defined __ICC && 6 <= __GNUC__
# define YY_IGNORE_USELESS_CAST_BEGIN                          \
    _Pragma ("GCC diagnostic push")                            \
    _Pragma ("GCC diagnostic ignored \"-Wuseless-cast\"")
# define YY_IGNORE_USELESS_CAST_END            \
    _Pragma ("GCC diagnostic pop")
#endif
#ifndef YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_END
#endif


#define YY_ASSERT(E) ((void) (0 && (E)))

#if 1

/* The parser invokes alloca or malloc; define the necessary symbols.  */

# ifdef YYSTACK_USE_ALLOCA
#  if YYSTACK_USE_ALLOCA
#   ifdef __GNUC__
#    define YYSTACK_ALLOC __builtin_alloca
#   elif defined __BUILTIN_VA_ARG_INCR
#    include <alloca.h> /* INFRINGES ON USER NAME SPACE */
#   elif defined _AIX
#    define YYSTACK_ALLOC __alloca
#   elif defined _MSC_VER
#    include <malloc.h> /* INFRINGES ON USER NAME SPACE */
#    define alloca _alloca
#   else
#    define YYSTACK_ALLOC alloca
#    if ! defined _ALLOCA_H && ! defined EXIT_SUCCESS
#     include <stdlib.h> /* INFRINGES ON USER NAME SPACE */
      /* Use EXIT_SUCCESS as a witness for stdlib.h.  */
#     ifndef EXIT_SUCCESS
#      define EXIT_SUCCESS 0
#     endif
#    endif
#   endif
#  endif
# endif

# ifdef YYSTACK_ALLOC
   /* Pacify GCC's 'empty if-body' warning.  */
#  define YYSTACK_FREE(Ptr) do { /* empty */; } while (0)
#  ifndef YYSTACK_ALLOC_MAXIMUM
    /* The OS might guarantee only one guard page at the bottom of the stack,
       and a page size can be as small as 4096 bytes.  So we cannot safely
       invoke alloca (N) if N exceeds 4096.  Use a slightly smaller number
       to allow for a few compiler-allocated temporary stack slots.  */
#   define YYSTACK_ALLOC_MAXIMUM 4032 /* reasonable circa 2006 */
#  endif
# else
#  define YYSTACK_ALLOC YYMALLOC
#  define YYSTACK_FREE YYFREE
#  ifndef YYSTACK_ALLOC_MAXIMUM
#   define YYSTACK_ALLOC_MAXIMUM YYSIZE_MAXIMUM
#  endif
#  if (defined __cplusplus && ! defined EXIT_SUCCESS \
       && ! ((defined YYMALLOC || defined malloc) \
             && (defined YYFREE || defined free)))
#   include <stdlib.h> /* INFRINGES ON USER NAME SPACE */
#   ifndef EXIT_SUCCESS
#    define EXIT_SUCCESS 0
#   endif
#  endif
#  ifndef YYMALLOC
#   define YYMALLOC malloc
#   if ! defined malloc && ! defined EXIT_SUCCESS
void *malloc (YYSIZE_T); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
#  ifndef YYFREE
#   define YYFREE free
#   if ! defined free && ! defined EXIT_SUCCESS
void free (void *); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
# endif
#endif /* 1 */

#if (! defined yyoverflow \
     && (! defined __cplusplus \
         || (defined YYLTYPE_IS_TRIVIAL && YYLTYPE_IS_TRIVIAL \
             && defined YYSTYPE_IS_TRIVIAL && YYSTYPE_IS_TRIVIAL)))

/* A type that is properly aligned for any stack member.  */
union yyalloc
{
  yy_state_t yyss_alloc;
  YYSTYPE yyvs_alloc;
  YYLTYPE yyls_alloc;
};

/* The size of the maximum gap between one aligned stack and the next.  */
# define YYSTACK_GAP_MAXIMUM (YYSIZEOF (union yyalloc) - 1)

/* The size of an array large to enough to hold all stacks, each with
   N elements.  */
# define YYSTACK_BYTES(N) \
     ((N) * (YYSIZEOF (yy_state_t) + YYSIZEOF (YYSTYPE) \
             + YYSIZEOF (YYLTYPE)) \
      + 2 * YYSTACK_GAP_MAXIMUM)

# define YYCOPY_NEEDED 1

/* Relocate STACK from its old location to the new one.  The
   local variables YYSIZE and YYSTACKSIZE give the old and new number of
   elements in the stack, and YYPTR gives the new location of the
   stack.  Advance YYPTR to a properly aligned location for the next
   stack.  */
# define YYSTACK_RELOCATE(Stack_alloc, Stack)                           \
    do                                                                  \
      {                                                                 \
        YYPTRDIFF_T yynewbytes;                                         \
        YYCOPY (&yyptr->Stack_alloc, Stack, yysize);                    \
        Stack = &yyptr->Stack_alloc;                                    \
        yynewbytes = yystacksize * YYSIZEOF (*Stack) + YYSTACK_GAP_MAXIMUM; \
        yyptr += yynewbytes / YYSIZEOF (*yyptr);                        \
      }                                                                 \
    while (0)

#endif

#if defined YYCOPY_NEEDED && YYCOPY_NEEDED
/* Copy COUNT objects from SRC to DST.  The source and destination do
   not overlap.  */
# ifndef YYCOPY
#  if defined __GNUC__ && 1 < __GNUC__
#   define YYCOPY(Dst, Src, Count) \
      __builtin_memcpy (Dst, Src, YY_CAST (YYSIZE_T, (Count)) * sizeof (*(Src)))
#  else
#   define YYCOPY(Dst, Src, Count)              \
      do                                        \
        {                                       \
          YYPTRDIFF_T yyi;                      \
          for (yyi = 0; yyi < (Count); yyi++)   \
            (Dst)[yyi] = (Src)[yyi];            \
        }                                       \
      while (0)
#  endif
# endif
#endif /* !YYCOPY_NEEDED */

/* YYFINAL -- State number of the termination state.  */
#define YYFINAL  6
/* YYLAST -- Last index in YYTABLE.  */
#define YYLAST   677

/* YYNTOKENS -- Number of terminals.  */
#define YYNTOKENS  60
/* YYNNTS -- Number of nonterminals.  */
#define YYNNTS  18
/* YYNRULES -- Number of rules.  */
#define YYNRULES  83
/* YYNSTATES -- Number of states.  */
#define YYNSTATES  164

/* YYMAXUTOK -- Last valid token kind.  */
#define YYMAXUTOK   290


/* YYTRANSLATE(TOKEN-NUM) -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex, with out-of-bounds checking.  */
#define YYTRANSLATE(YYX)                                \
  (0 <= (YYX) && (YYX) <= YYMAXUTOK                     \
   ? YY_CAST (yysymbol_kind_t, yytranslate[YYX])        \
   : YYSYMBOL_YYUNDEF)

/* YYTRANSLATE[TOKEN-NUM] -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex.  */
static const yytype_int8 yytranslate[] =
{
       0,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,    57,     2,     2,     2,    46,    39,     2,
      53,    54,    44,    42,    48,    43,    59,    45,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,    36,    51,
      40,    52,    41,    35,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,    55,     2,    56,    38,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,    49,    37,    50,    58,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     1,     2,     3,     4,
       5,     6,     7,     8,     9,    10,    11,    12,    13,    14,
      15,    16,    17,    18,    19,    20,    21,    22,    23,    24,
      25,    26,    27,    28,    29,    30,    31,    32,    33,    34,
      47
};

#if YYDEBUG
/* YYRLINE[YYN] -- Source line where rule number YYN was defined.  */
static const yytype_int16 yyrline[] =
{
       0,   115,   115,   119,   120,   124,   133,   139,   148,   149,
     153,   154,   158,   159,   160,   161,   165,   166,   167,   168,
     169,   170,   174,   175,   176,   177,   185,   195,   196,   197,
     201,   202,   206,   207,   211,   212,   216,   217,   218,   219,
     220,   221,   222,   223,   224,   225,   226,   227,   228,   229,
     230,   231,   232,   233,   234,   235,   236,   237,   238,   239,
     240,   241,   242,   243,   247,   250,   256,   257,   261,   262,
     263,   264,   265,   266,   267,   268,   269,   270,   271,   272,
     278,   279,   280,   281
};
#endif

/** Accessing symbol of state STATE.  */
#define YY_ACCESSING_SYMBOL(State) YY_CAST (yysymbol_kind_t, yystos[State])

#if 1
/* The user-facing name of the symbol whose (internal) number is
   YYSYMBOL.  No bounds checking.  */
static const char *yysymbol_name (yysymbol_kind_t yysymbol) YY_ATTRIBUTE_UNUSED;

static const char *
yysymbol_name (yysymbol_kind_t yysymbol)
{
  static const char *const yy_sname[] =
  {
  "end of file", "error", "invalid token", "attach point", "integer",
  "string", "identifier", "variable", "map", "positional parameter", "$#",
  "type name", "struct", "if", "else", "while", "for", "unroll", "break",
  "continue", "return", "end of predicate", "==", "!=", "<=", ">=", "&&",
  "||", "<<", ">>", "++", "--", "->", "..", "compound assignment", "'?'",
  "':'", "'|'", "'^'", "'&'", "'<'", "'>'", "'+'", "'-'", "'*'", "'/'",
  "'%'", "UNARY", "','", "'{'", "'}'", "';'", "'='", "'('", "')'", "'['",
  "']'", "'!'", "'~'", "'.'", "$accept", "program", "probes", "probe",
  "attach_list", "pred", "block", "stmts", "stmt_simple", "stmt_compound",
  "if_stmt", "lvalue", "map_ref", "expr_list", "expr", "cast", "stars",
  "primary", YY_NULLPTR
  };
  return yy_sname[yysymbol];
}
#endif

#define YYPACT_NINF (-124)

#define yypact_value_is_default(Yyn) \
  ((Yyn) == YYPACT_NINF)

#define YYTABLE_NINF (-1)

#define yytable_value_is_error(Yyn) \
  0

/* YYPACT[STATE-NUM] -- Index in YYTABLE of the portion describing
   STATE-NUM.  */
static const yytype_int16 yypact[] =
{
      15,  -124,    31,    15,  -124,   -10,  -124,  -124,   247,    33,
      -9,  -124,  -124,    44,  -124,    52,  -124,  -124,    -4,    -4,
     247,   247,   247,   181,   247,   247,    43,  -124,   450,  -124,
     -30,  -124,  -124,  -124,   192,   247,  -124,  -124,  -124,  -124,
    -124,  -124,    99,   284,  -124,  -124,  -124,  -124,  -124,   247,
     247,   247,   247,   247,   247,   247,   247,   247,   247,   247,
     247,   247,   247,   247,   247,   247,   247,   247,   102,   247,
     100,   126,  -124,   -20,   525,   -26,   -34,  -124,   247,  -124,
     631,   631,    47,    47,   575,   550,    57,    57,   475,   600,
     219,   608,    47,    47,    50,    50,  -124,  -124,  -124,  -124,
      42,  -124,  -124,    59,    61,    62,    64,  -124,  -124,  -124,
    -124,  -124,    60,  -124,  -124,   -25,   525,   247,  -124,  -124,
    -124,   247,   -33,    24,   247,  -124,   247,   247,   113,   247,
    -124,  -124,   247,   247,   525,  -124,   247,  -124,   525,   317,
     350,    86,   383,   525,   525,  -124,    -9,    -9,   247,    -9,
     109,  -124,    72,   500,  -124,   -12,    -9,   247,  -124,  -124,
    -124,   416,    -9,  -124
};

/* YYDEFACT[STATE-NUM] -- Default reduction number in state STATE-NUM.
   Performed when YYTABLE does not specify something else to do.  Zero
   means the default is an error.  */
static const yytype_int8 yydefact[] =
{
       0,     6,     0,     2,     3,     8,     1,     4,     0,     0,
       0,    68,    69,    70,    30,    32,    71,    72,     0,     0,
       0,     0,     0,     0,     0,     0,    73,    31,     0,    63,
      36,     7,    12,     5,     0,     0,    61,    62,    60,    56,
      59,    66,     0,     0,    57,    58,    74,    75,     9,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,    76,     0,    34,     0,     0,    66,     0,    78,
      43,    44,    47,    48,    39,    38,    49,    50,     0,    40,
      41,    42,    45,    46,    51,    52,    53,    54,    55,    82,
       0,    81,    80,     0,     0,     0,     0,    19,    20,    21,
      10,    13,     0,    15,    22,    73,    16,     0,    77,    33,
      67,     0,     0,     0,     0,    83,     0,     0,     0,     0,
      11,    14,     0,     0,    35,    64,     0,    79,    37,     0,
       0,     0,     0,    18,    17,    65,     0,     0,     0,     0,
      27,    23,    31,     0,    24,     0,     0,     0,    28,    29,
      26,     0,     0,    25
};

/* YYPGOTO[NTERM-NUM].  */
static const yytype_int8 yypgoto[] =
{
    -124,  -124,  -124,   124,  -124,  -124,  -123,  -124,  -124,  -124,
     -18,   -11,   -19,   -16,    -8,  -124,    70,  -124
};

/* YYDEFGOTO[NTERM-NUM].  */
static const yytype_int8 yydefgoto[] =
{
       0,     2,     3,     4,     5,    10,    33,    71,   112,   113,
     114,    26,    27,    73,    74,    29,    76,    30
};

/* YYTABLE[YYPACT[STATE-NUM]] -- What to do in state STATE-NUM.  If
   positive, shift that token.  If negative, reduce the rule whose
   number is the opposite.  If YYTABLE_NINF, syntax error.  */
static const yytype_uint8 yytable[] =
{
      28,   103,    68,    14,    15,    46,    47,    36,    37,   132,
     120,   120,    38,    39,    40,    43,    44,    45,     1,    75,
     121,   136,   117,   150,   151,    69,   154,   133,   117,    70,
     119,     6,   158,   160,   118,     8,    31,    32,     9,   163,
      32,    80,    81,    82,    83,    84,    85,    86,    87,    88,
      89,    90,    91,    92,    93,    94,    95,    96,    97,    98,
     115,   100,   123,   116,    49,    50,    51,    52,    53,    54,
      55,    56,   117,    46,    47,    55,    56,    57,   137,    58,
      59,    60,    61,    62,    63,    64,    65,    66,    67,    63,
      64,    65,    66,    67,    65,    66,    67,    34,   125,    63,
      64,    65,    66,    67,   101,    77,   102,    35,    99,   134,
     130,   131,   126,   135,   127,   128,   138,   129,   139,   140,
     141,   142,   148,   155,   143,   144,   156,     7,   145,   152,
      11,    12,    13,    14,    15,    16,    17,   159,     0,   103,
     153,   104,   105,   106,   107,   108,   109,   122,     0,   161,
       0,     0,     0,     0,     0,     0,    18,    19,     0,     0,
       0,     0,     0,     0,     0,    20,     0,     0,     0,    21,
      22,     0,     0,     0,     0,     0,   110,   111,     0,    23,
       0,     0,     0,    24,    25,    11,    12,    13,    14,    15,
      16,    17,    41,    42,     0,     0,    11,    12,    13,    14,
      15,    16,    17,     0,     0,     0,     0,     0,     0,     0,
       0,    18,    19,     0,     0,     0,     0,     0,     0,     0,
      20,     0,    18,    19,    21,    22,     0,     0,     0,     0,
       0,    20,     0,     0,    23,    21,    22,     0,    24,    25,
       0,    49,    50,    51,    52,    23,    72,    55,    56,    24,
      25,    11,    12,    13,    14,    15,    16,    17,    60,    61,
      62,    63,    64,    65,    66,    67,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,    18,    19,     0,
       0,     0,     0,     0,     0,     0,    20,     0,     0,     0,
      21,    22,     0,     0,     0,     0,     0,     0,     0,     0,
      23,     0,     0,     0,    24,    25,    49,    50,    51,    52,
      53,    54,    55,    56,     0,     0,     0,     0,     0,    57,
       0,    58,    59,    60,    61,    62,    63,    64,    65,    66,
      67,     0,    78,     0,     0,     0,     0,     0,    79,    49,
      50,    51,    52,    53,    54,    55,    56,     0,     0,     0,
       0,     0,    57,     0,    58,    59,    60,    61,    62,    63,
      64,    65,    66,    67,     0,     0,     0,     0,     0,     0,
       0,   146,    49,    50,    51,    52,    53,    54,    55,    56,
       0,     0,     0,     0,     0,    57,     0,    58,    59,    60,
      61,    62,    63,    64,    65,    66,    67,     0,     0,     0,
       0,     0,     0,     0,   147,    49,    50,    51,    52,    53,
      54,    55,    56,     0,     0,     0,     0,     0,    57,     0,
      58,    59,    60,    61,    62,    63,    64,    65,    66,    67,
       0,     0,     0,     0,     0,     0,     0,   149,    49,    50,
      51,    52,    53,    54,    55,    56,     0,     0,     0,     0,
       0,    57,     0,    58,    59,    60,    61,    62,    63,    64,
      65,    66,    67,     0,     0,     0,     0,     0,     0,     0,
     162,    48,    49,    50,    51,    52,    53,    54,    55,    56,
       0,     0,     0,     0,     0,    57,     0,    58,    59,    60,
      61,    62,    63,    64,    65,    66,    67,    49,    50,    51,
      52,    53,    54,    55,    56,     0,     0,     0,     0,     0,
      57,   124,    58,    59,    60,    61,    62,    63,    64,    65,
      66,    67,    49,    50,    51,    52,    53,    54,    55,    56,
       0,     0,     0,   157,     0,    57,     0,    58,    59,    60,
      61,    62,    63,    64,    65,    66,    67,    49,    50,    51,
      52,    53,    54,    55,    56,     0,     0,     0,     0,     0,
      57,     0,    58,    59,    60,    61,    62,    63,    64,    65,
      66,    67,    49,    50,    51,    52,    53,     0,    55,    56,
       0,     0,     0,     0,     0,     0,     0,    58,    59,    60,
      61,    62,    63,    64,    65,    66,    67,    49,    50,    51,
      52,     0,     0,    55,    56,     0,     0,     0,     0,     0,
       0,     0,    58,    59,    60,    61,    62,    63,    64,    65,
      66,    67,    49,    50,    51,    52,     0,     0,    55,    56,
      49,    50,    51,    52,     0,     0,    55,    56,    59,    60,
      61,    62,    63,    64,    65,    66,    67,     0,    61,    62,
      63,    64,    65,    66,    67,    51,    52,     0,     0,    55,
      56,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,    61,    62,    63,    64,    65,    66,    67
};

static const yytype_int16 yycheck[] =
{
       8,    13,    32,     7,     8,    30,    31,    18,    19,    34,
      44,    44,    20,    21,    22,    23,    24,    25,     3,    35,
      54,    54,    48,   146,   147,    55,   149,    52,    48,    59,
      56,     0,   155,   156,    54,    45,     3,    49,    48,   162,
      49,    49,    50,    51,    52,    53,    54,    55,    56,    57,
      58,    59,    60,    61,    62,    63,    64,    65,    66,    67,
      71,    69,    78,    71,    22,    23,    24,    25,    26,    27,
      28,    29,    48,    30,    31,    28,    29,    35,    54,    37,
      38,    39,    40,    41,    42,    43,    44,    45,    46,    42,
      43,    44,    45,    46,    44,    45,    46,    53,    56,    42,
      43,    44,    45,    46,     4,     6,     6,    55,     6,   117,
      50,    51,    53,   121,    53,    53,   124,    53,   126,   127,
       7,   129,    36,    14,   132,   133,    54,     3,   136,   148,
       4,     5,     6,     7,     8,     9,    10,   155,    -1,    13,
     148,    15,    16,    17,    18,    19,    20,    77,    -1,   157,
      -1,    -1,    -1,    -1,    -1,    -1,    30,    31,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    39,    -1,    -1,    -1,    43,
      44,    -1,    -1,    -1,    -1,    -1,    50,    51,    -1,    53,
      -1,    -1,    -1,    57,    58,     4,     5,     6,     7,     8,
       9,    10,    11,    12,    -1,    -1,     4,     5,     6,     7,
       8,     9,    10,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    30,    31,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      39,    -1,    30,    31,    43,    44,    -1,    -1,    -1,    -1,
      -1,    39,    -1,    -1,    53,    43,    44,    -1,    57,    58,
      -1,    22,    23,    24,    25,    53,    54,    28,    29,    57,
      58,     4,     5,     6,     7,     8,     9,    10,    39,    40,
      41,    42,    43,    44,    45,    46,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    30,    31,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    39,    -1,    -1,    -1,
      43,    44,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      53,    -1,    -1,    -1,    57,    58,    22,    23,    24,    25,
      26,    27,    28,    29,    -1,    -1,    -1,    -1,    -1,    35,
      -1,    37,    38,    39,    40,    41,    42,    43,    44,    45,
      46,    -1,    48,    -1,    -1,    -1,    -1,    -1,    54,    22,
      23,    24,    25,    26,    27,    28,    29,    -1,    -1,    -1,
      -1,    -1,    35,    -1,    37,    38,    39,    40,    41,    42,
      43,    44,    45,    46,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    54,    22,    23,    24,    25,    26,    27,    28,    29,
      -1,    -1,    -1,    -1,    -1,    35,    -1,    37,    38,    39,
      40,    41,    42,    43,    44,    45,    46,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    54,    22,    23,    24,    25,    26,
      27,    28,    29,    -1,    -1,    -1,    -1,    -1,    35,    -1,
      37,    38,    39,    40,    41,    42,    43,    44,    45,    46,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    54,    22,    23,
      24,    25,    26,    27,    28,    29,    -1,    -1,    -1,    -1,
      -1,    35,    -1,    37,    38,    39,    40,    41,    42,    43,
      44,    45,    46,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      54,    21,    22,    23,    24,    25,    26,    27,    28,    29,
      -1,    -1,    -1,    -1,    -1,    35,    -1,    37,    38,    39,
      40,    41,    42,    43,    44,    45,    46,    22,    23,    24,
      25,    26,    27,    28,    29,    -1,    -1,    -1,    -1,    -1,
      35,    36,    37,    38,    39,    40,    41,    42,    43,    44,
      45,    46,    22,    23,    24,    25,    26,    27,    28,    29,
      -1,    -1,    -1,    33,    -1,    35,    -1,    37,    38,    39,
      40,    41,    42,    43,    44,    45,    46,    22,    23,    24,
      25,    26,    27,    28,    29,    -1,    -1,    -1,    -1,    -1,
      35,    -1,    37,    38,    39,    40,    41,    42,    43,    44,
      45,    46,    22,    23,    24,    25,    26,    -1,    28,    29,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    37,    38,    39,
      40,    41,    42,    43,    44,    45,    46,    22,    23,    24,
      25,    -1,    -1,    28,    29,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    37,    38,    39,    40,    41,    42,    43,    44,
      45,    46,    22,    23,    24,    25,    -1,    -1,    28,    29,
      22,    23,    24,    25,    -1,    -1,    28,    29,    38,    39,
      40,    41,    42,    43,    44,    45,    46,    -1,    40,    41,
      42,    43,    44,    45,    46,    24,    25,    -1,    -1,    28,
      29,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    40,    41,    42,    43,    44,    45,    46
};

/* YYSTOS[STATE-NUM] -- The symbol kind of the accessing symbol of
   state STATE-NUM.  */
static const yytype_int8 yystos[] =
{
       0,     3,    61,    62,    63,    64,     0,    63,    45,    48,
      65,     4,     5,     6,     7,     8,     9,    10,    30,    31,
      39,    43,    44,    53,    57,    58,    71,    72,    74,    75,
      77,     3,    49,    66,    53,    55,    71,    71,    74,    74,
      74,    11,    12,    74,    74,    74,    30,    31,    21,    22,
      23,    24,    25,    26,    27,    28,    29,    35,    37,    38,
      39,    40,    41,    42,    43,    44,    45,    46,    32,    55,
      59,    67,    54,    73,    74,    73,    76,     6,    48,    54,
      74,    74,    74,    74,    74,    74,    74,    74,    74,    74,
      74,    74,    74,    74,    74,    74,    74,    74,    74,     6,
      74,     4,     6,    13,    15,    16,    17,    18,    19,    20,
      50,    51,    68,    69,    70,    71,    74,    48,    54,    56,
      44,    54,    76,    73,    36,    56,    53,    53,    53,    53,
      50,    51,    34,    52,    74,    74,    54,    54,    74,    74,
      74,     7,    74,    74,    74,    74,    54,    54,    36,    54,
      66,    66,    72,    74,    66,    14,    54,    33,    66,    70,
      66,    74,    54,    66
};

/* YYR1[RULE-NUM] -- Symbol kind of the left-hand side of rule RULE-NUM.  */
static const yytype_int8 yyr1[] =
{
       0,    60,    61,    62,    62,    63,    64,    64,    65,    65,
      66,    66,    67,    67,    67,    67,    68,    68,    68,    68,
      68,    68,    69,    69,    69,    69,    69,    70,    70,    70,
      71,    71,    72,    72,    73,    73,    74,    74,    74,    74,
      74,    74,    74,    74,    74,    74,    74,    74,    74,    74,
      74,    74,    74,    74,    74,    74,    74,    74,    74,    74,
      74,    74,    74,    74,    75,    75,    76,    76,    77,    77,
      77,    77,    77,    77,    77,    77,    77,    77,    77,    77,
      77,    77,    77,    77
};

/* YYR2[RULE-NUM] -- Number of symbols on the right-hand side of rule RULE-NUM.  */
static const yytype_int8 yyr2[] =
{
       0,     2,     1,     1,     2,     3,     1,     3,     0,     3,
       3,     4,     0,     2,     3,     2,     1,     3,     3,     1,
       1,     1,     1,     5,     5,     9,     7,     5,     7,     7,
       1,     1,     1,     4,     1,     3,     1,     5,     3,     3,
       3,     3,     3,     3,     3,     3,     3,     3,     3,     3,
       3,     3,     3,     3,     3,     3,     2,     2,     2,     2,
       2,     2,     2,     1,     5,     6,     0,     2,     1,     1,
       1,     1,     1,     1,     2,     2,     3,     4,     3,     5,
       3,     3,     3,     4
};


enum { YYENOMEM = -2 };

#define yyerrok         (yyerrstatus = 0)
#define yyclearin       (yychar = YYEMPTY)

#define YYACCEPT        goto yyacceptlab
#define YYABORT         goto yyabortlab
#define YYERROR         goto yyerrorlab
#define YYNOMEM         goto yyexhaustedlab


#define YYRECOVERING()  (!!yyerrstatus)

#define YYBACKUP(Token, Value)                                    \
  do                                                              \
    if (yychar == YYEMPTY)                                        \
      {                                                           \
        yychar = (Token);                                         \
        yylval = (Value);                                         \
        YYPOPSTACK (yylen);                                       \
        yystate = *yyssp;                                         \
        goto yybackup;                                            \
      }                                                           \
    else                                                          \
      {                                                           \
        yyerror (&yylloc, YY_("syntax error: cannot back up")); \
        YYERROR;                                                  \
      }                                                           \
  while (0)

/* Backward compatibility with an undocumented macro.
   Use YYerror or YYUNDEF. */
#define YYERRCODE YYUNDEF

/* YYLLOC_DEFAULT -- Set CURRENT to span from RHS[1] to RHS[N].
   If N is 0, then set CURRENT to the empty location which ends
   the previous symbol: RHS[0] (always defined).  */

#ifndef YYLLOC_DEFAULT
# define YYLLOC_DEFAULT(Current, Rhs, N)                                \
    do                                                                  \
      if (N)                                                            \
        {                                                               \
          (Current).first_line   = YYRHSLOC (Rhs, 1).first_line;        \
          (Current).first_column = YYRHSLOC (Rhs, 1).first_column;      \
          (Current).last_line    = YYRHSLOC (Rhs, N).last_line;         \
          (Current).last_column  = YYRHSLOC (Rhs, N).last_column;       \
        }                                                               \
      else                                                              \
        {                                                               \
          (Current).first_line   = (Current).last_line   =              \
            YYRHSLOC (Rhs, 0).last_line;                                \
          (Current).first_column = (Current).last_column =              \
            YYRHSLOC (Rhs, 0).last_column;                              \
        }                                                               \
    while (0)
#endif

#define YYRHSLOC(Rhs, K) ((Rhs)[K])


/* Enable debugging if requested.  */
#if YYDEBUG

# ifndef YYFPRINTF
#  include <stdio.h> /* INFRINGES ON USER NAME SPACE */
#  define YYFPRINTF fprintf
# endif

# define YYDPRINTF(Args)                        \
do {                                            \
  if (yydebug)                                  \
    YYFPRINTF Args;                             \
} while (0)


/* YYLOCATION_PRINT -- Print the location on the stream.
   This macro was not mandated originally: define only if we know
   we won't break user code: when these are the locations we know.  */

# ifndef YYLOCATION_PRINT

#  if defined YY_LOCATION_PRINT

   /* Temporary convenience wrapper in case some people defined the
      undocumented and private YY_LOCATION_PRINT macros.  */
#   define YYLOCATION_PRINT(File, Loc)  YY_LOCATION_PRINT(File, *(Loc))

#  elif defined YYLTYPE_IS_TRIVIAL && YYLTYPE_IS_TRIVIAL

/* Print *YYLOCP on YYO.  Private, do not rely on its existence. */

YY_ATTRIBUTE_UNUSED
static int
yy_location_print_ (FILE *yyo, YYLTYPE const * const yylocp)
{
  int res = 0;
  int end_col = 0 != yylocp->last_column ? yylocp->last_column - 1 : 0;
  if (0 <= yylocp->first_line)
    {
      res += YYFPRINTF (yyo, "%d", yylocp->first_line);
      if (0 <= yylocp->first_column)
        res += YYFPRINTF (yyo, ".%d", yylocp->first_column);
    }
  if (0 <= yylocp->last_line)
    {
      if (yylocp->first_line < yylocp->last_line)
        {
          res += YYFPRINTF (yyo, "-%d", yylocp->last_line);
          if (0 <= end_col)
            res += YYFPRINTF (yyo, ".%d", end_col);
        }
      else if (0 <= end_col && yylocp->first_column < end_col)
        res += YYFPRINTF (yyo, "-%d", end_col);
    }
  return res;
}

#   define YYLOCATION_PRINT  yy_location_print_

    /* Temporary convenience wrapper in case some people defined the
       undocumented and private YY_LOCATION_PRINT macros.  */
#   define YY_LOCATION_PRINT(File, Loc)  YYLOCATION_PRINT(File, &(Loc))

#  else

#   define YYLOCATION_PRINT(File, Loc) ((void) 0)
    /* Temporary convenience wrapper in case some people defined the
       undocumented and private YY_LOCATION_PRINT macros.  */
#   define YY_LOCATION_PRINT  YYLOCATION_PRINT

#  endif
# endif /* !defined YYLOCATION_PRINT */


# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)                    \
do {                                                                      \
  if (yydebug)                                                            \
    {                                                                     \
      YYFPRINTF (stderr, "%s ", Title);                                   \
      yy_symbol_print (stderr,                                            \
                  Kind, Value, Location); \
      YYFPRINTF (stderr, "\n");                                           \
    }                                                                     \
} while (0)


/*-----------------------------------.
| Print this symbol's value on YYO.  |
`-----------------------------------*/

static void
yy_symbol_value_print (FILE *yyo,
                       yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep, YYLTYPE const * const yylocationp)
{
  FILE *yyoutput = yyo;
  YY_USE (yyoutput);
  YY_USE (yylocationp);
  if (!yyvaluep)
    return;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}


/*---------------------------.
| Print this symbol on YYO.  |
`---------------------------*/

static void
yy_symbol_print (FILE *yyo,
                 yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep, YYLTYPE const * const yylocationp)
{
  YYFPRINTF (yyo, "%s %s (",
             yykind < YYNTOKENS ? "token" : "nterm", yysymbol_name (yykind));

  YYLOCATION_PRINT (yyo, yylocationp);
  YYFPRINTF (yyo, ": ");
  yy_symbol_value_print (yyo, yykind, yyvaluep, yylocationp);
  YYFPRINTF (yyo, ")");
}

/*------------------------------------------------------------------.
| yy_stack_print -- Print the state stack from its BOTTOM up to its |
| TOP (included).                                                   |
`------------------------------------------------------------------*/

static void
yy_stack_print (yy_state_t *yybottom, yy_state_t *yytop)
{
  YYFPRINTF (stderr, "Stack now");
  for (; yybottom <= yytop; yybottom++)
    {
      int yybot = *yybottom;
      YYFPRINTF (stderr, " %d", yybot);
    }
  YYFPRINTF (stderr, "\n");
}

# define YY_STACK_PRINT(Bottom, Top)                            \
do {                                                            \
  if (yydebug)                                                  \
    yy_stack_print ((Bottom), (Top));                           \
} while (0)


/*------------------------------------------------.
| Report that the YYRULE is going to be reduced.  |
`------------------------------------------------*/

static void
yy_reduce_print (yy_state_t *yyssp, YYSTYPE *yyvsp, YYLTYPE *yylsp,
                 int yyrule)
{
  int yylno = yyrline[yyrule];
  int yynrhs = yyr2[yyrule];
  int yyi;
  YYFPRINTF (stderr, "Reducing stack by rule %d (line %d):\n",
             yyrule - 1, yylno);
  /* The symbols being reduced.  */
  for (yyi = 0; yyi < yynrhs; yyi++)
    {
      YYFPRINTF (stderr, "   $%d = ", yyi + 1);
      yy_symbol_print (stderr,
                       YY_ACCESSING_SYMBOL (+yyssp[yyi + 1 - yynrhs]),
                       &yyvsp[(yyi + 1) - (yynrhs)],
                       &(yylsp[(yyi + 1) - (yynrhs)]));
      YYFPRINTF (stderr, "\n");
    }
}

# define YY_REDUCE_PRINT(Rule)          \
do {                                    \
  if (yydebug)                          \
    yy_reduce_print (yyssp, yyvsp, yylsp, Rule); \
} while (0)

/* Nonzero means print parse trace.  It is left uninitialized so that
   multiple parsers can coexist.  */
int yydebug;
#else /* !YYDEBUG */
# define YYDPRINTF(Args) ((void) 0)
# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)
# define YY_STACK_PRINT(Bottom, Top)
# define YY_REDUCE_PRINT(Rule)
#endif /* !YYDEBUG */


/* YYINITDEPTH -- initial size of the parser's stacks.  */
#ifndef YYINITDEPTH
# define YYINITDEPTH 200
#endif

/* YYMAXDEPTH -- maximum size the stacks can grow to (effective only
   if the built-in stack extension method is used).

   Do not make this value too large; the results are undefined if
   YYSTACK_ALLOC_MAXIMUM < YYSTACK_BYTES (YYMAXDEPTH)
   evaluated with infinite-precision integer arithmetic.  */

#ifndef YYMAXDEPTH
# define YYMAXDEPTH 10000
#endif


/* Context of a parse error.  */
typedef struct
{
  yy_state_t *yyssp;
  yysymbol_kind_t yytoken;
  YYLTYPE *yylloc;
} yypcontext_t;

/* Put in YYARG at most YYARGN of the expected tokens given the
   current YYCTX, and return the number of tokens stored in YYARG.  If
   YYARG is null, return the number of expected tokens (guaranteed to
   be less than YYNTOKENS).  Return YYENOMEM on memory exhaustion.
   Return 0 if there are more than YYARGN expected tokens, yet fill
   YYARG up to YYARGN. */
static int
yypcontext_expected_tokens (const yypcontext_t *yyctx,
                            yysymbol_kind_t yyarg[], int yyargn)
{
  /* Actual size of YYARG. */
  int yycount = 0;
  int yyn = yypact[+*yyctx->yyssp];
  if (!yypact_value_is_default (yyn))
    {
      /* Start YYX at -YYN if negative to avoid negative indexes in
         YYCHECK.  In other words, skip the first -YYN actions for
         this state because they are default actions.  */
      int yyxbegin = yyn < 0 ? -yyn : 0;
      /* Stay within bounds of both yycheck and yytname.  */
      int yychecklim = YYLAST - yyn + 1;
      int yyxend = yychecklim < YYNTOKENS ? yychecklim : YYNTOKENS;
      int yyx;
      for (yyx = yyxbegin; yyx < yyxend; ++yyx)
        if (yycheck[yyx + yyn] == yyx && yyx != YYSYMBOL_YYerror
            && !yytable_value_is_error (yytable[yyx + yyn]))
          {
            if (!yyarg)
              ++yycount;
            else if (yycount == yyargn)
              return 0;
            else
              yyarg[yycount++] = YY_CAST (yysymbol_kind_t, yyx);
          }
    }
  if (yyarg && yycount == 0 && 0 < yyargn)
    yyarg[0] = YYSYMBOL_YYEMPTY;
  return yycount;
}




#ifndef yystrlen
# if defined __GLIBC__ && defined _STRING_H
#  define yystrlen(S) (YY_CAST (YYPTRDIFF_T, strlen (S)))
# else
/* Return the length of YYSTR.  */
static YYPTRDIFF_T
yystrlen (const char *yystr)
{
  YYPTRDIFF_T yylen;
  for (yylen = 0; yystr[yylen]; yylen++)
    continue;
  return yylen;
}
# endif
#endif

#ifndef yystpcpy
# if defined __GLIBC__ && defined _STRING_H && defined _GNU_SOURCE
#  define yystpcpy stpcpy
# else
/* Copy YYSRC to YYDEST, returning the address of the terminating '\0' in
   YYDEST.  */
static char *
yystpcpy (char *yydest, const char *yysrc)
{
  char *yyd = yydest;
  const char *yys = yysrc;

  while ((*yyd++ = *yys++) != '\0')
    continue;

  return yyd - 1;
}
# endif
#endif



static int
yy_syntax_error_arguments (const yypcontext_t *yyctx,
                           yysymbol_kind_t yyarg[], int yyargn)
{
  /* Actual size of YYARG. */
  int yycount = 0;
  /* There are many possibilities here to consider:
     - If this state is a consistent state with a default action, then
       the only way this function was invoked is if the default action
       is an error action.  In that case, don't check for expected
       tokens because there are none.
     - The only way there can be no lookahead present (in yychar) is if
       this state is a consistent state with a default action.  Thus,
       detecting the absence of a lookahead is sufficient to determine
       that there is no unexpected or expected token to report.  In that
       case, just report a simple "syntax error".
     - Don't assume there isn't a lookahead just because this state is a
       consistent state with a default action.  There might have been a
       previous inconsistent state, consistent state with a non-default
       action, or user semantic action that manipulated yychar.
     - Of course, the expected token list depends on states to have
       correct lookahead information, and it depends on the parser not
       to perform extra reductions after fetching a lookahead from the
       scanner and before detecting a syntax error.  Thus, state merging
       (from LALR or IELR) and default reductions corrupt the expected
       token list.  However, the list is correct for canonical LR with
       one exception: it will still contain any token that will not be
       accepted due to an error action in a later state.
  */
  if (yyctx->yytoken != YYSYMBOL_YYEMPTY)
    {
      int yyn;
      if (yyarg)
        yyarg[yycount] = yyctx->yytoken;
      ++yycount;
      yyn = yypcontext_expected_tokens (yyctx,
                                        yyarg ? yyarg + 1 : yyarg, yyargn - 1);
      if (yyn == YYENOMEM)
        return YYENOMEM;
      else
        yycount += yyn;
    }
  return yycount;
}

/* Copy into *YYMSG, which is of size *YYMSG_ALLOC, an error message
   about the unexpected token YYTOKEN for the state stack whose top is
   YYSSP.

   Return 0 if *YYMSG was successfully written.  Return -1 if *YYMSG is
   not large enough to hold the message.  In that case, also set
   *YYMSG_ALLOC to the required number of bytes.  Return YYENOMEM if the
   required number of bytes is too large to store.  */
static int
yysyntax_error (YYPTRDIFF_T *yymsg_alloc, char **yymsg,
                const yypcontext_t *yyctx)
{
  enum { YYARGS_MAX = 5 };
  /* Internationalized format string. */
  const char *yyformat = YY_NULLPTR;
  /* Arguments of yyformat: reported tokens (one for the "unexpected",
     one per "expected"). */
  yysymbol_kind_t yyarg[YYARGS_MAX];
  /* Cumulated lengths of YYARG.  */
  YYPTRDIFF_T yysize = 0;

  /* Actual size of YYARG. */
  int yycount = yy_syntax_error_arguments (yyctx, yyarg, YYARGS_MAX);
  if (yycount == YYENOMEM)
    return YYENOMEM;

  switch (yycount)
    {
#define YYCASE_(N, S)                       \
      case N:                               \
        yyformat = S;                       \
        break
    default: /* Avoid compiler warnings. */
      YYCASE_(0, YY_("syntax error"));
      YYCASE_(1, YY_("syntax error, unexpected %s"));
      YYCASE_(2, YY_("syntax error, unexpected %s, expecting %s"));
      YYCASE_(3, YY_("syntax error, unexpected %s, expecting %s or %s"));
      YYCASE_(4, YY_("syntax error, unexpected %s, expecting %s or %s or %s"));
      YYCASE_(5, YY_("syntax error, unexpected %s, expecting %s or %s or %s or %s"));
#undef YYCASE_
    }

  /* Compute error message size.  Don't count the "%s"s, but reserve
     room for the terminator.  */
  yysize = yystrlen (yyformat) - 2 * yycount + 1;
  {
    int yyi;
    for (yyi = 0; yyi < yycount; ++yyi)
      {
        YYPTRDIFF_T yysize1
          = yysize + yystrlen (yysymbol_name (yyarg[yyi]));
        if (yysize <= yysize1 && yysize1 <= YYSTACK_ALLOC_MAXIMUM)
          yysize = yysize1;
        else
          return YYENOMEM;
      }
  }

  if (*yymsg_alloc < yysize)
    {
      *yymsg_alloc = 2 * yysize;
      if (! (yysize <= *yymsg_alloc
             && *yymsg_alloc <= YYSTACK_ALLOC_MAXIMUM))
        *yymsg_alloc = YYSTACK_ALLOC_MAXIMUM;
      return -1;
    }

  /* Avoid sprintf, as that infringes on the user's name space.
     Don't have undefined behavior even if the translation
     produced a string with the wrong number of "%s"s.  */
  {
    char *yyp = *yymsg;
    int yyi = 0;
    while ((*yyp = *yyformat) != '\0')
      if (*yyp == '%' && yyformat[1] == 's' && yyi < yycount)
        {
          yyp = yystpcpy (yyp, yysymbol_name (yyarg[yyi++]));
          yyformat += 2;
        }
      else
        {
          ++yyp;
          ++yyformat;
        }
  }
  return 0;
}


/*-----------------------------------------------.
| Release the memory associated to this symbol.  |
`-----------------------------------------------*/

static void
yydestruct (const char *yymsg,
            yysymbol_kind_t yykind, YYSTYPE *yyvaluep, YYLTYPE *yylocationp)
{
  YY_USE (yyvaluep);
  YY_USE (yylocationp);
  if (!yymsg)
    yymsg = "Deleting";
  YY_SYMBOL_PRINT (yymsg, yykind, yyvaluep, yylocationp);

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}






/*----------.
| yyparse.  |
`----------*/

int
yyparse (void)
{
/* Lookahead token kind.  */
int yychar;


/* The semantic value of the lookahead symbol.  */
/* Default value used for initialization, for pacifying older GCCs
   or non-GCC compilers.  */
YY_INITIAL_VALUE (static YYSTYPE yyval_default;)
YYSTYPE yylval YY_INITIAL_VALUE (= yyval_default);

/* Location data for the lookahead symbol.  */
static YYLTYPE yyloc_default
# if defined YYLTYPE_IS_TRIVIAL && YYLTYPE_IS_TRIVIAL
  = { 1, 1, 1, 1 }
# endif
;
YYLTYPE yylloc = yyloc_default;

    /* Number of syntax errors so far.  */
    int yynerrs = 0;

    yy_state_fast_t yystate = 0;
    /* Number of tokens to shift before error messages enabled.  */
    int yyerrstatus = 0;

    /* Refer to the stacks through separate pointers, to allow yyoverflow
       to reallocate them elsewhere.  */

    /* Their size.  */
    YYPTRDIFF_T yystacksize = YYINITDEPTH;

    /* The state stack: array, bottom, top.  */
    yy_state_t yyssa[YYINITDEPTH];
    yy_state_t *yyss = yyssa;
    yy_state_t *yyssp = yyss;

    /* The semantic value stack: array, bottom, top.  */
    YYSTYPE yyvsa[YYINITDEPTH];
    YYSTYPE *yyvs = yyvsa;
    YYSTYPE *yyvsp = yyvs;

    /* The location stack: array, bottom, top.  */
    YYLTYPE yylsa[YYINITDEPTH];
    YYLTYPE *yyls = yylsa;
    YYLTYPE *yylsp = yyls;

  int yyn;
  /* The return value of yyparse.  */
  int yyresult;
  /* Lookahead symbol kind.  */
  yysymbol_kind_t yytoken = YYSYMBOL_YYEMPTY;
  /* The variables used to return semantic value and location from the
     action routines.  */
  YYSTYPE yyval;
  YYLTYPE yyloc;

  /* The locations where the error started and ended.  */
  YYLTYPE yyerror_range[3];

  /* Buffer for error messages, and its allocated size.  */
  char yymsgbuf[128];
  char *yymsg = yymsgbuf;
  YYPTRDIFF_T yymsg_alloc = sizeof yymsgbuf;

#define YYPOPSTACK(N)   (yyvsp -= (N), yyssp -= (N), yylsp -= (N))

  /* The number of symbols on the RHS of the reduced rule.
     Keep to zero when no symbol should be popped.  */
  int yylen = 0;

  YYDPRINTF ((stderr, "Starting parse\n"));

  yychar = YYEMPTY; /* Cause a token to be read.  */

  yylsp[0] = yylloc;
  goto yysetstate;


/*------------------------------------------------------------.
| yynewstate -- push a new state, which is found in yystate.  |
`------------------------------------------------------------*/
yynewstate:
  /* In all cases, when you get here, the value and location stacks
     have just been pushed.  So pushing a state here evens the stacks.  */
  yyssp++;


/*--------------------------------------------------------------------.
| yysetstate -- set current state (the top of the stack) to yystate.  |
`--------------------------------------------------------------------*/
yysetstate:
  YYDPRINTF ((stderr, "Entering state %d\n", yystate));
  YY_ASSERT (0 <= yystate && yystate < YYNSTATES);
  YY_IGNORE_USELESS_CAST_BEGIN
  *yyssp = YY_CAST (yy_state_t, yystate);
  YY_IGNORE_USELESS_CAST_END
  YY_STACK_PRINT (yyss, yyssp);

  if (yyss + yystacksize - 1 <= yyssp)
#if !defined yyoverflow && !defined YYSTACK_RELOCATE
    YYNOMEM;
#else
    {
      /* Get the current used size of the three stacks, in elements.  */
      YYPTRDIFF_T yysize = yyssp - yyss + 1;

# if defined yyoverflow
      {
        /* Give user a chance to reallocate the stack.  Use copies of
           these so that the &'s don't force the real ones into
           memory.  */
        yy_state_t *yyss1 = yyss;
        YYSTYPE *yyvs1 = yyvs;
        YYLTYPE *yyls1 = yyls;

        /* Each stack pointer address is followed by the size of the
           data in use in that stack, in bytes.  This used to be a
           conditional around just the two extra args, but that might
           be undefined if yyoverflow is a macro.  */
        yyoverflow (YY_("memory exhausted"),
                    &yyss1, yysize * YYSIZEOF (*yyssp),
                    &yyvs1, yysize * YYSIZEOF (*yyvsp),
                    &yyls1, yysize * YYSIZEOF (*yylsp),
                    &yystacksize);
        yyss = yyss1;
        yyvs = yyvs1;
        yyls = yyls1;
      }
# else /* defined YYSTACK_RELOCATE */
      /* Extend the stack our own way.  */
      if (YYMAXDEPTH <= yystacksize)
        YYNOMEM;
      yystacksize *= 2;
      if (YYMAXDEPTH < yystacksize)
        yystacksize = YYMAXDEPTH;

      {
        yy_state_t *yyss1 = yyss;
        union yyalloc *yyptr =
          YY_CAST (union yyalloc *,
                   YYSTACK_ALLOC (YY_CAST (YYSIZE_T, YYSTACK_BYTES (yystacksize))));
        if (! yyptr)
          YYNOMEM;
        YYSTACK_RELOCATE (yyss_alloc, yyss);
        YYSTACK_RELOCATE (yyvs_alloc, yyvs);
        YYSTACK_RELOCATE (yyls_alloc, yyls);
#  undef YYSTACK_RELOCATE
        if (yyss1 != yyssa)
          YYSTACK_FREE (yyss1);
      }
# endif

      yyssp = yyss + yysize - 1;
      yyvsp = yyvs + yysize - 1;
      yylsp = yyls + yysize - 1;

      YY_IGNORE_USELESS_CAST_BEGIN
      YYDPRINTF ((stderr, "Stack size increased to %ld\n",
                  YY_CAST (long, yystacksize)));
      YY_IGNORE_USELESS_CAST_END

      if (yyss + yystacksize - 1 <= yyssp)
        YYABORT;
    }
#endif /* !defined yyoverflow && !defined YYSTACK_RELOCATE */


  if (yystate == YYFINAL)
    YYACCEPT;

  goto yybackup;


/*-----------.
| yybackup.  |
`-----------*/
yybackup:
  /* Do appropriate processing given the current state.  Read a
     lookahead token if we need one and don't already have one.  */

  /* First try to decide what to do without reference to lookahead token.  */
  yyn = yypact[yystate];
  if (yypact_value_is_default (yyn))
    goto yydefault;

  /* Not known => get a lookahead token if don't already have one.  */

  /* YYCHAR is either empty, or end-of-input, or a valid lookahead.  */
  if (yychar == YYEMPTY)
    {
      YYDPRINTF ((stderr, "Reading a token\n"));
      yychar = yylex (&yylval, &yylloc);
    }

  if (yychar <= YYEOF)
    {
      yychar = YYEOF;
      yytoken = YYSYMBOL_YYEOF;
      YYDPRINTF ((stderr, "Now at end of input.\n"));
    }
  else if (yychar == YYerror)
    {
      /* The scanner already issued an error message, process directly
         to error recovery.  But do not keep the error token as
         lookahead, it is too special and may lead us to an endless
         loop in error recovery. */
      yychar = YYUNDEF;
      yytoken = YYSYMBOL_YYerror;
      yyerror_range[1] = yylloc;
      goto yyerrlab1;
    }
  else
    {
      yytoken = YYTRANSLATE (yychar);
      YY_SYMBOL_PRINT ("Next token is", yytoken, &yylval, &yylloc);
    }

  /* If the proper action on seeing token YYTOKEN is to reduce or to
     detect an error, take that action.  */
  yyn += yytoken;
  if (yyn < 0 || YYLAST < yyn || yycheck[yyn] != yytoken)
    goto yydefault;
  yyn = yytable[yyn];
  if (yyn <= 0)
    {
      if (yytable_value_is_error (yyn))
        goto yyerrlab;
      yyn = -yyn;
      goto yyreduce;
    }

  /* Count tokens shifted since error; after three, turn off error
     status.  */
  if (yyerrstatus)
    yyerrstatus--;

  /* Shift the lookahead token.  */
  YY_SYMBOL_PRINT ("Shifting", yytoken, &yylval, &yylloc);
  yystate = yyn;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END
  *++yylsp = yylloc;

  /* Discard the shifted token.  */
  yychar = YYEMPTY;
  goto yynewstate;


/*-----------------------------------------------------------.
| yydefault -- do the default action for the current state.  |
`-----------------------------------------------------------*/
yydefault:
  yyn = yydefact[yystate];
  if (yyn == 0)
    goto yyerrlab;
  goto yyreduce;


/*-----------------------------.
| yyreduce -- do a reduction.  |
`-----------------------------*/
yyreduce:
  /* yyn is the number of a rule to reduce with.  */
  yylen = yyr2[yyn];

  /* If YYLEN is nonzero, implement the default value of the action:
     '$$ = $1'.

     Otherwise, the following line sets YYVAL to garbage.
     This behavior is undocumented and Bison
     users should not rely upon it.  Assigning to YYVAL
     unconditionally makes the parser a bit smaller, and it avoids a
     GCC warning that YYVAL may be used uninitialized.  */
  yyval = yyvsp[1-yylen];

  /* Default location. */
  YYLLOC_DEFAULT (yyloc, (yylsp - yylen), yylen);
  yyerror_range[1] = yyloc;
  YY_REDUCE_PRINT (yyn);
  switch (yyn)
    {
  case 2: /* program: probes  */
#line 115 "grammar/parser.y"
                 { parsed_program = node_new(N_PROGRAM, L((yylsp[0]))); parsed_program->args = (yyvsp[0].list); }
#line 1881 "y.tab.c"
    break;

  case 3: /* probes: probe  */
#line 119 "grammar/parser.y"
                { (yyval.list) = (struct node_list){0}; node_list_push(&(yyval.list), (yyvsp[0].node)); }
#line 1887 "y.tab.c"
    break;

  case 4: /* probes: probes probe  */
#line 120 "grammar/parser.y"
                       { (yyval.list) = (yyvsp[-1].list); node_list_push(&(yyval.list), (yyvsp[0].node)); }
#line 1893 "y.tab.c"
    break;

  case 5: /* probe: attach_list pred block  */
#line 124 "grammar/parser.y"
                                 {
		(yyval.node) = mk(N_PROBE, (yylsp[-2]));
		(yyval.node)->args = (yyvsp[-2].list);
		(yyval.node)->a = (yyvsp[-1].node);
		(yyval.node)->b = (yyvsp[0].node);
	}
#line 1904 "y.tab.c"
    break;

  case 6: /* attach_list: "attach point"  */
#line 133 "grammar/parser.y"
                 {
		struct node *n = mk(N_ATTACH, (yylsp[0]));
		n->name = (yyvsp[0].name);
		(yyval.list) = (struct node_list){0};
		node_list_push(&(yyval.list), n);
	}
#line 1915 "y.tab.c"
    break;

  case 7: /* attach_list: attach_list ',' "attach point"  */
#line 139 "grammar/parser.y"
                                 {
		struct node *n = mk(N_ATTACH, (yylsp[0]));
		n->name = (yyvsp[0].name);
		(yyval.list) = (yyvsp[-2].list);
		node_list_push(&(yyval.list), n);
	}
#line 1926 "y.tab.c"
    break;

  case 8: /* pred: %empty  */
#line 148 "grammar/parser.y"
                 { (yyval.node) = NULL; }
#line 1932 "y.tab.c"
    break;

  case 9: /* pred: '/' expr "end of predicate"  */
#line 149 "grammar/parser.y"
                           { (yyval.node) = (yyvsp[-1].node); }
#line 1938 "y.tab.c"
    break;

  case 10: /* block: '{' stmts '}'  */
#line 153 "grammar/parser.y"
                        { (yyval.node) = block_of((yyvsp[-1].list), (yyloc)); }
#line 1944 "y.tab.c"
    break;

  case 11: /* block: '{' stmts stmt_simple '}'  */
#line 154 "grammar/parser.y"
                                    { (yyval.node) = block_of((yyvsp[-2].list), (yyloc)); node_list_push(&(yyval.node)->args, (yyvsp[-1].node)); }
#line 1950 "y.tab.c"
    break;

  case 12: /* stmts: %empty  */
#line 158 "grammar/parser.y"
                 { (yyval.list) = (struct node_list){0}; }
#line 1956 "y.tab.c"
    break;

  case 13: /* stmts: stmts ';'  */
#line 159 "grammar/parser.y"
                    { (yyval.list) = (yyvsp[-1].list); }
#line 1962 "y.tab.c"
    break;

  case 14: /* stmts: stmts stmt_simple ';'  */
#line 160 "grammar/parser.y"
                                { (yyval.list) = (yyvsp[-2].list); node_list_push(&(yyval.list), (yyvsp[-1].node)); }
#line 1968 "y.tab.c"
    break;

  case 15: /* stmts: stmts stmt_compound  */
#line 161 "grammar/parser.y"
                              { (yyval.list) = (yyvsp[-1].list); node_list_push(&(yyval.list), (yyvsp[0].node)); }
#line 1974 "y.tab.c"
    break;

  case 16: /* stmt_simple: expr  */
#line 165 "grammar/parser.y"
               { (yyval.node) = mk(N_EXPR_STMT, (yylsp[0])); (yyval.node)->a = (yyvsp[0].node); }
#line 1980 "y.tab.c"
    break;

  case 17: /* stmt_simple: lvalue '=' expr  */
#line 166 "grammar/parser.y"
                          { (yyval.node) = mk(N_ASSIGN, (yyloc)); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->b = (yyvsp[0].node); }
#line 1986 "y.tab.c"
    break;

  case 18: /* stmt_simple: lvalue "compound assignment" expr  */
#line 167 "grammar/parser.y"
                                      { (yyval.node) = mk(N_ASSIGN, (yyloc)); (yyval.node)->op = (yyvsp[-1].op); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->b = (yyvsp[0].node); }
#line 1992 "y.tab.c"
    break;

  case 19: /* stmt_simple: "break"  */
#line 168 "grammar/parser.y"
                { (yyval.node) = mk(N_BREAK, (yylsp[0])); }
#line 1998 "y.tab.c"
    break;

  case 20: /* stmt_simple: "continue"  */
#line 169 "grammar/parser.y"
                   { (yyval.node) = mk(N_CONTINUE, (yylsp[0])); }
#line 2004 "y.tab.c"
    break;

  case 21: /* stmt_simple: "return"  */
#line 170 "grammar/parser.y"
                 { (yyval.node) = mk(N_RETURN, (yylsp[0])); }
#line 2010 "y.tab.c"
    break;

  case 23: /* stmt_compound: "while" '(' expr ')' block  */
#line 175 "grammar/parser.y"
                                   { (yyval.node) = mk(N_WHILE, (yylsp[-4])); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->b = (yyvsp[0].node); }
#line 2016 "y.tab.c"
    break;

  case 24: /* stmt_compound: "unroll" '(' expr ')' block  */
#line 176 "grammar/parser.y"
                                    { (yyval.node) = mk(N_UNROLL, (yylsp[-4])); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->b = (yyvsp[0].node); }
#line 2022 "y.tab.c"
    break;

  case 25: /* stmt_compound: "for" '(' "variable" ':' expr ".." expr ')' block  */
#line 177 "grammar/parser.y"
                                                     {
		(yyval.node) = mk(N_FOR, (yylsp[-8]));
		(yyval.node)->a = mk(N_VAR, (yylsp[-6]));
		(yyval.node)->a->name = (yyvsp[-6].name);
		(yyval.node)->b = (yyvsp[-4].node);
		(yyval.node)->c = (yyvsp[-2].node);
		node_list_push(&(yyval.node)->args, (yyvsp[0].node));
	}
#line 2035 "y.tab.c"
    break;

  case 26: /* stmt_compound: "for" '(' "variable" ':' map_ref ')' block  */
#line 185 "grammar/parser.y"
                                            {
		(yyval.node) = mk(N_FOR, (yylsp[-6]));
		(yyval.node)->a = mk(N_VAR, (yylsp[-4]));
		(yyval.node)->a->name = (yyvsp[-4].name);
		(yyval.node)->b = (yyvsp[-2].node);
		node_list_push(&(yyval.node)->args, (yyvsp[0].node));
	}
#line 2047 "y.tab.c"
    break;

  case 27: /* if_stmt: "if" '(' expr ')' block  */
#line 195 "grammar/parser.y"
                                { (yyval.node) = mk(N_IF, (yylsp[-4])); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->b = (yyvsp[0].node); }
#line 2053 "y.tab.c"
    break;

  case 28: /* if_stmt: "if" '(' expr ')' block "else" block  */
#line 196 "grammar/parser.y"
                                           { (yyval.node) = mk(N_IF, (yylsp[-6])); (yyval.node)->a = (yyvsp[-4].node); (yyval.node)->b = (yyvsp[-2].node); (yyval.node)->c = (yyvsp[0].node); }
#line 2059 "y.tab.c"
    break;

  case 29: /* if_stmt: "if" '(' expr ')' block "else" if_stmt  */
#line 197 "grammar/parser.y"
                                             { (yyval.node) = mk(N_IF, (yylsp[-6])); (yyval.node)->a = (yyvsp[-4].node); (yyval.node)->b = (yyvsp[-2].node); (yyval.node)->c = (yyvsp[0].node); }
#line 2065 "y.tab.c"
    break;

  case 30: /* lvalue: "variable"  */
#line 201 "grammar/parser.y"
              { (yyval.node) = mk(N_VAR, (yylsp[0])); (yyval.node)->name = (yyvsp[0].name); }
#line 2071 "y.tab.c"
    break;

  case 32: /* map_ref: "map"  */
#line 206 "grammar/parser.y"
              { (yyval.node) = mk(N_MAP, (yylsp[0])); (yyval.node)->name = (yyvsp[0].name); }
#line 2077 "y.tab.c"
    break;

  case 33: /* map_ref: "map" '[' expr_list ']'  */
#line 207 "grammar/parser.y"
                                { (yyval.node) = mk(N_MAP, (yyloc)); (yyval.node)->name = (yyvsp[-3].name); (yyval.node)->args = (yyvsp[-1].list); }
#line 2083 "y.tab.c"
    break;

  case 34: /* expr_list: expr  */
#line 211 "grammar/parser.y"
               { (yyval.list) = (struct node_list){0}; node_list_push(&(yyval.list), (yyvsp[0].node)); }
#line 2089 "y.tab.c"
    break;

  case 35: /* expr_list: expr_list ',' expr  */
#line 212 "grammar/parser.y"
                             { (yyval.list) = (yyvsp[-2].list); node_list_push(&(yyval.list), (yyvsp[0].node)); }
#line 2095 "y.tab.c"
    break;

  case 37: /* expr: expr '?' expr ':' expr  */
#line 217 "grammar/parser.y"
                                 { (yyval.node) = mk(N_TERNARY, (yyloc)); (yyval.node)->a = (yyvsp[-4].node); (yyval.node)->b = (yyvsp[-2].node); (yyval.node)->c = (yyvsp[0].node); }
#line 2101 "y.tab.c"
    break;

  case 38: /* expr: expr "||" expr  */
#line 218 "grammar/parser.y"
                        { (yyval.node) = binary(OP_LOR, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2107 "y.tab.c"
    break;

  case 39: /* expr: expr "&&" expr  */
#line 219 "grammar/parser.y"
                         { (yyval.node) = binary(OP_LAND, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2113 "y.tab.c"
    break;

  case 40: /* expr: expr '|' expr  */
#line 220 "grammar/parser.y"
                        { (yyval.node) = binary(OP_BOR, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2119 "y.tab.c"
    break;

  case 41: /* expr: expr '^' expr  */
#line 221 "grammar/parser.y"
                        { (yyval.node) = binary(OP_BXOR, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2125 "y.tab.c"
    break;

  case 42: /* expr: expr '&' expr  */
#line 222 "grammar/parser.y"
                        { (yyval.node) = binary(OP_BAND, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2131 "y.tab.c"
    break;

  case 43: /* expr: expr "==" expr  */
#line 223 "grammar/parser.y"
                       { (yyval.node) = binary(OP_EQ, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2137 "y.tab.c"
    break;

  case 44: /* expr: expr "!=" expr  */
#line 224 "grammar/parser.y"
                       { (yyval.node) = binary(OP_NE, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2143 "y.tab.c"
    break;

  case 45: /* expr: expr '<' expr  */
#line 225 "grammar/parser.y"
                        { (yyval.node) = binary(OP_LT, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2149 "y.tab.c"
    break;

  case 46: /* expr: expr '>' expr  */
#line 226 "grammar/parser.y"
                        { (yyval.node) = binary(OP_GT, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2155 "y.tab.c"
    break;

  case 47: /* expr: expr "<=" expr  */
#line 227 "grammar/parser.y"
                       { (yyval.node) = binary(OP_LE, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2161 "y.tab.c"
    break;

  case 48: /* expr: expr ">=" expr  */
#line 228 "grammar/parser.y"
                       { (yyval.node) = binary(OP_GE, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2167 "y.tab.c"
    break;

  case 49: /* expr: expr "<<" expr  */
#line 229 "grammar/parser.y"
                        { (yyval.node) = binary(OP_SHL, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2173 "y.tab.c"
    break;

  case 50: /* expr: expr ">>" expr  */
#line 230 "grammar/parser.y"
                        { (yyval.node) = binary(OP_SHR, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2179 "y.tab.c"
    break;

  case 51: /* expr: expr '+' expr  */
#line 231 "grammar/parser.y"
                        { (yyval.node) = binary(OP_ADD, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2185 "y.tab.c"
    break;

  case 52: /* expr: expr '-' expr  */
#line 232 "grammar/parser.y"
                        { (yyval.node) = binary(OP_SUB, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2191 "y.tab.c"
    break;

  case 53: /* expr: expr '*' expr  */
#line 233 "grammar/parser.y"
                        { (yyval.node) = binary(OP_MUL, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2197 "y.tab.c"
    break;

  case 54: /* expr: expr '/' expr  */
#line 234 "grammar/parser.y"
                        { (yyval.node) = binary(OP_DIV, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2203 "y.tab.c"
    break;

  case 55: /* expr: expr '%' expr  */
#line 235 "grammar/parser.y"
                        { (yyval.node) = binary(OP_MOD, (yyvsp[-2].node), (yyvsp[0].node), (yyloc)); }
#line 2209 "y.tab.c"
    break;

  case 56: /* expr: '-' expr  */
#line 236 "grammar/parser.y"
                               { (yyval.node) = unary(OP_NEG, (yyvsp[0].node), (yyloc)); }
#line 2215 "y.tab.c"
    break;

  case 57: /* expr: '!' expr  */
#line 237 "grammar/parser.y"
                               { (yyval.node) = unary(OP_LNOT, (yyvsp[0].node), (yyloc)); }
#line 2221 "y.tab.c"
    break;

  case 58: /* expr: '~' expr  */
#line 238 "grammar/parser.y"
                               { (yyval.node) = unary(OP_BNOT, (yyvsp[0].node), (yyloc)); }
#line 2227 "y.tab.c"
    break;

  case 59: /* expr: '*' expr  */
#line 239 "grammar/parser.y"
                               { (yyval.node) = unary(OP_DEREF, (yyvsp[0].node), (yyloc)); }
#line 2233 "y.tab.c"
    break;

  case 60: /* expr: '&' expr  */
#line 240 "grammar/parser.y"
                               { (yyval.node) = unary(OP_ADDR, (yyvsp[0].node), (yyloc)); }
#line 2239 "y.tab.c"
    break;

  case 61: /* expr: "++" lvalue  */
#line 241 "grammar/parser.y"
                     { (yyval.node) = incdec(OP_INC, (yyvsp[0].node), 1, (yyloc)); }
#line 2245 "y.tab.c"
    break;

  case 62: /* expr: "--" lvalue  */
#line 242 "grammar/parser.y"
                     { (yyval.node) = incdec(OP_DEC, (yyvsp[0].node), 1, (yyloc)); }
#line 2251 "y.tab.c"
    break;

  case 64: /* cast: '(' "type name" stars ')' expr  */
#line 247 "grammar/parser.y"
                                              {
		(yyval.node) = mk(N_CAST, (yyloc)); (yyval.node)->name = (yyvsp[-3].name); (yyval.node)->ival = (yyvsp[-2].ival); (yyval.node)->a = (yyvsp[0].node);
	}
#line 2259 "y.tab.c"
    break;

  case 65: /* cast: '(' "struct" "identifier" stars ')' expr  */
#line 250 "grammar/parser.y"
                                                      {
		(yyval.node) = mk(N_CAST, (yyloc)); (yyval.node)->name = arena_printf("struct %s", (yyvsp[-3].name)); (yyval.node)->ival = (yyvsp[-2].ival); (yyval.node)->a = (yyvsp[0].node);
	}
#line 2267 "y.tab.c"
    break;

  case 66: /* stars: %empty  */
#line 256 "grammar/parser.y"
                 { (yyval.ival) = 0; }
#line 2273 "y.tab.c"
    break;

  case 67: /* stars: stars '*'  */
#line 257 "grammar/parser.y"
                    { (yyval.ival) = (yyvsp[-1].ival) + 1; }
#line 2279 "y.tab.c"
    break;

  case 68: /* primary: "integer"  */
#line 261 "grammar/parser.y"
              { (yyval.node) = mk(N_INT, (yylsp[0])); (yyval.node)->ival = (yyvsp[0].ival); }
#line 2285 "y.tab.c"
    break;

  case 69: /* primary: "string"  */
#line 262 "grammar/parser.y"
                 { (yyval.node) = mk(N_STR, (yylsp[0])); (yyval.node)->name = (yyvsp[0].str).s; (yyval.node)->ival = (yyvsp[0].str).len; }
#line 2291 "y.tab.c"
    break;

  case 70: /* primary: "identifier"  */
#line 263 "grammar/parser.y"
                { (yyval.node) = mk(N_IDENT, (yylsp[0])); (yyval.node)->name = (yyvsp[0].name); }
#line 2297 "y.tab.c"
    break;

  case 71: /* primary: "positional parameter"  */
#line 264 "grammar/parser.y"
                     { (yyval.node) = mk(N_POSITIONAL, (yylsp[0])); (yyval.node)->ival = (yyvsp[0].ival); }
#line 2303 "y.tab.c"
    break;

  case 72: /* primary: "$#"  */
#line 265 "grammar/parser.y"
                   { (yyval.node) = mk(N_POSCOUNT, (yylsp[0])); }
#line 2309 "y.tab.c"
    break;

  case 74: /* primary: lvalue "++"  */
#line 267 "grammar/parser.y"
                     { (yyval.node) = incdec(OP_INC, (yyvsp[-1].node), 0, (yyloc)); }
#line 2315 "y.tab.c"
    break;

  case 75: /* primary: lvalue "--"  */
#line 268 "grammar/parser.y"
                     { (yyval.node) = incdec(OP_DEC, (yyvsp[-1].node), 0, (yyloc)); }
#line 2321 "y.tab.c"
    break;

  case 76: /* primary: "identifier" '(' ')'  */
#line 269 "grammar/parser.y"
                        { (yyval.node) = mk(N_CALL, (yyloc)); (yyval.node)->name = (yyvsp[-2].name); }
#line 2327 "y.tab.c"
    break;

  case 77: /* primary: "identifier" '(' expr_list ')'  */
#line 270 "grammar/parser.y"
                                  { (yyval.node) = mk(N_CALL, (yyloc)); (yyval.node)->name = (yyvsp[-3].name); (yyval.node)->args = (yyvsp[-1].list); }
#line 2333 "y.tab.c"
    break;

  case 78: /* primary: '(' expr ')'  */
#line 271 "grammar/parser.y"
                       { (yyval.node) = (yyvsp[-1].node); }
#line 2339 "y.tab.c"
    break;

  case 79: /* primary: '(' expr ',' expr_list ')'  */
#line 272 "grammar/parser.y"
                                     {
		(yyval.node) = mk(N_TUPLE, (yyloc));
		node_list_push(&(yyval.node)->args, (yyvsp[-3].node));
		for (int i = 0; i < (yyvsp[-1].list).n; i++)
			node_list_push(&(yyval.node)->args, (yyvsp[-1].list).items[i]);
	}
#line 2350 "y.tab.c"
    break;

  case 80: /* primary: primary '.' "identifier"  */
#line 278 "grammar/parser.y"
                            { (yyval.node) = mk(N_FIELD, (yyloc)); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->name = (yyvsp[0].name); }
#line 2356 "y.tab.c"
    break;

  case 81: /* primary: primary '.' "integer"  */
#line 279 "grammar/parser.y"
                          { (yyval.node) = mk(N_FIELD, (yyloc)); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->name = arena_printf("%lld", (yyvsp[0].ival)); }
#line 2362 "y.tab.c"
    break;

  case 82: /* primary: primary "->" "identifier"  */
#line 280 "grammar/parser.y"
                              { (yyval.node) = mk(N_FIELD, (yyloc)); (yyval.node)->a = (yyvsp[-2].node); (yyval.node)->name = (yyvsp[0].name); (yyval.node)->ival = 1; }
#line 2368 "y.tab.c"
    break;

  case 83: /* primary: primary '[' expr ']'  */
#line 281 "grammar/parser.y"
                               { (yyval.node) = mk(N_INDEX, (yyloc)); (yyval.node)->a = (yyvsp[-3].node); (yyval.node)->b = (yyvsp[-1].node); }
#line 2374 "y.tab.c"
    break;


#line 2378 "y.tab.c"

      default: break;
    }
  /* User semantic actions sometimes alter yychar, and that requires
     that yytoken be updated with the new translation.  We take the
     approach of translating immediately before every use of yytoken.
     One alternative is translating here after every semantic action,
     but that translation would be missed if the semantic action invokes
     YYABORT, YYACCEPT, or YYERROR immediately after altering yychar or
     if it invokes YYBACKUP.  In the case of YYABORT or YYACCEPT, an
     incorrect destructor might then be invoked immediately.  In the
     case of YYERROR or YYBACKUP, subsequent parser actions might lead
     to an incorrect destructor call or verbose syntax error message
     before the lookahead is translated.  */
  YY_SYMBOL_PRINT ("-> $$ =", YY_CAST (yysymbol_kind_t, yyr1[yyn]), &yyval, &yyloc);

  YYPOPSTACK (yylen);
  yylen = 0;

  *++yyvsp = yyval;
  *++yylsp = yyloc;

  /* Now 'shift' the result of the reduction.  Determine what state
     that goes to, based on the state we popped back to and the rule
     number reduced by.  */
  {
    const int yylhs = yyr1[yyn] - YYNTOKENS;
    const int yyi = yypgoto[yylhs] + *yyssp;
    yystate = (0 <= yyi && yyi <= YYLAST && yycheck[yyi] == *yyssp
               ? yytable[yyi]
               : yydefgoto[yylhs]);
  }

  goto yynewstate;


/*--------------------------------------.
| yyerrlab -- here on detecting error.  |
`--------------------------------------*/
yyerrlab:
  /* Make sure we have latest lookahead translation.  See comments at
     user semantic actions for why this is necessary.  */
  yytoken = yychar == YYEMPTY ? YYSYMBOL_YYEMPTY : YYTRANSLATE (yychar);
  /* If not already recovering from an error, report this error.  */
  if (!yyerrstatus)
    {
      ++yynerrs;
      {
        yypcontext_t yyctx
          = {yyssp, yytoken, &yylloc};
        char const *yymsgp = YY_("syntax error");
        int yysyntax_error_status;
        yysyntax_error_status = yysyntax_error (&yymsg_alloc, &yymsg, &yyctx);
        if (yysyntax_error_status == 0)
          yymsgp = yymsg;
        else if (yysyntax_error_status == -1)
          {
            if (yymsg != yymsgbuf)
              YYSTACK_FREE (yymsg);
            yymsg = YY_CAST (char *,
                             YYSTACK_ALLOC (YY_CAST (YYSIZE_T, yymsg_alloc)));
            if (yymsg)
              {
                yysyntax_error_status
                  = yysyntax_error (&yymsg_alloc, &yymsg, &yyctx);
                yymsgp = yymsg;
              }
            else
              {
                yymsg = yymsgbuf;
                yymsg_alloc = sizeof yymsgbuf;
                yysyntax_error_status = YYENOMEM;
              }
          }
        yyerror (&yylloc, yymsgp);
        if (yysyntax_error_status == YYENOMEM)
          YYNOMEM;
      }
    }

  yyerror_range[1] = yylloc;
  if (yyerrstatus == 3)
    {
      /* If just tried and failed to reuse lookahead token after an
         error, discard it.  */

      if (yychar <= YYEOF)
        {
          /* Return failure if at end of input.  */
          if (yychar == YYEOF)
            YYABORT;
        }
      else
        {
          yydestruct ("Error: discarding",
                      yytoken, &yylval, &yylloc);
          yychar = YYEMPTY;
        }
    }

  /* Else will try to reuse lookahead token after shifting the error
     token.  */
  goto yyerrlab1;


/*---------------------------------------------------.
| yyerrorlab -- error raised explicitly by YYERROR.  |
`---------------------------------------------------*/
yyerrorlab:
  /* Pacify compilers when the user code never invokes YYERROR and the
     label yyerrorlab therefore never appears in user code.  */
  if (0)
    YYERROR;
  ++yynerrs;

  /* Do not reclaim the symbols of the rule whose action triggered
     this YYERROR.  */
  YYPOPSTACK (yylen);
  yylen = 0;
  YY_STACK_PRINT (yyss, yyssp);
  yystate = *yyssp;
  goto yyerrlab1;


/*-------------------------------------------------------------.
| yyerrlab1 -- common code for both syntax error and YYERROR.  |
`-------------------------------------------------------------*/
yyerrlab1:
  yyerrstatus = 3;      /* Each real token shifted decrements this.  */

  /* Pop stack until we find a state that shifts the error token.  */
  for (;;)
    {
      yyn = yypact[yystate];
      if (!yypact_value_is_default (yyn))
        {
          yyn += YYSYMBOL_YYerror;
          if (0 <= yyn && yyn <= YYLAST && yycheck[yyn] == YYSYMBOL_YYerror)
            {
              yyn = yytable[yyn];
              if (0 < yyn)
                break;
            }
        }

      /* Pop the current state because it cannot handle the error token.  */
      if (yyssp == yyss)
        YYABORT;

      yyerror_range[1] = *yylsp;
      yydestruct ("Error: popping",
                  YY_ACCESSING_SYMBOL (yystate), yyvsp, yylsp);
      YYPOPSTACK (1);
      yystate = *yyssp;
      YY_STACK_PRINT (yyss, yyssp);
    }

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END

  yyerror_range[2] = yylloc;
  ++yylsp;
  YYLLOC_DEFAULT (*yylsp, yyerror_range, 2);

  /* Shift the error token.  */
  YY_SYMBOL_PRINT ("Shifting", YY_ACCESSING_SYMBOL (yyn), yyvsp, yylsp);

  yystate = yyn;
  goto yynewstate;


/*-------------------------------------.
| yyacceptlab -- YYACCEPT comes here.  |
`-------------------------------------*/
yyacceptlab:
  yyresult = 0;
  goto yyreturnlab;


/*-----------------------------------.
| yyabortlab -- YYABORT comes here.  |
`-----------------------------------*/
yyabortlab:
  yyresult = 1;
  goto yyreturnlab;


/*-----------------------------------------------------------.
| yyexhaustedlab -- YYNOMEM (memory exhaustion) comes here.  |
`-----------------------------------------------------------*/
yyexhaustedlab:
  yyerror (&yylloc, YY_("memory exhausted"));
  yyresult = 2;
  goto yyreturnlab;


/*----------------------------------------------------------.
| yyreturnlab -- parsing is finished, clean up and return.  |
`----------------------------------------------------------*/
yyreturnlab:
  if (yychar != YYEMPTY)
    {
      /* Make sure we have latest lookahead translation.  See comments at
         user semantic actions for why this is necessary.  */
      yytoken = YYTRANSLATE (yychar);
      yydestruct ("Cleanup: discarding lookahead",
                  yytoken, &yylval, &yylloc);
    }
  /* Do not reclaim the symbols of the rule whose action triggered
     this YYABORT or YYACCEPT.  */
  YYPOPSTACK (yylen);
  YY_STACK_PRINT (yyss, yyssp);
  while (yyssp != yyss)
    {
      yydestruct ("Cleanup: popping",
                  YY_ACCESSING_SYMBOL (+*yyssp), yyvsp, yylsp);
      YYPOPSTACK (1);
    }
#ifndef yyoverflow
  if (yyss != yyssa)
    YYSTACK_FREE (yyss);
#endif
  if (yymsg != yymsgbuf)
    YYSTACK_FREE (yymsg);
  return yyresult;
}

#line 284 "grammar/parser.y"


struct node *parse_program(const struct source *src)
{
	diag_set_source(src);
	parsed_program = NULL;
	lexer_start(src->text);
	int rc = yyparse();
	lexer_finish();
	if (rc || diag_error_count())
		return NULL;
	return parsed_program;
}
