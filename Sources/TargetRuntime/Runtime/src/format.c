/*
 * format.c: the printf formatting core.
 *
 * Plain portable C with no state but constants: the same file is compiled on
 * the host and compared against glibc by
 * Tests/WorkerTests/Programs/format_host_check.c, so output matches glibc's.
 *
 * Floating point is exact. A finite double is m * 2^e; we form the integer
 * m * 2^e (e >= 0) or m * 5^-e (e < 0, the value times 10^-e) with 32-bit
 * limbs, write out all of its decimal digits, and round that digit string
 * (to nearest, ties to even on the exact value, as glibc does).
 */
#include "autocomp_rt.h"

enum { F_MINUS = 1, F_PLUS = 2, F_SPACE = 4, F_HASH = 8, F_ZERO = 16 };
enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T, LEN_LD };

struct spec {
    int flags;
    int width;
    int prec; /* -1: none given */
    char conv;
};

/* Output goes through a small staging buffer so the sink sees few, larger runs. */
struct out {
    rt_sink *sink;
    void *ctx;
    size_t total;
    unsigned len;
    char buf[128];
};

static void out_flush(struct out *o)
{
    if (o->len) {
        o->sink(o->ctx, o->buf, o->len);
        o->len = 0;
    }
}

static void out_ch(struct out *o, char c)
{
    if (o->len == sizeof o->buf)
        out_flush(o);
    o->buf[o->len++] = c;
    o->total++;
}

static void out_mem(struct out *o, const char *s, size_t n)
{
    if (n >= sizeof o->buf) { /* long runs bypass the staging buffer */
        out_flush(o);
        o->sink(o->ctx, s, n);
        o->total += n;
        return;
    }
    while (n--)
        out_ch(o, *s++);
}

static void out_rep(struct out *o, char c, size_t n)
{
    while (n--)
        out_ch(o, c);
}

/*
 * Starts a field of `len` body characters preceded by `pre` (sign, 0x):
 * writes the left padding and the prefix, and returns the right padding
 * still owed. Zero padding goes between prefix and body.
 */
static size_t field_begin(struct out *o, const struct spec *sp, size_t len,
                          const char *pre, size_t plen, int zero_pad)
{
    size_t total = len + plen;
    size_t pad = (size_t)sp->width > total ? (size_t)sp->width - total : 0;

    if (sp->flags & F_MINUS) {
        out_mem(o, pre, plen);
        return pad;
    }
    if (zero_pad) {
        out_mem(o, pre, plen);
        out_rep(o, '0', pad);
    } else {
        out_rep(o, ' ', pad);
        out_mem(o, pre, plen);
    }
    return 0;
}

static void fmt_string(struct out *o, const struct spec *sp, const char *s)
{
    size_t n = 0;

    if (!s) /* glibc prints "(null)", or nothing if the precision cuts it */
        s = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
    while ((sp->prec < 0 || n < (size_t)sp->prec) && s[n])
        n++;
    size_t rest = field_begin(o, sp, n, "", 0, 0);
    out_mem(o, s, n);
    out_rep(o, ' ', rest);
}

/* Integers: `neg` says v is the magnitude of a negative value. */
static void fmt_int(struct out *o, const struct spec *sp, uint64_t v, int neg)
{
    const char *digits = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned base = 10;
    char dig[24], pre[2];
    size_t n = 0, plen = 0, zeros = 0;
    int is_signed = sp->conv == 'd' || sp->conv == 'i';

    if (sp->conv == 'o')
        base = 8;
    else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
        base = 16;

    if (neg)
        pre[plen++] = '-';
    else if ((is_signed || sp->conv == 'p') && (sp->flags & F_PLUS))
        pre[plen++] = '+';
    else if ((is_signed || sp->conv == 'p') && (sp->flags & F_SPACE))
        pre[plen++] = ' ';
    if (base == 16 && v != 0 && (sp->flags & F_HASH)) {
        pre[plen++] = '0';
        pre[plen++] = sp->conv == 'X' ? 'X' : 'x';
    }

    for (uint64_t t = v; t; t /= base)
        dig[sizeof dig - 1 - n++] = digits[t % base];

    size_t prec = sp->prec < 0 ? 1 : (size_t)sp->prec; /* 0 with precision 0 prints nothing */
    if (n < prec)
        zeros = prec - n;
    if (base == 8 && (sp->flags & F_HASH) && zeros == 0 && (n == 0 || dig[sizeof dig - n] != '0'))
        zeros = 1; /* alternate octal starts with a 0 */

    size_t rest = field_begin(o, sp, zeros + n, pre, plen, (sp->flags & F_ZERO) && sp->prec < 0);
    out_rep(o, '0', zeros);
    out_mem(o, dig + sizeof dig - n, n);
    out_rep(o, ' ', rest);
}

