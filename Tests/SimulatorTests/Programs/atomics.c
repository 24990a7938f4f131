/*
 * atomics.c: the A extension on one hart. LR/SC: an SC succeeds (rd = 0, memory written)
 * only with a valid reservation for its address from the most recent LR; every SC, failed
 * or not, ends the reservation. AMOs return the old value (sign-extended for .w) and store
 * op(old, rs2); the .w forms use the low 32 bits of rs2 and leave neighbouring bytes alone.
 */
#include <stdint.h>

#include "check.h"

typedef uint64_t u64;

static volatile u64 words[4] __attribute__((aligned(16)));

/* Two adjacent 32-bit cells inside one doubleword, so neighbour damage shows. */
static volatile uint32_t cells[4] __attribute__((aligned(16)));

#define LR(width, p) ({ u64 r_; __asm__ volatile("lr." #width " %0, (%1)" : "=r"(r_) : "r"(p) : "memory"); r_; })
#define SC(width, p, v) ({ u64 r_; __asm__ volatile("sc." #width " %0, %2, (%1)" : "=&r"(r_) : "r"(p), "r"((u64)(v)) : "memory"); r_; })
#define AMO(op, p, v) ({ u64 r_; __asm__ volatile(#op " %0, %2, (%1)" : "=&r"(r_) : "r"(p), "r"((u64)(v)) : "memory"); r_; })

