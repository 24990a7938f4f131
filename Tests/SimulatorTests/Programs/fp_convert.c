/*
 * fp_convert.c: fcvt between integers and floats (both widths, signed and unsigned, 32 and
 * 64 bits) and between single and double, under the five static rounding modes and the
 * dynamic mode, with their fflags. Cases and expected values: fp_convert_cases.h.
 */
#include <stdint.h>

#include "check.h"
#include "fp_convert_cases.h"

typedef uint64_t u64;
typedef u64 (*cv_fn)(u64 in, u64 *flags);

/* Float source in ft0 (loaded from bits), integer result. */
#define FROM_S(insn) \
    u64 r, fl; \
    __asm__ volatile("fmv.w.x ft0, %2\n\tfsflags x0\n\t" insn "\n\tfrflags %1" : "=&r"(r), "=&r"(fl) : "r"(in) : "ft0"); \
    *flags = fl; return r;
#define FROM_D(insn) \
    u64 r, fl; \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfsflags x0\n\t" insn "\n\tfrflags %1" : "=&r"(r), "=&r"(fl) : "r"(in) : "ft0"); \
    *flags = fl; return r;
/* Integer source, float result in ft3 read back as 64 bits (boxing included). */
#define FROM_X(insn) \
    u64 r, fl; \
    __asm__ volatile("fsflags x0\n\t" insn "\n\tfrflags %1\n\tfmv.x.d %0, ft3" : "=&r"(r), "=&r"(fl) : "r"(in) : "ft3"); \
    *flags = fl; return r;

