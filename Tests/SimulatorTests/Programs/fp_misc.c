/*
 * fp_misc.c: the F/D instructions that do not round: fmin/fmax (NaN and signed-zero rules),
 * sign injection, fclass (all ten classes), feq/flt/fle (quiet vs signaling comparisons),
 * fmv.x.w/fmv.w.x/fmv.x.d/fmv.d.x, NaN-boxing of single-precision values, FP loads and
 * stores, accrued fflags, the fcsr/frm/fflags views of one register, and mstatus.FS/SD.
 *
 * Expected values come from the RISC-V F and D chapters (2.2+ NaN rules: fmin/fmax return the
 * non-NaN operand, the canonical NaN when both are NaN, NV only for a signaling NaN; -0 < +0
 * for fmin/fmax; feq is quiet, flt/fle signal NV on any NaN; a single-precision operand that
 * is not NaN-boxed reads as the canonical NaN).
 */
#include <stdint.h>

#include "check.h"

typedef uint64_t u64;

/* Two single operands (low 32 bits loaded with fmv.w.x), float result read with fmv.x.d. */
#define FS2(insn, a, b, fl) ({ u64 r_; __asm__ volatile( \
    "fmv.w.x ft0, %2\n\tfmv.w.x ft1, %3\n\tfsflags x0\n\t" insn " ft2, ft0, ft1\n\tfrflags %1\n\tfmv.x.d %0, ft2" \
    : "=&r"(r_), "=&r"(fl) : "r"((u64)(a)), "r"((u64)(b)) : "ft0", "ft1", "ft2"); r_; })
#define FD2(insn, a, b, fl) ({ u64 r_; __asm__ volatile( \
    "fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfsflags x0\n\t" insn " ft2, ft0, ft1\n\tfrflags %1\n\tfmv.x.d %0, ft2" \
    : "=&r"(r_), "=&r"(fl) : "r"((u64)(a)), "r"((u64)(b)) : "ft0", "ft1", "ft2"); r_; })
/* Integer results (compares). */
#define XS2(insn, a, b, fl) ({ u64 r_; __asm__ volatile( \
    "fmv.w.x ft0, %2\n\tfmv.w.x ft1, %3\n\tfsflags x0\n\t" insn " %0, ft0, ft1\n\tfrflags %1" \
    : "=&r"(r_), "=&r"(fl) : "r"((u64)(a)), "r"((u64)(b)) : "ft0", "ft1"); r_; })
#define XD2(insn, a, b, fl) ({ u64 r_; __asm__ volatile( \
    "fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfsflags x0\n\t" insn " %0, ft0, ft1\n\tfrflags %1" \
    : "=&r"(r_), "=&r"(fl) : "r"((u64)(a)), "r"((u64)(b)) : "ft0", "ft1"); r_; })
#define CLASS_S(a) ({ u64 r_; __asm__ volatile("fmv.w.x ft0, %1\n\tfclass.s %0, ft0" : "=r"(r_) : "r"((u64)(a)) : "ft0"); r_; })
#define CLASS_D(a) ({ u64 r_; __asm__ volatile("fmv.d.x ft0, %1\n\tfclass.d %0, ft0" : "=r"(r_) : "r"((u64)(a)) : "ft0"); r_; })

#define BOX(v) (0xffffffff00000000ull | (v))
#define NV 0x10

static void c_fs(const char *insn, u64 got, u64 fl, u64 expected, u64 expected_flags, u64 a, u64 b)
{
    check_eq(got, expected, "%s(%#llx, %#llx) result", insn, (unsigned long long)a, (unsigned long long)b);
    check_eq(fl, expected_flags, "%s(%#llx, %#llx) fflags", insn, (unsigned long long)a, (unsigned long long)b);
}

#define T_FS(insn, a, b, exp, expfl) do { u64 fl_; u64 g_ = FS2(insn, a, b, fl_); c_fs(insn, g_, fl_, BOX(exp), expfl, a, b); } while (0)
#define T_FD(insn, a, b, exp, expfl) do { u64 fl_; u64 g_ = FD2(insn, a, b, fl_); c_fs(insn, g_, fl_, exp, expfl, a, b); } while (0)
#define T_XS(insn, a, b, exp, expfl) do { u64 fl_; u64 g_ = XS2(insn, a, b, fl_); c_fs(insn, g_, fl_, exp, expfl, a, b); } while (0)
#define T_XD(insn, a, b, exp, expfl) do { u64 fl_; u64 g_ = XD2(insn, a, b, fl_); c_fs(insn, g_, fl_, exp, expfl, a, b); } while (0)