/* ---- exact decimal conversion ---- */

/* m * 5^1074 < 2^2547: 80 limbs. */
#define LIMBS 84

struct big {
    uint32_t w[LIMBS]; /* least significant first */
    int n;             /* limbs in use */
};

static void big_mul(struct big *b, uint32_t k)
{
    uint64_t carry = 0;
    for (int i = 0; i < b->n; i++) {
        carry += (uint64_t)b->w[i] * k;
        b->w[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry)
        b->w[b->n++] = (uint32_t)carry;
}

/* Divides by d in place and returns the remainder. */
static uint32_t big_divmod(struct big *b, uint32_t d)
{
    uint64_t r = 0;
    for (int i = b->n - 1; i >= 0; i--) {
        r = (r << 32) | b->w[i];
        b->w[i] = (uint32_t)(r / d);
        r %= d;
    }
    while (b->n && b->w[b->n - 1] == 0)
        b->n--;
    return (uint32_t)r;
}

/* A decimal value d[0].d[1]d[2]... * 10^x with no trailing zeros; n == 0 is zero. */
struct dec {
    int n, x;
    char d[800]; /* a double has at most 767 significant digits */
};

/* All decimal digits of m * 2^e, exactly. */
static void dec_from_double(struct dec *v, uint64_t m, int e)
{
    struct big b;
    int s = 0; /* value = digits * 10^-s */

    v->n = 0;
    v->x = 0;
    if (m == 0)
        return;
    while (!(m & 1) && e < 0) { /* fewer factors of 5 to carry */
        m >>= 1;
        e++;
    }
    b.w[0] = (uint32_t)m;
    b.w[1] = (uint32_t)(m >> 32);
    b.n = b.w[1] ? 2 : 1;
    if (e >= 0) {
        int words = e / 32; /* times 2^e: shift whole limbs, then the rest */
        for (int i = b.n - 1; i >= 0; i--)
            b.w[i + words] = b.w[i];
        for (int i = 0; i < words; i++)
            b.w[i] = 0;
        b.n += words;
        big_mul(&b, (uint32_t)1 << (e % 32));
    } else {
        static const uint32_t pow5[14] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625,
                                          1953125, 9765625, 48828125, 244140625, 1220703125};
        s = -e;
        for (int k = s; k > 0; k -= 13)
            big_mul(&b, pow5[k > 13 ? 13 : k]);
    }

    /* Nine digits at a time, from the least significant end of the buffer. */
    char *end = v->d + sizeof v->d, *p = end;
    while (b.n) {
        uint32_t r = big_divmod(&b, 1000000000);
        for (int i = 0; i < 9 && (b.n || r); i++) {
            *--p = (char)('0' + r % 10);
            r /= 10;
        }
    }
    int n = (int)(end - p);
    for (int i = 0; i < n; i++)
        v->d[i] = p[i];
    while (v->d[n - 1] == '0')
        n--;
    v->n = n;
    v->x = (int)(end - p) - 1 - s;
}