static void lr_sc_word(void)
{
    cells[0] = 0x80000001u;
    cells[1] = 0x11111111u;
    check_eq(LR(w, &cells[0]), 0xffffffff80000001ull, "lr.w sign-extends");
    check_eq(SC(w, &cells[0], 0xabcdef0012345678ull), 0, "sc.w after lr.w succeeds");
    check_eq(cells[0], 0x12345678u, "sc.w stored the low word");
    check_eq(cells[1], 0x11111111u, "sc.w left the next word alone");

    /* The reservation is gone after a successful SC. */
    u64 status = SC(w, &cells[0], 0x55);
    check_true(status != 0, "sc.w without a reservation fails (rd %#llx)", (unsigned long long)status);
    check_eq(cells[0], 0x12345678u, "failed sc.w did not store");

    /* SC to a different address than the LR fails, and ends the reservation. */
    (void)LR(w, &cells[0]);
    status = SC(w, &cells[1], 0x66);
    check_true(status != 0, "sc.w to another address than lr.w fails");
    check_eq(cells[1], 0x11111111u, "failed sc.w to another address did not store");
    status = SC(w, &cells[0], 0x77);
    check_true(status != 0, "sc.w after a failed sc.w fails (reservation cleared)");
    check_eq(cells[0], 0x12345678u, "second sc.w did not store");

    /* A fresh LR re-establishes it; the newest LR's address counts. */
    (void)LR(w, &cells[1]);
    (void)LR(w, &cells[0]);
    check_eq(SC(w, &cells[0], 0x88), 0, "sc.w to the most recent lr.w address succeeds");
    check_eq(cells[0], 0x88, "sc.w stored");

    /* A classic atomic increment loop. */
    cells[2] = 41;
    u64 tmp, fail;
    __asm__ volatile("1:\tlr.w %0, (%2)\n\taddi %0, %0, 1\n\tsc.w %1, %0, (%2)\n\tbnez %1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(&cells[2]) : "memory");
    check_eq(cells[2], 42, "lr.w/sc.w increment loop");
}

static void lr_sc_double(void)
{
    words[0] = 0x8000000000000001ull;
    words[1] = 0x2222222222222222ull;
    check_eq(LR(d, &words[0]), 0x8000000000000001ull, "lr.d");
    check_eq(SC(d, &words[0], 0x0123456789abcdefull), 0, "sc.d after lr.d succeeds");
    check_eq(words[0], 0x0123456789abcdefull, "sc.d stored");
    check_true(SC(d, &words[0], 5) != 0, "sc.d without a reservation fails");
    check_eq(words[0], 0x0123456789abcdefull, "failed sc.d did not store");
    (void)LR(d, &words[0]);
    check_true(SC(d, &words[1], 6) != 0, "sc.d to another address than lr.d fails");
    check_eq(words[1], 0x2222222222222222ull, "failed sc.d to another address did not store");
    check_true(SC(d, &words[0], 7) != 0, "sc.d after a failed sc.d fails");
    check_eq(words[0], 0x0123456789abcdefull, "sc.d after failure did not store");
    (void)LR(d, &words[1]);
    check_eq(SC(d, &words[1], 0xfeedface), 0, "sc.d with a fresh reservation succeeds");
    check_eq(words[1], 0xfeedface, "sc.d stored");
}

/* One .w AMO: memory starts at `initial`, the operand is `operand`. */
static void amo_w(const char *name, int which, uint32_t initial, u64 operand, u64 expected_old, uint32_t expected_memory)
{
    cells[0] = 0xa5a5a5a5u;
    cells[1] = initial;
    cells[2] = 0x5a5a5a5au;
    volatile uint32_t *p = &cells[1];
    u64 old = 0;
    switch (which) {
    case 0: old = AMO(amoswap.w, p, operand); break;
    case 1: old = AMO(amoadd.w, p, operand); break;
    case 2: old = AMO(amoxor.w, p, operand); break;
    case 3: old = AMO(amoand.w, p, operand); break;
    case 4: old = AMO(amoor.w, p, operand); break;
    case 5: old = AMO(amomin.w, p, operand); break;
    case 6: old = AMO(amomax.w, p, operand); break;
    case 7: old = AMO(amominu.w, p, operand); break;
    case 8: old = AMO(amomaxu.w, p, operand); break;
    }
    check_eq(old, expected_old, "%s(%#x, %#llx) old value", name, initial, (unsigned long long)operand);
    check_eq(cells[1], expected_memory, "%s(%#x, %#llx) memory", name, initial, (unsigned long long)operand);
    check_true(cells[0] == 0xa5a5a5a5u && cells[2] == 0x5a5a5a5au, "%s leaves the neighbouring words alone", name);
}

static void amo_d(const char *name, int which, u64 initial, u64 operand, u64 expected_memory)
{
    words[0] = 0xa5a5a5a5a5a5a5a5ull;
    words[1] = initial;
    words[2] = 0x5a5a5a5a5a5a5a5aull;
    volatile u64 *p = &words[1];
    u64 old = 0;
    switch (which) {
    case 0: old = AMO(amoswap.d, p, operand); break;
    case 1: old = AMO(amoadd.d, p, operand); break;
    case 2: old = AMO(amoxor.d, p, operand); break;
    case 3: old = AMO(amoand.d, p, operand); break;
    case 4: old = AMO(amoor.d, p, operand); break;
    case 5: old = AMO(amomin.d, p, operand); break;
    case 6: old = AMO(amomax.d, p, operand); break;
    case 7: old = AMO(amominu.d, p, operand); break;
    case 8: old = AMO(amomaxu.d, p, operand); break;
    }
    check_eq(old, initial, "%s(%#llx, %#llx) old value", name, (unsigned long long)initial, (unsigned long long)operand);
    check_eq(words[1], expected_memory, "%s(%#llx, %#llx) memory", name, (unsigned long long)initial, (unsigned long long)operand);
    check_true(words[0] == 0xa5a5a5a5a5a5a5a5ull && words[2] == 0x5a5a5a5a5a5a5a5aull, "%s leaves the neighbouring words alone", name);
}

static void amos(void)
{
    /* .w: old values sign-extend; only the low 32 bits of rs2 count. */
    amo_w("amoswap.w", 0, 0x80000001u, 0xdeadbeef00000005ull, 0xffffffff80000001ull, 5);
    amo_w("amoadd.w", 1, 0x80000001u, 0x7fffffff, 0xffffffff80000001ull, 0);
    amo_w("amoadd.w", 1, 0x7fffffffu, 0xffffffff00000001ull, 0x7fffffff, 0x80000000u);
    amo_w("amoxor.w", 2, 0xff00ff00u, 0x0ff00ff0, 0xffffffffff00ff00ull, 0xf0f0f0f0u);
    amo_w("amoand.w", 3, 0xff00ff00u, 0x123456780ff00ff0ull, 0xffffffffff00ff00ull, 0x0f000f00u);
    amo_w("amoor.w", 4, 0xff00ff00u, 0x0ff00ff0, 0xffffffffff00ff00ull, 0xfff0fff0u);
    /* min/max: signed. 0xfffffffe is -2. */
    amo_w("amomin.w", 5, 0xfffffffeu, 1, 0xfffffffffffffffeull, 0xfffffffeu);
    amo_w("amomin.w", 5, 5, 0xfffffffd, 5, 0xfffffffdu);
    amo_w("amomin.w", 5, 5, 0x0000000100000003ull, 5, 3);     /* rs2 low word 3, not 2^32 + 3 */
    amo_w("amomax.w", 6, 0xfffffffeu, 1, 0xfffffffffffffffeull, 1);
    amo_w("amomax.w", 6, 5, 0xfffffffd, 5, 5);
    amo_w("amomax.w", 6, 0x80000000u, 0xffffffff7fffffffull, 0xffffffff80000000ull, 0x7fffffffu);
    /* minu/maxu: unsigned 32-bit. */
    amo_w("amominu.w", 7, 0xfffffffeu, 1, 0xfffffffffffffffeull, 1);
    amo_w("amominu.w", 7, 9, 0x0000000100000005ull, 9, 5);     /* low word 5, not 2^32 + 5 */
    amo_w("amominu.w", 7, 0x80000000u, 0x7fffffff, 0xffffffff80000000ull, 0x7fffffffu);
    amo_w("amomaxu.w", 8, 0xfffffffeu, 1, 0xfffffffffffffffeull, 0xfffffffeu);
    amo_w("amomaxu.w", 8, 5, 0x0000000100000002ull, 5, 5);     /* low word 2, not 2^32 + 2 */
    amo_w("amomaxu.w", 8, 0x7fffffffu, 0x80000000, 0x7fffffff, 0x80000000u);

    amo_d("amoswap.d", 0, 0x8000000000000001ull, 0x0123456789abcdefull, 0x0123456789abcdefull);
    amo_d("amoadd.d", 1, 0x7fffffffffffffffull, 1, 0x8000000000000000ull);
    amo_d("amoadd.d", 1, 0xffffffffffffffffull, 2, 1);
    amo_d("amoxor.d", 2, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xf0f0f0f0f0f0f0f0ull);
    amo_d("amoand.d", 3, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0x0f000f000f000f00ull);
    amo_d("amoor.d", 4, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xfff0fff0fff0fff0ull);
    amo_d("amomin.d", 5, 0xfffffffffffffffeull, 1, 0xfffffffffffffffeull);
    amo_d("amomin.d", 5, 0x00000000ffffffffull, 0x0000000100000000ull, 0x00000000ffffffffull);
    amo_d("amomin.d", 5, 0x8000000000000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull);
    amo_d("amomax.d", 6, 0xfffffffffffffffeull, 1, 1);
    amo_d("amomax.d", 6, 0x8000000000000000ull, 0x7fffffffffffffffull, 0x7fffffffffffffffull);
    amo_d("amominu.d", 7, 0xfffffffffffffffeull, 1, 1);
    amo_d("amominu.d", 7, 0x8000000000000000ull, 0x7fffffffffffffffull, 0x7fffffffffffffffull);
    amo_d("amomaxu.d", 8, 0xfffffffffffffffeull, 1, 0xfffffffffffffffeull);
    amo_d("amomaxu.d", 8, 0x00000000ffffffffull, 0x0000000100000000ull, 0x0000000100000000ull);

    /* rd = x0: memory still updated. */
    words[1] = 10;
    __asm__ volatile("amoadd.d x0, %1, (%0)" :: "r"(&words[1]), "r"((u64)5) : "memory");
    check_eq(words[1], 15, "amoadd.d with rd = x0 still updates memory");
    u64 zero;
    __asm__ volatile("lr.d x0, (%1)\n\tsc.d x0, %2, (%1)\n\tamoswap.w x0, %2, (%3)\n\tmv %0, x0"
                     : "=r"(zero) : "r"(&words[1]), "r"((u64)16), "r"(&cells[3]) : "memory");
    check_eq(zero, 0, "lr/sc/amo with rd = x0 leave x0 zero");
    check_eq(words[1], 16, "sc.d with rd = x0 still stores");
    check_eq(cells[3], 16, "amoswap.w with rd = x0 still stores");
    /* The aq/rl ordering bits do not change the result. */
    words[1] = 3;
    check_eq(AMO(amoadd.d.aqrl, &words[1], 4), 3, "amoadd.d.aqrl old value");
    check_eq(words[1], 7, "amoadd.d.aqrl memory");
    cells[1] = 9;
    check_eq(AMO(amoswap.w.aq, &cells[1], 1), 9, "amoswap.w.aq old value");
    check_eq(cells[1], 1, "amoswap.w.aq memory");
}

int main(void)
{
    lr_sc_word();
    lr_sc_double();
    amos();
    return check_finish();
}