#define S_ONE 0x3f800000u
#define S_TWO 0x40000000u
#define S_MONE 0xbf800000u
#define S_MTWO 0xc0000000u
#define S_NZERO 0x80000000u
#define S_INF 0x7f800000u
#define S_NINF 0xff800000u
#define S_QNAN 0x7fc00000u
#define S_SNAN 0x7f800001u

#define D_ONE 0x3ff0000000000000ull
#define D_TWO 0x4000000000000000ull
#define D_MONE 0xbff0000000000000ull
#define D_MTWO 0xc000000000000000ull
#define D_NZERO 0x8000000000000000ull
#define D_INF 0x7ff0000000000000ull
#define D_NINF 0xfff0000000000000ull
#define D_QNAN 0x7ff8000000000000ull
#define D_SNAN 0x7ff0000000000001ull

static void min_max(void)
{
    T_FS("fmin.s", S_ONE, S_TWO, S_ONE, 0);
    T_FS("fmax.s", S_ONE, S_TWO, S_TWO, 0);
    T_FS("fmin.s", S_MONE, S_MTWO, S_MTWO, 0);
    T_FS("fmax.s", S_MONE, S_MTWO, S_MONE, 0);
    T_FS("fmin.s", S_NZERO, 0, S_NZERO, 0);
    T_FS("fmin.s", 0, S_NZERO, S_NZERO, 0);
    T_FS("fmax.s", S_NZERO, 0, 0, 0);
    T_FS("fmax.s", 0, S_NZERO, 0, 0);
    T_FS("fmin.s", S_QNAN, S_ONE, S_ONE, 0);
    T_FS("fmin.s", S_ONE, 0x7fc12345u, S_ONE, 0);
    T_FS("fmax.s", S_QNAN, S_NINF, S_NINF, 0);
    T_FS("fmin.s", S_SNAN, S_ONE, S_ONE, NV);
    T_FS("fmax.s", S_ONE, S_SNAN, S_ONE, NV);
    T_FS("fmin.s", S_QNAN, 0xffc00001u, S_QNAN, 0);
    T_FS("fmax.s", S_SNAN, S_QNAN, S_QNAN, NV);
    T_FS("fmin.s", S_NINF, S_INF, S_NINF, 0);

    T_FD("fmin.d", D_ONE, D_TWO, D_ONE, 0);
    T_FD("fmax.d", D_ONE, D_TWO, D_TWO, 0);
    T_FD("fmin.d", D_MONE, D_MTWO, D_MTWO, 0);
    T_FD("fmax.d", D_MONE, D_MTWO, D_MONE, 0);
    T_FD("fmin.d", D_NZERO, 0, D_NZERO, 0);
    T_FD("fmin.d", 0, D_NZERO, D_NZERO, 0);
    T_FD("fmax.d", D_NZERO, 0, 0, 0);
    T_FD("fmax.d", 0, D_NZERO, 0, 0);
    T_FD("fmin.d", D_QNAN, D_ONE, D_ONE, 0);
    T_FD("fmax.d", D_NINF, D_QNAN | 7, D_NINF, 0);
    T_FD("fmin.d", D_SNAN, D_ONE, D_ONE, NV);
    T_FD("fmax.d", D_ONE, D_SNAN, D_ONE, NV);
    T_FD("fmin.d", D_QNAN | 1, D_QNAN | 2, D_QNAN, 0);
    T_FD("fmax.d", D_SNAN, D_SNAN, D_QNAN, NV);
}