/* Keeps the first k digits, rounding to nearest with ties to even. */
static void dec_round(struct dec *v, long k)
{
    char *d = v->d;
    int up;

    if (k >= v->n)
        return;
    if (k < 0) { /* below half of the last kept place: rounds to zero */
        v->n = 0;
        return;
    }
    if (d[k] != '5')
        up = d[k] > '5';
    else if (k + 1 < v->n) /* no trailing zeros, so anything after is above half */
        up = 1;
    else /* exactly half: to even (the digit before d[0] is an implicit 0) */
        up = k > 0 && ((d[k - 1] - '0') & 1);
    v->n = (int)k;
    if (up) {
        long i = k - 1;
        while (i >= 0 && d[i] == '9')
            i--;
        if (i < 0) { /* 99..9 + 1 (or nothing kept): a single 1 one place up */
            d[0] = '1';
            v->n = 1;
            v->x++;
        } else {
            d[i]++;
            v->n = (int)i + 1;
        }
    }
    while (v->n > 0 && d[v->n - 1] == '0')
        v->n--;
}

static char dec_digit(const struct dec *v, long i)
{
    return i >= 0 && i < v->n ? v->d[i] : '0';
}

/* [-]ddd.ddd with `prec` fraction digits; v is already rounded. */
static void put_fixed(struct out *o, const struct spec *sp, const struct dec *v, long prec,
                      const char *pre, size_t plen)
{
    long ints = v->n && v->x >= 0 ? v->x + 1 : 1;
    int dot = prec > 0 || (sp->flags & F_HASH);
    size_t rest = field_begin(o, sp, (size_t)(ints + dot + prec), pre, plen, sp->flags & F_ZERO);

    for (long i = 0; i < ints; i++)
        out_ch(o, v->n && v->x >= 0 ? dec_digit(v, i) : '0');
    if (dot)
        out_ch(o, '.');
    for (long j = 1; j <= prec; j++)
        out_ch(o, dec_digit(v, v->x + j));
    out_rep(o, ' ', rest);
}

/* [-]d.ddde+dd with `prec` fraction digits; v is already rounded. */
static void put_exp(struct out *o, const struct spec *sp, const struct dec *v, long prec,
                    const char *pre, size_t plen, char echar)
{
    int x = v->n ? v->x : 0;
    unsigned ax = x < 0 ? -(unsigned)x : (unsigned)x;
    char ebuf[8];
    int elen = 0;

    do {
        ebuf[sizeof ebuf - 1 - elen++] = (char)('0' + ax % 10);
        ax /= 10;
    } while (ax);
    if (elen < 2)
        ebuf[sizeof ebuf - 1 - elen++] = '0';
    ebuf[sizeof ebuf - 1 - elen++] = x < 0 ? '-' : '+';
    ebuf[sizeof ebuf - 1 - elen++] = echar;

    int dot = prec > 0 || (sp->flags & F_HASH);
    size_t rest = field_begin(o, sp, (size_t)(1 + dot + prec + elen), pre, plen, sp->flags & F_ZERO);
    out_ch(o, dec_digit(v, 0));
    if (dot)
        out_ch(o, '.');
    for (long j = 1; j <= prec; j++)
        out_ch(o, dec_digit(v, j));
    out_mem(o, ebuf + sizeof ebuf - elen, (size_t)elen);
    out_rep(o, ' ', rest);
}

