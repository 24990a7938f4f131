/*
 * ctype.c: character classes for the "C" locale.
 *
 * picolibc's <ctype.h> macros index a table `_ctype_` at [1 + c], so that
 * EOF (-1) lands on entry 0; the table and the function forms are here.
 */
#include <ctype.h>

#include "autocomp_rt.h"

RT_WEAK const char _ctype_[1 + 256] = {
    [1 + 0 ... 1 + 8] = _C,
    [1 + '\t' ... 1 + '\r'] = _C | _S,
    [1 + 14 ... 1 + 31] = _C,
    [1 + ' '] = _S | _B,
    [1 + '!' ... 1 + '/'] = _P,
    [1 + '0' ... 1 + '9'] = _N,
    [1 + ':' ... 1 + '@'] = _P,
    [1 + 'A' ... 1 + 'F'] = _U | _X,
    [1 + 'G' ... 1 + 'Z'] = _U,
    [1 + '[' ... 1 + '`'] = _P,
    [1 + 'a' ... 1 + 'f'] = _L | _X,
    [1 + 'g' ... 1 + 'z'] = _L,
    [1 + '{' ... 1 + '~'] = _P,
    [1 + 127] = _C,
    /* 128..255: no class in the "C" locale */
};

/* The function forms, for code that takes their address or #undefs the macros. */
#undef isalnum
#undef isalpha
#undef iscntrl
#undef isdigit
#undef isgraph
#undef islower
#undef isprint
#undef ispunct
#undef isspace
#undef isupper
#undef isxdigit
#undef tolower
#undef toupper

static int class_of(int c)
{
    return c >= -1 && c <= 255 ? (unsigned char)_ctype_[1 + c] : 0;
}

RT_WEAK int isalnum(int c) { return class_of(c) & (_U | _L | _N); }
RT_WEAK int isalpha(int c) { return class_of(c) & (_U | _L); }
RT_WEAK int iscntrl(int c) { return class_of(c) & _C; }
RT_WEAK int isdigit(int c) { return class_of(c) & _N; }
RT_WEAK int isgraph(int c) { return class_of(c) & (_P | _U | _L | _N); }
RT_WEAK int islower(int c) { return (class_of(c) & (_U | _L)) == _L; }
RT_WEAK int isprint(int c) { return class_of(c) & (_P | _U | _L | _N | _B); }
RT_WEAK int ispunct(int c) { return class_of(c) & _P; }
RT_WEAK int isspace(int c) { return class_of(c) & _S; }
RT_WEAK int isupper(int c) { return (class_of(c) & (_U | _L)) == _U; }
RT_WEAK int isxdigit(int c) { return class_of(c) & (_X | _N); }
RT_WEAK int tolower(int c) { return isupper(c) ? c - 'A' + 'a' : c; }
RT_WEAK int toupper(int c) { return islower(c) ? c - 'a' + 'A' : c; }