static void sign_injection(void)
{
    T_FS("fsgnj.s", S_ONE, S_MTWO, S_MONE, 0);
    T_FS("fsgnj.s", S_MONE, S_TWO, S_ONE, 0);
    T_FS("fsgnjn.s", S_ONE, S_MTWO, S_ONE, 0);
    T_FS("fsgnjn.s", S_ONE, S_TWO, S_MONE, 0);
    T_FS("fsgnjx.s", S_MONE, S_MTWO, S_ONE, 0);
    T_FS("fsgnjx.s", S_MONE, S_TWO, S_MONE, 0);
    T_FS("fsgnjx.s", S_ONE, S_MTWO, S_MONE, 0);
    /* NaNs pass through untouched, no flags. */
    T_FS("fsgnj.s", S_SNAN, S_MONE, 0xff800001u, 0);
    T_FS("fsgnjn.s", 0x7fc12345u, S_QNAN, 0xffc12345u, 0);
    T_FS("fsgnjx.s", 0xffc00000u, S_MONE, S_QNAN, 0);

    T_FD("fsgnj.d", D_ONE, D_MTWO, D_MONE, 0);
    T_FD("fsgnj.d", D_MONE, D_TWO, D_ONE, 0);
    T_FD("fsgnjn.d", D_ONE, D_MTWO, D_ONE, 0);
    T_FD("fsgnjn.d", D_ONE, D_TWO, D_MONE, 0);
    T_FD("fsgnjx.d", D_MONE, D_MTWO, D_ONE, 0);
    T_FD("fsgnjx.d", D_MONE, D_TWO, D_MONE, 0);
    T_FD("fsgnjx.d", D_ONE, D_MTWO, D_MONE, 0);
    T_FD("fsgnj.d", D_SNAN, D_MONE, 0xfff0000000000001ull, 0);
    T_FD("fsgnjn.d", 0xfff8000000000123ull, D_MONE, 0x7ff8000000000123ull, 0);
}

static void classify(void)
{
    static const struct { uint32_t bits; unsigned bit; const char *what; } s[] = {
        {0xff800000u, 0, "-inf"}, {0xbf800000u, 1, "-normal"}, {0x80000001u, 2, "-subnormal"},
        {0x80000000u, 3, "-0"}, {0x00000000u, 4, "+0"}, {0x007fffffu, 5, "+subnormal"},
        {0x7f7fffffu, 6, "+normal"}, {0x00800000u, 6, "+min normal"}, {0x7f800000u, 7, "+inf"},
        {0x7f800001u, 8, "sNaN"}, {0xffbfffffu, 8, "negative sNaN"}, {0x7fc00000u, 9, "qNaN"},
        {0xffffffffu, 9, "negative qNaN"},
    };
    for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++)
        check_eq(CLASS_S(s[i].bits), 1ull << s[i].bit, "fclass.s %s (%#x)", s[i].what, s[i].bits);
    static const struct { u64 bits; unsigned bit; const char *what; } d[] = {
        {0xfff0000000000000ull, 0, "-inf"}, {0x8010000000000000ull, 1, "-normal"}, {0x800fffffffffffffull, 2, "-subnormal"},
        {0x8000000000000000ull, 3, "-0"}, {0, 4, "+0"}, {0x0000000000000001ull, 5, "+subnormal"},
        {0x3ff0000000000000ull, 6, "+normal"}, {0x7ff0000000000000ull, 7, "+inf"},
        {0x7ff4000000000000ull, 8, "sNaN"}, {0x7ff8000000000000ull, 9, "qNaN"}, {0xfff8000000000001ull, 9, "negative qNaN"},
    };
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++)
        check_eq(CLASS_D(d[i].bits), 1ull << d[i].bit, "fclass.d %s (%#llx)", d[i].what, (unsigned long long)d[i].bits);
}