/* %a: hexadecimal mantissa and binary exponent, as glibc writes them. */
static void put_hex(struct out *o, const struct spec *sp, uint64_t frac, int bexp, int normal,
                    const char *sign, size_t slen)
{
    int upper = sp->conv == 'A';
    const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char lead = normal ? '1' : '0';
    int x = frac == 0 && !normal ? 0 : (normal ? bexp - 1023 : -1022);
    int nd = 13; /* fraction digits: 52 bits */
    long prec = sp->prec;

    if (prec < 0) { /* shortest exact form */
        while (nd > 0 && ((frac >> (4 * (13 - nd))) & 0xf) == 0)
            nd--;
        prec = nd;
    } else if (prec < 13) { /* round the 52-bit fraction to prec digits, ties to even */
        int drop = 4 * (13 - (int)prec);
        uint64_t kept = frac >> drop, rem = frac & (((uint64_t)1 << drop) - 1);
        uint64_t half = (uint64_t)1 << (drop - 1);
        if (rem > half || (rem == half && ((prec ? kept : (uint64_t)(lead - '0')) & 1)))
            kept++;
        if (kept >> (4 * prec)) { /* carried into the leading digit */
            lead++;
            kept &= ((uint64_t)1 << (4 * prec)) - 1;
        }
        frac = kept << drop;
    }

    char pre[4], body[24], ebuf[8];
    size_t plen = 0;
    int blen = 0, elen = 0;
    for (size_t i = 0; i < slen; i++)
        pre[plen++] = sign[i];
    pre[plen++] = '0';
    pre[plen++] = upper ? 'X' : 'x';

    body[blen++] = lead;
    if (prec > 0 || (sp->flags & F_HASH))
        body[blen++] = '.';
    for (int i = 0; i < prec && i < 13; i++)
        body[blen++] = hex[(frac >> (48 - 4 * i)) & 0xf];

    unsigned ax = x < 0 ? -(unsigned)x : (unsigned)x;
    do {
        ebuf[sizeof ebuf - 1 - elen++] = (char)('0' + ax % 10);
        ax /= 10;
    } while (ax);
    ebuf[sizeof ebuf - 1 - elen++] = x < 0 ? '-' : '+';
    ebuf[sizeof ebuf - 1 - elen++] = upper ? 'P' : 'p';

    long extra = prec > 13 ? prec - 13 : 0; /* zeros past the 52 bits */
    size_t rest = field_begin(o, sp, (size_t)(blen + extra + elen), pre, plen, sp->flags & F_ZERO);
    out_mem(o, body, (size_t)blen);
    out_rep(o, '0', (size_t)extra);
    out_mem(o, ebuf + sizeof ebuf - elen, (size_t)elen);
    out_rep(o, ' ', rest);
}

static void fmt_double(struct out *o, const struct spec *sp, double value)
{
    uint64_t bits;
    char conv = sp->conv, lower = (char)(conv | 0x20);
    int upper = conv != lower;

    /* Work on the bits: -ffast-math lets the compiler assume no inf/nan. */
    {
        union { double d; uint64_t u; } pun;
        pun.d = value;
        bits = pun.u;
    }
    int neg = (int)(bits >> 63);
    int bexp = (int)((bits >> 52) & 0x7ff);
    uint64_t frac = bits & (((uint64_t)1 << 52) - 1);

    char pre[1];
    size_t plen = 0;
    if (neg)
        pre[plen++] = '-';
    else if (sp->flags & F_PLUS)
        pre[plen++] = '+';
    else if (sp->flags & F_SPACE)
        pre[plen++] = ' ';

    if (bexp == 0x7ff) { /* glibc keeps the sign of a NaN too */
        const char *s = frac ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        size_t rest = field_begin(o, sp, 3, pre, plen, 0);
        out_mem(o, s, 3);
        out_rep(o, ' ', rest);
        return;
    }
    if (lower == 'a') {
        put_hex(o, sp, frac, bexp, bexp != 0, pre, plen);
        return;
    }

    struct dec v;
    uint64_t m = bexp ? frac | ((uint64_t)1 << 52) : frac;
    dec_from_double(&v, m, bexp ? bexp - 1075 : -1074);

    long prec = sp->prec < 0 ? 6 : sp->prec;
    if (lower == 'f') {
        dec_round(&v, v.x + prec + 1); /* keep digits down to 10^-prec */
        put_fixed(o, sp, &v, prec, pre, plen);
    } else if (lower == 'e') {
        dec_round(&v, prec + 1);
        put_exp(o, sp, &v, prec, pre, plen, upper ? 'E' : 'e');
    } else { /* g: prec significant digits, style chosen by the rounded exponent */
        long p = prec ? prec : 1;
        long x0 = v.x;
        dec_round(&v, p);
        long x = v.n ? v.x : 0;
        int fixed = x >= -4 && x < p;
        long fprec = fixed ? p - 1 - x : p - 1;
        if (!fixed && x0 == p - 1)
            fprec = 0; /* glibc quirk: "%#.3g" of 999.5 is "1.e+03" (it planned fixed with 0 decimals) */
        if (!(sp->flags & F_HASH)) { /* drop trailing zeros */
            long needed = fixed ? v.n - 1 - x : v.n - 1;
            if (needed < 0)
                needed = 0;
            if (fprec > needed)
                fprec = needed;
        }
        if (fixed)
            put_fixed(o, sp, &v, fprec, pre, plen);
        else
            put_exp(o, sp, &v, fprec, pre, plen, upper ? 'E' : 'e');
    }
}