#define FN(name, body, insn) static u64 name(u64 in, u64 *flags) { body(insn) }
#define DEFINE(name, body, text)               \
    FN(name##_rne, body, text ", rne")         \
    FN(name##_rtz, body, text ", rtz")         \
    FN(name##_rdn, body, text ", rdn")         \
    FN(name##_rup, body, text ", rup")         \
    FN(name##_rmm, body, text ", rmm")         \
    FN(name##_dyn, body, text ", dyn")         \
    static const cv_fn name[6] = {name##_rne, name##_rtz, name##_rdn, name##_rup, name##_rmm, name##_dyn};

DEFINE(w_s, FROM_S, "fcvt.w.s %0, ft0")
DEFINE(wu_s, FROM_S, "fcvt.wu.s %0, ft0")
DEFINE(l_s, FROM_S, "fcvt.l.s %0, ft0")
DEFINE(lu_s, FROM_S, "fcvt.lu.s %0, ft0")
DEFINE(w_d, FROM_D, "fcvt.w.d %0, ft0")
DEFINE(wu_d, FROM_D, "fcvt.wu.d %0, ft0")
DEFINE(l_d, FROM_D, "fcvt.l.d %0, ft0")
DEFINE(lu_d, FROM_D, "fcvt.lu.d %0, ft0")
DEFINE(s_w, FROM_X, "fcvt.s.w ft3, %2")
DEFINE(s_wu, FROM_X, "fcvt.s.wu ft3, %2")
DEFINE(s_l, FROM_X, "fcvt.s.l ft3, %2")
DEFINE(s_lu, FROM_X, "fcvt.s.lu ft3, %2")
/* The assembler takes no rounding mode for the exact conversions (fcvt.d.w, fcvt.d.wu,
   fcvt.d.s), but the rm field exists; spell them out as OP-FP words with .insn. */
#define DEFINE_RAW(name, body, funct7, operands)                              \
    FN(name##_rne, body, ".insn r 0x53, 0, " funct7 ", " operands)            \
    FN(name##_rtz, body, ".insn r 0x53, 1, " funct7 ", " operands)            \
    FN(name##_rdn, body, ".insn r 0x53, 2, " funct7 ", " operands)            \
    FN(name##_rup, body, ".insn r 0x53, 3, " funct7 ", " operands)            \
    FN(name##_rmm, body, ".insn r 0x53, 4, " funct7 ", " operands)            \
    FN(name##_dyn, body, ".insn r 0x53, 7, " funct7 ", " operands)            \
    static const cv_fn name[6] = {name##_rne, name##_rtz, name##_rdn, name##_rup, name##_rmm, name##_dyn};
DEFINE_RAW(d_w, FROM_X, "0x69", "ft3, %2, x0")     /* fcvt.d.w: rs2 = 0 */
DEFINE_RAW(d_wu, FROM_X, "0x69", "ft3, %2, x1")    /* fcvt.d.wu: rs2 = 1 */
DEFINE(d_l, FROM_X, "fcvt.d.l ft3, %2")
DEFINE(d_lu, FROM_X, "fcvt.d.lu ft3, %2")
#define FROM_D_TO_F(insn) \
    u64 r, fl; \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfsflags x0\n\t" insn "\n\tfrflags %1\n\tfmv.x.d %0, ft3" : "=&r"(r), "=&r"(fl) : "r"(in) : "ft0", "ft3"); \
    *flags = fl; return r;
#define FROM_S_TO_F(insn) \
    u64 r, fl; \
    __asm__ volatile("fmv.w.x ft0, %2\n\tfsflags x0\n\t" insn "\n\tfrflags %1\n\tfmv.x.d %0, ft3" : "=&r"(r), "=&r"(fl) : "r"(in) : "ft0", "ft3"); \
    *flags = fl; return r;
DEFINE(s_d, FROM_D_TO_F, "fcvt.s.d ft3, ft0")
DEFINE_RAW(d_s, FROM_S_TO_F, "0x21", "ft3, ft0, x0")   /* fcvt.d.s: rs2 = 0 */

static const cv_fn *const ops[CV_COUNT] = {
    w_s, wu_s, l_s, lu_s, w_d, wu_d, l_d, lu_d, s_w, s_wu, s_l, s_lu, d_w, d_wu, d_l, d_lu, s_d, d_s,
};
static const char *const names[CV_COUNT] = {
    "fcvt.w.s", "fcvt.wu.s", "fcvt.l.s", "fcvt.lu.s", "fcvt.w.d", "fcvt.wu.d", "fcvt.l.d", "fcvt.lu.d",
    "fcvt.s.w", "fcvt.s.wu", "fcvt.s.l", "fcvt.s.lu", "fcvt.d.w", "fcvt.d.wu", "fcvt.d.l", "fcvt.d.lu",
    "fcvt.s.d", "fcvt.d.s",
};
static const char *const modes[5] = {"rne", "rtz", "rdn", "rup", "rmm"};

/* Results that land in an f register as single precision must come back NaN-boxed. */
static int single_result(int op)
{
    return op == CV_S_W || op == CV_S_WU || op == CV_S_L || op == CV_S_LU || op == CV_S_D;
}

static void set_frm(u64 mode)
{
    __asm__ volatile("fsrm %0" :: "r"(mode));
}

int main(void)
{
    for (unsigned i = 0; i < sizeof convert_cases / sizeof convert_cases[0]; i++) {
        const struct cv_case *t = &convert_cases[i];
        for (int m = 0; m < 5; m++) {
            u64 expected = single_result(t->op) ? 0xffffffff00000000ull | t->result[m] : t->result[m];
            u64 flags;
            set_frm((m + 2) % 5);
            u64 got = ops[t->op][m](t->in, &flags);
            check_eq(got, expected, "%s %s [%s] result", names[t->op], modes[m], t->what);
            check_eq(flags, t->flags[m], "%s %s [%s] fflags", names[t->op], modes[m], t->what);
            set_frm(m);
            got = ops[t->op][5](t->in, &flags);
            check_eq(got, expected, "%s dyn(frm=%s) [%s] result", names[t->op], modes[m], t->what);
            check_eq(flags, t->flags[m], "%s dyn(frm=%s) [%s] fflags", names[t->op], modes[m], t->what);
        }
    }
    set_frm(0);
    return check_finish();
}