static void compare(void)
{
    T_XS("feq.s", S_ONE, S_ONE, 1, 0);
    T_XS("feq.s", S_ONE, S_TWO, 0, 0);
    T_XS("flt.s", S_ONE, S_TWO, 1, 0);
    T_XS("flt.s", S_TWO, S_ONE, 0, 0);
    T_XS("flt.s", S_MTWO, S_MONE, 1, 0);
    T_XS("flt.s", S_MONE, S_MTWO, 0, 0);
    T_XS("fle.s", S_TWO, S_TWO, 1, 0);
    T_XS("fle.s", S_TWO, S_ONE, 0, 0);
    T_XS("feq.s", S_NZERO, 0, 1, 0);
    T_XS("flt.s", S_NZERO, 0, 0, 0);
    T_XS("fle.s", 0, S_NZERO, 1, 0);
    T_XS("flt.s", S_NINF, S_INF, 1, 0);
    /* feq is a quiet comparison: NV only for signaling NaNs. flt/fle signal on any NaN. */
    T_XS("feq.s", S_QNAN, S_ONE, 0, 0);
    T_XS("feq.s", S_QNAN, S_QNAN, 0, 0);
    T_XS("feq.s", S_SNAN, S_ONE, 0, NV);
    T_XS("feq.s", S_ONE, S_SNAN, 0, NV);
    T_XS("flt.s", S_QNAN, S_ONE, 0, NV);
    T_XS("flt.s", S_ONE, S_QNAN, 0, NV);
    T_XS("fle.s", S_ONE, S_QNAN, 0, NV);
    T_XS("fle.s", S_SNAN, S_SNAN, 0, NV);

    T_XD("feq.d", D_ONE, D_ONE, 1, 0);
    T_XD("feq.d", D_ONE, D_TWO, 0, 0);
    T_XD("flt.d", D_ONE, D_TWO, 1, 0);
    T_XD("flt.d", D_MTWO, D_MONE, 1, 0);
    T_XD("flt.d", D_MONE, D_MTWO, 0, 0);
    T_XD("fle.d", D_TWO, D_TWO, 1, 0);
    T_XD("fle.d", D_TWO, D_ONE, 0, 0);
    T_XD("feq.d", D_NZERO, 0, 1, 0);
    T_XD("flt.d", D_NZERO, 0, 0, 0);
    T_XD("fle.d", D_NZERO, 0, 1, 0);
    T_XD("feq.d", D_QNAN, D_ONE, 0, 0);
    T_XD("feq.d", D_SNAN, D_ONE, 0, NV);
    T_XD("flt.d", D_QNAN, D_ONE, 0, NV);
    T_XD("fle.d", D_ONE, D_QNAN, 0, NV);
}