/* ---- argument fetching and the driver ---- */

static int64_t arg_signed(va_list *ap, int len)
{
    switch (len) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H: return (short)va_arg(*ap, int);
    case LEN_L: return va_arg(*ap, long);
    case LEN_LL: case LEN_LD: return va_arg(*ap, long long);
    case LEN_Z: return (int64_t)va_arg(*ap, size_t); /* the signed size_t */
    case LEN_J: return va_arg(*ap, intmax_t);
    case LEN_T: return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

static uint64_t arg_unsigned(va_list *ap, int len)
{
    switch (len) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned);
    case LEN_H: return (unsigned short)va_arg(*ap, unsigned);
    case LEN_L: return va_arg(*ap, unsigned long);
    case LEN_LL: case LEN_LD: return va_arg(*ap, unsigned long long);
    case LEN_Z: return va_arg(*ap, size_t);
    case LEN_J: return va_arg(*ap, uintmax_t);
    case LEN_T: return (uint64_t)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, unsigned);
    }
}

static void store_count(va_list *ap, int len, size_t n)
{
    switch (len) {
    case LEN_HH: *va_arg(*ap, signed char *) = (signed char)n; break;
    case LEN_H: *va_arg(*ap, short *) = (short)n; break;
    case LEN_L: *va_arg(*ap, long *) = (long)n; break;
    case LEN_LL: *va_arg(*ap, long long *) = (long long)n; break;
    case LEN_Z: *va_arg(*ap, size_t *) = n; break;
    case LEN_J: *va_arg(*ap, intmax_t *) = (intmax_t)n; break;
    case LEN_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)n; break;
    default: *va_arg(*ap, int *) = (int)n; break;
    }
}

static int parse_num(const char **pp)
{
    const char *p = *pp;
    int n = 0;
    while (*p >= '0' && *p <= '9') {
        int d = *p++ - '0';
        n = n > (0x7fffffff - d) / 10 ? 0x7fffffff : n * 10 + d; /* saturate */
    }
    *pp = p;
    return n;
}

