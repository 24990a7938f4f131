/*
 * csr.c: Zicsr, Zifencei and the counters.
 *
 * Spec rules checked: csrrw/csrrwi always write; csrrs/csrrc (and the immediate forms) do
 * not write when rs1 is x0 (uimm is 0), so they may read read-only CSRs; any write attempt
 * to a read-only CSR (number bits 11:10 = 3) or any access to a CSR that does not exist is
 * an illegal instruction (mtval = the instruction bits). A CSR read of instret returns the
 * count before that instruction retires, and a write of minstret replaces the increment of
 * the writing instruction. fence.i makes earlier stores to instruction memory visible to
 * instruction fetch.
 */
#include <stdint.h>

#include "check.h"
#include "trap.h"

typedef uint64_t u64;

static void scratch_register(void)
{
    u64 old, now;
    __asm__ volatile("csrw mscratch, %0" :: "r"(0x123456789abcdef0ull));
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0x123456789abcdef0ull, "csrw/csrr mscratch keeps 64 bits");
    __asm__ volatile("csrrw %0, mscratch, %1" : "=&r"(old) : "r"(0xff00ull));
    check_eq(old, 0x123456789abcdef0ull, "csrrw returns the old value");
    __asm__ volatile("csrrs %0, mscratch, %1" : "=&r"(old) : "r"(0x0ff0ull));
    check_eq(old, 0xff00, "csrrs returns the old value");
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0xfff0, "csrrs sets bits");
    __asm__ volatile("csrrc %0, mscratch, %1" : "=&r"(old) : "r"(0x0f0full));
    check_eq(old, 0xfff0, "csrrc returns the old value");
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0xf0f0, "csrrc clears bits");
    __asm__ volatile("csrrwi %0, mscratch, 0x1f" : "=&r"(old));
    check_eq(old, 0xf0f0, "csrrwi returns the old value");
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0x1f, "csrrwi writes the zero-extended 5-bit immediate");
    __asm__ volatile("csrrci %0, mscratch, 0x13" : "=&r"(old));
    check_eq(old, 0x1f, "csrrci returns the old value");
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0x0c, "csrrci clears bits");
    __asm__ volatile("csrrsi %0, mscratch, 0x10" : "=&r"(old));
    check_eq(old, 0x0c, "csrrsi returns the old value");
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0x1c, "csrrsi sets bits");
    __asm__ volatile("csrrs %0, mscratch, x0" : "=r"(old));
    __asm__ volatile("csrrc %0, mscratch, x0" : "=r"(now));
    check_true(old == 0x1c && now == 0x1c, "csrrs/csrrc with rs1 = x0 only read");
    __asm__ volatile("csrrw x0, mscratch, %0" :: "r"(0x55ull));
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0x55, "csrrw with rd = x0 writes");
    u64 same;
    __asm__ volatile("csrrw %0, mscratch, %0" : "=r"(same) : "0"(0x77ull));
    check_eq(same, 0x55, "csrrw with rd == rs1 returns the old value");
    __asm__ volatile("csrr %0, mscratch" : "=r"(now));
    check_eq(now, 0x77, "csrrw with rd == rs1 writes the old rs1");
}

static void identification(void)
{
    u64 v;
    __asm__ volatile("csrr %0, misa" : "=r"(v));
    check_eq(v >> 62, 2, "misa MXL = 2 (RV64)");
    check_eq(v & 0x3ffffff, (1u << ('I' - 'A')) | (1u << ('M' - 'A')) | (1u << ('A' - 'A')) | (1u << ('F' - 'A')) |
                                (1u << ('D' - 'A')) | (1u << ('C' - 'A')),
             "misa extensions are exactly I M A F D C");
    __asm__ volatile("csrr %0, mhartid" : "=r"(v));
    check_eq(v, 0, "mhartid");
}

static void counters(void)
{
    u64 a, b, c, d;
    /* Five instructions between two reads: the second read sees six more retired. */
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "csrr %0, instret\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tcsrr %1, instret\n\t"
                     ".option pop" : "=&r"(a), "=&r"(b));
    check_eq(b - a, 6, "instret counts the csrr and five nops");
    __asm__ volatile("csrr %0, minstret\n\tnop\n\tcsrr %1, minstret" : "=&r"(a), "=&r"(b));
    check_eq(b - a, 2, "minstret counts the csrr and one nop");
    /* A loop: li + 100 x (addi, bnez) + the first csrr = 202. */
    __asm__ volatile("csrr %0, instret\n\tli t0, 100\n1:\taddi t0, t0, -1\n\tbnez t0, 1b\n\tcsrr %1, instret"
                     : "=&r"(a), "=&r"(b) :: "t0");
    check_eq(b - a, 202, "instret across a 100-iteration loop");
    __asm__ volatile("csrr %0, cycle\n\tcsrr %1, mcycle\n\tli t0, 100\n1:\taddi t0, t0, -1\n\tbnez t0, 1b\n\t"
                     "csrr %2, cycle\n\tcsrr %3, mcycle" : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d) :: "t0");
    check_true(c > a && d > b, "cycle and mcycle advance (%llu -> %llu, %llu -> %llu)", (unsigned long long)a,
               (unsigned long long)c, (unsigned long long)b, (unsigned long long)d);
    /* Writing minstret: the write replaces the increment; counting resumes from there. */
    __asm__ volatile("csrw minstret, %2\n\tcsrr %0, minstret\n\tnop\n\tnop\n\tcsrr %1, instret"
                     : "=&r"(a), "=&r"(b) : "r"(5000ull));
    check_eq(a, 5000, "minstret reads back the value written");
    check_eq(b, 5003, "instret continues from the written value");
    __asm__ volatile("csrw mcycle, %1\n\tcsrr %0, mcycle" : "=&r"(a) : "r"(1000000ull));
    check_true(a >= 1000000 && a < 1000010, "mcycle reads back about the value written (%llu)", (unsigned long long)a);
}