static void moves_and_boxing(void)
{
    u64 r, fl;
    /* fmv.x.w sign-extends the low 32 bits; fmv.w.x takes the low 32 bits and boxes them. */
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"((u64)0x80000000u) : "ft0");
    check_eq(r, 0xffffffff80000000ull, "fmv.x.w of 0x80000000 sign-extends");
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"((u64)0x7fc00000u) : "ft0");
    check_eq(r, 0x7fc00000, "fmv.x.w of 0x7fc00000");
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(0x123456783f800000ull) : "ft0");
    check_eq(r, 0xffffffff3f800000ull, "fmv.w.x takes the low word and NaN-boxes it");
    __asm__ volatile("fsflags x0\n\tfmv.w.x ft0, %2\n\tfmv.x.w %0, ft0\n\tfrflags %1" : "=&r"(r), "=&r"(fl) : "r"((u64)S_SNAN) : "ft0");
    check_eq(r, S_SNAN, "fmv.w.x/fmv.x.w keep a signaling NaN's bits");
    check_eq(fl, 0, "fmv.w.x/fmv.x.w raise no flags");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(0x123456789abcdef0ull) : "ft0");
    check_eq(r, 0x123456789abcdef0ull, "fmv.d.x/fmv.x.d round trip");
    __asm__ volatile("fsflags x0\n\tfmv.d.x ft0, %2\n\tfmv.x.d %0, ft0\n\tfrflags %1" : "=&r"(r), "=&r"(fl) : "r"(D_SNAN) : "ft0");
    check_eq(r, D_SNAN, "fmv.d.x/fmv.x.d keep a signaling NaN's bits");
    check_eq(fl, 0, "fmv.d.x/fmv.x.d raise no flags");
    /* fmv.x.w reads the low 32 bits whatever the upper bits hold. */
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"(0x123456789abcdef0ull) : "ft0");
    check_eq(r, 0xffffffff9abcdef0ull, "fmv.x.w of a non-boxed register takes its low word");

    /* Single-precision operations see a non-boxed register as the canonical NaN. */
    __asm__ volatile("fsflags x0\n\tfmv.d.x ft0, %2\n\tfadd.s ft1, ft0, ft0\n\tfrflags %1\n\tfmv.x.d %0, ft1"
                     : "=&r"(r), "=&r"(fl) : "r"(D_ONE) : "ft0", "ft1");
    check_eq(r, BOX(0x7fc00000u), "fadd.s on a non-boxed double gives the boxed canonical NaN");
    check_eq(fl, 0, "fadd.s on a non-boxed value raises nothing (canonical NaN is quiet)");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfadd.s ft1, ft0, ft1\n\tfmv.x.d %0, ft1"
                     : "=&r"(r) : "r"(0xfffffffe3f800000ull), "r"((u64)S_ONE) : "ft0", "ft1");
    check_eq(r, BOX(0x7fc00000u), "fadd.s with an almost-boxed operand (upper word 0xfffffffe)");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfadd.s ft1, ft0, ft0\n\tfmv.x.d %0, ft1" : "=&r"(r) : "r"(0xffffffff3f800000ull) : "ft0", "ft1");
    check_eq(r, BOX(S_TWO), "fadd.s on a properly boxed 1.0 placed with fmv.d.x");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfsgnj.s ft2, ft0, ft1\n\tfmv.x.d %0, ft2"
                     : "=&r"(r) : "r"(D_ONE), "r"((u64)S_MONE) : "ft0", "ft1", "ft2");
    check_eq(r, BOX(0xffc00000u), "fsgnj.s of a non-boxed value: canonical NaN with the new sign");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfmin.s ft2, ft0, ft1\n\tfmv.x.d %0, ft2"
                     : "=&r"(r) : "r"(D_ONE), "r"((u64)S_TWO) : "ft0", "ft1", "ft2");
    check_eq(r, BOX(S_TWO), "fmin.s(non-boxed, 2.0) = 2.0");
    __asm__ volatile("fsflags x0\n\tfmv.d.x ft0, %2\n\tfcvt.d.s ft1, ft0\n\tfrflags %1\n\tfmv.x.d %0, ft1"
                     : "=&r"(r), "=&r"(fl) : "r"(D_TWO) : "ft0", "ft1");
    check_eq(r, D_QNAN, "fcvt.d.s of a non-boxed value gives the canonical double NaN");
    check_eq(fl, 0, "fcvt.d.s of a non-boxed value raises nothing");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfclass.s %0, ft0" : "=r"(r) : "r"(D_ONE) : "ft0");
    check_eq(r, 1u << 9, "fclass.s of a non-boxed value is quiet NaN");
    __asm__ volatile("fsflags x0\n\tfmv.d.x ft0, %2\n\tfeq.s %0, ft0, ft0\n\tfrflags %1" : "=&r"(r), "=&r"(fl) : "r"(D_ONE) : "ft0");
    check_eq(r, 0, "feq.s of a non-boxed value with itself is false");
    check_eq(fl, 0, "feq.s of a non-boxed value raises nothing");
    /* Double operations use all 64 bits, boxed or not. */
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"((u64)S_ONE) : "ft0");
    check_eq(r, 0xffffffff3f800000ull, "a boxed single seen as a double is a NaN pattern");
}

static volatile uint32_t word_cells[4] __attribute__((aligned(16)));
static volatile u64 double_cells[2] __attribute__((aligned(16)));