int rt_vformat(rt_sink *sink, void *ctx, const char *fmt, va_list ap0)
{
    struct out o;
    va_list ap;

    o.sink = sink;
    o.ctx = ctx;
    o.total = 0;
    o.len = 0;
    va_copy(ap, ap0); /* a local copy can be passed on by address on every ABI */

    for (;;) {
        const char *p = fmt;
        while (*p && *p != '%')
            p++;
        out_mem(&o, fmt, (size_t)(p - fmt));
        if (!*p)
            break;

        const char *start = p++;
        struct spec sp = {0, 0, -1, 0};
        for (;; p++) {
            if (*p == '-') sp.flags |= F_MINUS;
            else if (*p == '+') sp.flags |= F_PLUS;
            else if (*p == ' ') sp.flags |= F_SPACE;
            else if (*p == '#') sp.flags |= F_HASH;
            else if (*p == '0') sp.flags |= F_ZERO;
            else if (*p != '\'' && *p != 'I') break; /* grouping/locale digits: no-ops here */
        }
        if (*p == '*') {
            p++;
            int w = va_arg(ap, int);
            if (w < 0) {
                sp.flags |= F_MINUS;
                w = w == -0x7fffffff - 1 ? 0x7fffffff : -w;
            }
            sp.width = w;
        } else {
            sp.width = parse_num(&p);
        }
        if (*p == '.') {
            p++;
            if (*p == '*') {
                p++;
                int pr = va_arg(ap, int);
                sp.prec = pr < 0 ? -1 : pr;
            } else {
                sp.prec = parse_num(&p);
            }
        }

        int len = LEN_NONE;
        switch (*p) {
        case 'h': p++; len = LEN_H; if (*p == 'h') { p++; len = LEN_HH; } break;
        case 'l': p++; len = LEN_L; if (*p == 'l') { p++; len = LEN_LL; } break;
        case 'q': p++; len = LEN_LL; break;
        case 'z': p++; len = LEN_Z; break;
        case 'j': p++; len = LEN_J; break;
        case 't': p++; len = LEN_T; break;
        case 'L': p++; len = LEN_LD; break;
        }

        sp.conv = *p;
        if (*p)
            p++;
        switch (sp.conv) {
        case 'd': case 'i': {
            int64_t v = arg_signed(&ap, len);
            fmt_int(&o, &sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
            break;
        }
        case 'u': case 'o': case 'x': case 'X':
            fmt_int(&o, &sp, arg_unsigned(&ap, len), 0);
            break;
        case 'p': {
            void *ptr = va_arg(ap, void *);
            if (ptr) { /* glibc: like %#lx */
                sp.flags |= F_HASH;
                fmt_int(&o, &sp, (uint64_t)(uintptr_t)ptr, 0);
            } else {
                sp.prec = -1; /* always the whole "(nil)" */
                fmt_string(&o, &sp, "(nil)");
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            size_t rest = field_begin(&o, &sp, 1, "", 0, 0);
            out_ch(&o, c);
            out_rep(&o, ' ', rest);
            break;
        }
        case 's':
            if (len == LEN_L) { /* wide string: ASCII only */
                const wchar_t *ws = va_arg(ap, const wchar_t *);
                char tmp[256];
                size_t n = 0;
                while (ws && ws[n] && n < sizeof tmp - 1 && (sp.prec < 0 || n < (size_t)sp.prec)) {
                    tmp[n] = ws[n] >= 0 && ws[n] < 0x80 ? (char)ws[n] : '?';
                    n++;
                }
                tmp[n] = 0;
                fmt_string(&o, &sp, ws ? tmp : NULL);
            } else {
                fmt_string(&o, &sp, va_arg(ap, const char *));
            }
            break;
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
            /* long double is narrowed: printed as the nearest double */
            fmt_double(&o, &sp, len == LEN_LD ? (double)va_arg(ap, long double) : va_arg(ap, double));
            break;
        case 'n':
            store_count(&ap, len, o.total);
            break;
        case '%':
            out_ch(&o, '%');
            break;
        default: /* unknown: echo the directive */
            out_mem(&o, start, (size_t)(p - start));
            break;
        }
        fmt = p;
    }
    out_flush(&o);
    va_end(ap);
    return o.total > 0x7fffffff ? 0x7fffffff : (int)o.total;
}

/* Bounded buffer for rt_vsnformat: keeps what fits, counts everything. */
struct membuf {
    char *p;
    size_t room; /* bytes still available for characters (excluding the NUL) */
};

static void membuf_sink(void *ctx, const char *s, size_t n)
{
    struct membuf *m = ctx;
    size_t k = n < m->room ? n : m->room;
    for (size_t i = 0; i < k; i++)
        m->p[i] = s[i];
    m->p += k;
    m->room -= k;
}

int rt_vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct membuf m = {buf, size ? size - 1 : 0};
    int n = rt_vformat(membuf_sink, &m, fmt, ap);
    if (size)
        *m.p = '\0';
    return n;
}
