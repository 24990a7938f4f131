/*
 * fp_arith.c: F and D add/sub/mul/div/sqrt and the four fused multiply-adds, each under the
 * five static rounding modes and under the dynamic mode (rm = dyn, frm set with fsrm), with
 * the exception flags each raises. Cases and expected values: fp_arith_cases.h.
 *
 * Operands travel as bit patterns through fmv.w.x/fmv.d.x, so the C compiler's own floating
 * point (built with -ffast-math) never touches them. Single-precision results are read with
 * fmv.x.d, so the NaN-boxing of every result is checked too.
 */
#include <stdint.h>

#include "check.h"
#include "fp_arith_cases.h"

typedef uint64_t u64;
typedef u64 (*fp_fn)(u64 a, u64 b, u64 c, u64 *flags);

#define BODY_S(insn)                                                                        \
    u64 r, fl;                                                                              \
    __asm__ volatile("fmv.w.x ft0, %2\n\tfmv.w.x ft1, %3\n\tfmv.w.x ft2, %4\n\t"            \
                     "fsflags x0\n\t" insn "\n\tfrflags %1\n\tfmv.x.d %0, ft3"              \
                     : "=r"(r), "=r"(fl) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3"); \
    *flags = fl;                                                                            \
    return r;

#define BODY_D(insn)                                                                        \
    u64 r, fl;                                                                              \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfmv.d.x ft2, %4\n\t"            \
                     "fsflags x0\n\t" insn "\n\tfrflags %1\n\tfmv.x.d %0, ft3"              \
                     : "=r"(r), "=r"(fl) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3"); \
    *flags = fl;                                                                            \
    return r;

#define FN(name, body, insn) \
    static u64 name(u64 a, u64 b, u64 c, u64 *flags) { (void)a; (void)b; (void)c; body(insn) }

/* Six functions per instruction: rne, rtz, rdn, rup, rmm (indices 0-4) and dyn (5). */
#define DEFINE(name, body, text)                           \
    FN(name##_rne, body, text ", rne")                     \
    FN(name##_rtz, body, text ", rtz")                     \
    FN(name##_rdn, body, text ", rdn")                     \
    FN(name##_rup, body, text ", rup")                     \
    FN(name##_rmm, body, text ", rmm")                     \
    FN(name##_dyn, body, text ", dyn")                     \
    static const fp_fn name[6] = {name##_rne, name##_rtz, name##_rdn, name##_rup, name##_rmm, name##_dyn};

#define TWO "ft3, ft0, ft1"
#define ONE "ft3, ft0"
#define THREE "ft3, ft0, ft1, ft2"

DEFINE(fadd_s, BODY_S, "fadd.s " TWO)
DEFINE(fsub_s, BODY_S, "fsub.s " TWO)
DEFINE(fmul_s, BODY_S, "fmul.s " TWO)
DEFINE(fdiv_s, BODY_S, "fdiv.s " TWO)
DEFINE(fsqrt_s, BODY_S, "fsqrt.s " ONE)
DEFINE(fmadd_s, BODY_S, "fmadd.s " THREE)
DEFINE(fmsub_s, BODY_S, "fmsub.s " THREE)
DEFINE(fnmsub_s, BODY_S, "fnmsub.s " THREE)
DEFINE(fnmadd_s, BODY_S, "fnmadd.s " THREE)
DEFINE(fadd_d, BODY_D, "fadd.d " TWO)
DEFINE(fsub_d, BODY_D, "fsub.d " TWO)
DEFINE(fmul_d, BODY_D, "fmul.d " TWO)
DEFINE(fdiv_d, BODY_D, "fdiv.d " TWO)
DEFINE(fsqrt_d, BODY_D, "fsqrt.d " ONE)
DEFINE(fmadd_d, BODY_D, "fmadd.d " THREE)
DEFINE(fmsub_d, BODY_D, "fmsub.d " THREE)
DEFINE(fnmsub_d, BODY_D, "fnmsub.d " THREE)
DEFINE(fnmadd_d, BODY_D, "fnmadd.d " THREE)

static const fp_fn *const single_ops[OP_COUNT] = {fadd_s, fsub_s, fmul_s, fdiv_s, fsqrt_s, fmadd_s, fmsub_s, fnmsub_s, fnmadd_s};
static const fp_fn *const double_ops[OP_COUNT] = {fadd_d, fsub_d, fmul_d, fdiv_d, fsqrt_d, fmadd_d, fmsub_d, fnmsub_d, fnmadd_d};
static const char *const op_names[OP_COUNT] = {"fadd", "fsub", "fmul", "fdiv", "fsqrt", "fmadd", "fmsub", "fnmsub", "fnmadd"};
static const char *const mode_names[5] = {"rne", "rtz", "rdn", "rup", "rmm"};

static void set_frm(u64 mode)
{
    __asm__ volatile("fsrm %0" :: "r"(mode));
}

static void run(const struct fp_case *cases, int count, const fp_fn *const *ops, int single)
{
    const char *suffix = single ? ".s" : ".d";
    for (int i = 0; i < count; i++) {
        const struct fp_case *t = &cases[i];
        const fp_fn *fns = ops[t->op];
        for (int m = 0; m < 5; m++) {
            u64 expected = single ? (0xffffffff00000000ull | t->result[m]) : t->result[m];
            u64 flags;
            /* Static mode: frm holds a different mode, which must not matter. */
            set_frm((m + 1) % 5);
            u64 got = fns[m](t->a, t->b, t->c, &flags);
            check_eq(got, expected, "%s%s %s [%s] result", op_names[t->op], suffix, mode_names[m], t->what);
            check_eq(flags, t->flags[m], "%s%s %s [%s] fflags", op_names[t->op], suffix, mode_names[m], t->what);
            /* Dynamic mode with frm = m. */
            set_frm(m);
            got = fns[5](t->a, t->b, t->c, &flags);
            check_eq(got, expected, "%s%s dyn(frm=%s) [%s] result", op_names[t->op], suffix, mode_names[m], t->what);
            check_eq(flags, t->flags[m], "%s%s dyn(frm=%s) [%s] fflags", op_names[t->op], suffix, mode_names[m], t->what);
        }
    }
    set_frm(0);
}

int main(void)
{
    run(single_cases, sizeof single_cases / sizeof single_cases[0], single_ops, 1);
    run(double_cases, sizeof double_cases / sizeof double_cases[0], double_ops, 0);
    return check_finish();
}
