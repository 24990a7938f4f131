// Test-only reference results for the RISC-V F/D semantics, computed on the host FPU (x86-64
// SSE under <fenv.h> rounding modes). SSE agrees with RISC-V on the results and flags of
// add/sub/mul/div/sqrt/fma and float<->float conversions, except NaN payloads (callers compare
// NaN-ness only). Round-to-nearest-max-magnitude (rm 4), which x86 lacks, is derived from the
// round-to-nearest-even result plus an exact tie test in a wider format.
#ifndef HOST_FLOAT_REFERENCE_H
#define HOST_FLOAT_REFERENCE_H

#include <stdint.h>

/// 1 when the reference can run on this host (x86-64), 0 otherwise: the functions below then
/// return 0 and the tests that need them are skipped.
int hfr_available(void);

/// Operation codes for hfr_f32_op / hfr_f64_op.
enum {
    HFR_ADD = 0,
    HFR_SUB = 1,
    HFR_MUL = 2,
    HFR_DIV = 3,
    HFR_SQRT = 4,  // uses a only
    HFR_FMA = 5,   // a * b + c
};

/// Rounding modes use the RISC-V encoding 0...4 (RNE, RTZ, RDN, RUP, RMM). Every function
/// stores the raised exceptions, as RISC-V fflags bits, in *flags (overwriting it).
uint32_t hfr_f32_op(int op, uint32_t a, uint32_t b, uint32_t c, int rm, uint8_t *flags);
uint64_t hfr_f64_op(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint8_t *flags);

/// fcvt.s.d and fcvt.d.s.
uint32_t hfr_f64_to_f32(uint64_t a, int rm, uint8_t *flags);
uint64_t hfr_f32_to_f64(uint32_t a, uint8_t *flags);

/// Integer to float conversions.
uint32_t hfr_i64_to_f32(int64_t v, int rm, uint8_t *flags);
uint32_t hfr_u64_to_f32(uint64_t v, int rm, uint8_t *flags);
uint64_t hfr_i64_to_f64(int64_t v, int rm, uint8_t *flags);
uint64_t hfr_u64_to_f64(uint64_t v, int rm, uint8_t *flags);

/// Rounds the binary64 value a to an integral value in mode rm and returns it as int64.
/// Only meaningful for -2^63 <= a < 2^63 (the caller applies the RISC-V saturation rules
/// elsewhere); flags gets inexact when rounding changed the value.
int64_t hfr_f64_round_to_i64(uint64_t a, int rm, uint8_t *flags);

#endif