static void loads_and_stores(void)
{
    u64 r, fl;
    word_cells[0] = S_MONE;
    word_cells[1] = S_SNAN;
    __asm__ volatile("flw ft0, 0(%1)\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(word_cells) : "ft0", "memory");
    check_eq(r, BOX(S_MONE), "flw result is NaN-boxed");
    __asm__ volatile("fsflags x0\n\tflw ft0, 4(%2)\n\tfmv.x.d %0, ft0\n\tfrflags %1" : "=&r"(r), "=&r"(fl) : "r"(word_cells) : "ft0", "memory");
    check_eq(r, BOX(S_SNAN), "flw keeps a signaling NaN's bits");
    check_eq(fl, 0, "flw raises no flags");
    __asm__ volatile("flw ft0, 0(%1)\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"(word_cells) : "ft0", "memory");
    check_eq(r, 0xffffffffbf800000ull, "flw then fmv.x.w sign-extends");
    /* fsw stores the low 32 bits, boxed or not. */
    word_cells[2] = 0;
    word_cells[3] = 0x5a5a5a5au;
    __asm__ volatile("fmv.d.x ft0, %1\n\tfsw ft0, 8(%0)" :: "r"(word_cells), "r"(0x123456789abcdef0ull) : "ft0", "memory");
    check_eq(word_cells[2], 0x9abcdef0u, "fsw of a non-boxed register stores its low word");
    check_eq(word_cells[3], 0x5a5a5a5au, "fsw stores only 4 bytes");
    double_cells[0] = D_SNAN;
    __asm__ volatile("fld ft0, 0(%1)\n\tfsd ft0, 8(%1)\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(double_cells) : "ft0", "memory");
    check_eq(r, D_SNAN, "fld keeps a signaling NaN's bits");
    check_eq(double_cells[1], D_SNAN, "fsd stores the bits unchanged");
    /* Misaligned FP access. */
    static volatile uint8_t bytes[16] __attribute__((aligned(8)));
    for (int i = 0; i < 16; i++)
        bytes[i] = (uint8_t)(0x10 + i);
    __asm__ volatile("fld ft0, 3(%1)\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(bytes) : "ft0", "memory");
    check_eq(r, 0x1a19181716151413ull, "misaligned fld");
    __asm__ volatile("flw ft0, 1(%1)\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(bytes) : "ft0", "memory");
    check_eq(r, BOX(0x14131211u), "misaligned flw");
}

static void flags_and_fcsr(void)
{
    u64 r, old;
    /* Flags accrue until cleared. */
    __asm__ volatile(
        "fsflags x0\n\t"
        "fmv.w.x ft0, %1\n\tfmv.w.x ft1, x0\n\tfdiv.s ft2, ft0, ft1\n\t"   /* 1/0: DZ */
        "fmv.w.x ft1, %2\n\tfadd.s ft2, ft0, ft1\n\t"                     /* 1 + 2^-24: NX */
        "frflags %0"
        : "=&r"(r) : "r"((u64)S_ONE), "r"((u64)0x33800000u) : "ft0", "ft1", "ft2");
    check_eq(r, 0x09, "DZ then NX accrue to 0x09");
    __asm__ volatile("fmv.w.x ft0, %1\n\tflt.s %0, ft0, ft0\n\tfrflags %0" : "=&r"(r) : "r"((u64)S_QNAN) : "ft0");
    check_eq(r, 0x19, "then flt.s on a qNaN adds NV");
    __asm__ volatile("fmv.w.x ft0, %1\n\tfadd.s ft1, ft0, ft0\n\tfrflags %0" : "=&r"(r) : "r"((u64)S_ONE) : "ft0", "ft1");
    check_eq(r, 0x19, "an exact operation leaves accrued flags alone");
    __asm__ volatile(
        "fsflags x0\n\tfmv.w.x ft0, %1\n\tfmul.s ft1, ft0, ft0\n\tfrflags %0"   /* 2^-100 squared: UF|NX */
        : "=&r"(r) : "r"((u64)0x0d800000u) : "ft0", "ft1");
    check_eq(r, 0x03, "underflow raises UF and NX");
    __asm__ volatile(
        "fsflags x0\n\tfmv.w.x ft0, %1\n\tfmul.s ft1, ft0, ft0\n\tfrflags %0"   /* 2^100 squared: OF|NX */
        : "=&r"(r) : "r"((u64)0x71800000u) : "ft0", "ft1");
    check_eq(r, 0x05, "overflow raises OF and NX");

    /* fsflags/fsrm/fscsr return the old value; fcsr = frm << 5 | fflags. */
    __asm__ volatile("fsflags %0, %1" : "=r"(old) : "r"((u64)0x0a));
    check_eq(old, 0x05, "fsflags returns the old flags");
    __asm__ volatile("frflags %0" : "=r"(r));
    check_eq(r, 0x0a, "fsflags wrote the flags");
    __asm__ volatile("fsflags %0, %1" : "=r"(old) : "r"((u64)0xff));
    __asm__ volatile("frflags %0" : "=r"(r));
    check_eq(r, 0x1f, "fflags keeps 5 bits");
    __asm__ volatile("fscsr x0");
    __asm__ volatile("fsrm %0, %1" : "=r"(old) : "r"((u64)3));
    check_eq(old, 0, "fsrm returns the old rounding mode");
    __asm__ volatile("frcsr %0" : "=r"(r));
    check_eq(r, 0x60, "fcsr after frm = 3");
    __asm__ volatile("fsflags %0" :: "r"((u64)0x15));
    __asm__ volatile("frcsr %0" : "=r"(r));
    check_eq(r, 0x75, "fcsr = frm << 5 | fflags");
    __asm__ volatile("fscsr %0, %1" : "=r"(old) : "r"((u64)0x1ff));
    check_eq(old, 0x75, "fscsr returns the old fcsr");
    __asm__ volatile("frcsr %0" : "=r"(r));
    check_eq(r, 0xff, "fcsr keeps 8 bits");
    __asm__ volatile("frrm %0" : "=r"(r));
    check_eq(r, 7, "frm from fcsr");
    __asm__ volatile("frflags %0" : "=r"(r));
    check_eq(r, 0x1f, "fflags from fcsr");
    __asm__ volatile("fscsr %0" :: "r"((u64)(2 << 5 | 0x04)));
    __asm__ volatile("csrr %0, fflags" : "=r"(r));
    check_eq(r, 0x04, "csrr fflags");
    __asm__ volatile("csrr %0, frm" : "=r"(r));
    check_eq(r, 2, "csrr frm");
    __asm__ volatile("csrsi fflags, 0x11\n\tcsrr %0, fcsr" : "=r"(r));
    check_eq(r, 2 << 5 | 0x15, "csrsi fflags sets bits in fcsr");
    __asm__ volatile("csrci fcsr, 0x05\n\tcsrr %0, fcsr" : "=r"(r));
    check_eq(r, 2 << 5 | 0x10, "csrci fcsr clears flag bits");
    __asm__ volatile("csrwi frm, 4\n\tcsrr %0, fcsr" : "=r"(r));
    check_eq(r, 4 << 5 | 0x10, "csrwi frm keeps the flags");
    /* The dynamic mode follows frm = RMM now: 1 + 2^-24 rounds away. */
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfadd.s ft2, ft0, ft1, dyn\n\tfmv.x.w %0, ft2"
                     : "=&r"(r) : "r"((u64)S_ONE), "r"((u64)0x33800000u) : "ft0", "ft1", "ft2");
    check_eq(r, 0x3f800001, "dyn rounding follows frm written through csrwi");
    __asm__ volatile("fscsr x0");
}


static void zero_destination(void)
{
    /* Integer results written to x0 are discarded. */
    u64 r;
    __asm__ volatile("li t0, 0x40400000\n\tfmv.w.x ft0, t0\n\t"
                     "fcvt.w.s x0, ft0, rtz\n\tfmv.x.w x0, ft0\n\tfeq.s x0, ft0, ft0\n\tfclass.s x0, ft0\n\t"
                     "fcvt.l.d x0, ft0\n\tflt.d x0, ft0, ft0\n\tmv %0, x0"
                     : "=r"(r) :: "t0", "ft0");
    check_eq(r, 0, "FP instructions with rd = x0 leave x0 zero");
}

static void status_dirty(void)
{
    u64 status;
    /* FS = Initial (1) and XS = Off: SD clear. Writing an f register must make FS Dirty (3),
       and SD then reads as set. */
    __asm__ volatile("li t0, 0x1e000\n\tcsrc mstatus, t0\n\tli t0, 0x2000\n\tcsrs mstatus, t0\n\tcsrr %0, mstatus" : "=r"(status) :: "t0");
    check_eq((status >> 13) & 3, 1, "mstatus.FS set to Initial");
    check_eq(status >> 63, 0, "mstatus.SD clear while FS is Initial and XS Off");
    __asm__ volatile("fmv.w.x ft0, x0\n\tcsrr %0, mstatus" : "=r"(status) :: "ft0");
    check_eq((status >> 13) & 3, 3, "writing an f register makes mstatus.FS Dirty");
    check_eq(status >> 63, 1, "mstatus.SD is set while FS is Dirty");
    __asm__ volatile("li t0, 0x18000\n\tcsrs mstatus, t0" ::: "t0");
}

int main(void)
{
    min_max();
    sign_injection();
    classify();
    compare();
    moves_and_boxing();
    loads_and_stores();
    flags_and_fcsr();
    zero_destination();
    status_dirty();
    return check_finish();
}