static void check_illegal(const char *name, u64 before, u64 at, u64 word)
{
    check_eq(trap_record.count - before, 1, "%s: one trap", name);
    check_eq(trap_record.mcause, MCAUSE_ILLEGAL_INSTRUCTION, "%s: illegal instruction", name);
    check_eq(trap_record.mepc, at, "%s: mepc", name);
    check_eq(trap_record.mtval, word, "%s: mtval is the instruction", name);
}

static void access_rules(void)
{
    u64 v, at, before = trap_record.count;
    /* Reads of read-only CSRs, including set/clear forms that do not write. */
    __asm__ volatile("csrrs %0, cycle, x0" : "=r"(v));
    __asm__ volatile("csrrc %0, instret, x0" : "=r"(v));
    __asm__ volatile("csrrsi %0, cycle, 0" : "=r"(v));
    __asm__ volatile("csrrci %0, mhartid, 0" : "=r"(v));
    __asm__ volatile("csrr %0, mvendorid" : "=r"(v));
    check_eq(trap_record.count - before, 0, "reading read-only CSRs does not trap");

    /* Writes to read-only CSRs: csrw, csrrs with a non-x0 register holding 0, csrrwi 0. */
    before = trap_record.count;
    __asm__ volatile("li t0, 5\n\tlla %0, 1f\n1:\tcsrw cycle, t0" : "=&r"(at) :: "t0", "memory");
    check_illegal("csrw cycle", before, at, 0xc0029073);
    before = trap_record.count;
    __asm__ volatile("li t0, 0\n\tlla %0, 1f\n1:\tcsrrs a0, cycle, t0" : "=&r"(at) :: "t0", "a0", "memory");
    check_illegal("csrrs a0, cycle, t0 (t0 = 0)", before, at, 0xc002a573);
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tcsrrwi a0, instret, 0" : "=&r"(at) :: "a0", "memory");
    check_illegal("csrrwi a0, instret, 0", before, at, 0xc0205573);
    before = trap_record.count;
    __asm__ volatile("li t0, 1\n\tlla %0, 1f\n1:\tcsrw mhartid, t0" : "=&r"(at) :: "t0", "memory");
    check_illegal("csrw mhartid", before, at, 0xf1429073);
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tcsrrsi a0, mvendorid, 1" : "=&r"(at) :: "a0", "memory");
    check_illegal("csrrsi a0, mvendorid, 1", before, at, 0xf110e573);

    /* CSRs that do not exist. */
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tcsrr a0, 0x7c0" : "=&r"(at) :: "a0", "memory");
    check_illegal("csrr 0x7c0", before, at, 0x7c002573);
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tcsrr a0, satp" : "=&r"(at) :: "a0", "memory");
    check_illegal("csrr satp (no S-mode)", before, at, 0x18002573);
    /* The destination of a trapping CSR instruction is not written. */
    u64 kept = 0x4242;
    __asm__ volatile("csrr %0, 0x7c0" : "+r"(kept) :: "memory");
    check_eq(kept, 0x4242, "a trapping csrr does not write rd");
}

/* A function in .text that the test rewrites. */
__asm__(".section .text\n"
        ".balign 4\n"
        ".option push\n.option norvc\n"
        ".globl patchable\n"
        ".type patchable, @function\n"
        "patchable:\n"
        "\taddi a0, x0, 1\n"
        "\tjalr x0, 0(ra)\n"
        ".size patchable, . - patchable\n"
        ".option pop\n");
extern u64 patchable(void);

static uint32_t code_buffer[4] __attribute__((aligned(16)));

static void fence_i(void)
{
    typedef u64 (*fn)(void);
    volatile uint32_t *text = (volatile uint32_t *)(void *)patchable;
    check_eq(patchable(), 1, "patchable() before patching");
    text[0] = 0x00200513;                      /* addi a0, x0, 2 */
    __asm__ volatile("fence.i" ::: "memory");
    check_eq(patchable(), 2, "patched code in .text runs after fence.i");
    text[0] = 0x80824515;                      /* c.li a0, 5 ; c.jr ra */
    __asm__ volatile("fence.i" ::: "memory");
    check_eq(patchable(), 5, "patched compressed code in .text runs after fence.i");

    volatile uint32_t *buf = code_buffer;
    buf[0] = 0x00700513;                       /* addi a0, x0, 7 */
    buf[1] = 0x00008067;                       /* jalr x0, 0(ra) */
    __asm__ volatile("fence.i" ::: "memory");
    check_eq(((fn)(void *)code_buffer)(), 7, "code written to a data buffer runs after fence.i");
    buf[0] = 0x02a00513;                       /* addi a0, x0, 42 */
    __asm__ volatile("fence.i" ::: "memory");
    check_eq(((fn)(void *)code_buffer)(), 42, "rewritten buffer code runs after fence.i");
}

int main(void)
{
    install_trap_handler();
    scratch_register();
    identification();
    counters();
    access_rules();
    fence_i();
    return check_finish();
}
