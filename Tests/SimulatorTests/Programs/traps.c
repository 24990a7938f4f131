/*
 * traps.c: synchronous exceptions taken to our own mtvec handler (trap_support.S).
 *
 * Expected mcause/mepc/mtval values follow the privileged spec: mepc is the address of the
 * trapping instruction; mtval is the faulting address for access faults and misaligned
 * accesses, the instruction bits for illegal instructions, and zero for ecall. A trapping
 * instruction does not write its destination. Taking a trap sets MPIE = MIE, MIE = 0,
 * MPP = M; mret sets MIE = MPIE, MPIE = 1, MPP = M (the only mode) and jumps to mepc.
 */
#include <stdint.h>

#include "check.h"
#include "trap.h"

typedef uint64_t u64;

#define MIE (1ull << 3)
#define MPIE (1ull << 7)
#define MPP (3ull << 11)
#define FS (3ull << 13)

/* The RAM the simulator gives programs: 512 MiB at 0x80000000. */
#define RAM_START 0x80000000ull
#define RAM_END 0xa0000000ull

static void check_trap(const char *name, u64 before, u64 cause, u64 epc, u64 tval)
{
    check_eq(trap_record.count - before, 1, "%s: exactly one trap", name);
    check_eq(trap_record.mcause, cause, "%s: mcause", name);
    check_eq(trap_record.mepc, epc, "%s: mepc", name);
    check_eq(trap_record.mtval, tval, "%s: mtval", name);
}

static void environment_and_breakpoints(void)
{
    u64 at, after = 0, before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tecall\n\taddi %1, %1, 1" : "=&r"(at), "+r"(after) :: "memory");
    check_trap("ecall", before, MCAUSE_ECALL_M, at, 0);
    check_eq(after, 1, "ecall: mret resumed at mepc + 4");

    before = trap_record.count;
    after = 0;
    __asm__ volatile(".option push\n\t.option norvc\n\tlla %0, 1f\n1:\tebreak\n\taddi %1, %1, 1\n\t.option pop"
                     : "=&r"(at), "+r"(after) :: "memory");
    check_eq(trap_record.count - before, 1, "ebreak: exactly one trap");
    check_eq(trap_record.mcause, MCAUSE_BREAKPOINT, "ebreak: mcause");
    check_eq(trap_record.mepc, at, "ebreak: mepc");
    check_true(trap_record.mtval == at || trap_record.mtval == 0, "ebreak: mtval is the pc or 0 (got %#llx)",
               (unsigned long long)trap_record.mtval);
    check_eq(after, 1, "ebreak: resumed after it");

    before = trap_record.count;
    after = 0;
    __asm__ volatile(".option push\n\t.option rvc\n\tlla %0, 1f\n1:\tc.ebreak\n\tc.addi %1, 1\n\t.option pop"
                     : "=&r"(at), "+r"(after) :: "memory");
    check_eq(trap_record.count - before, 1, "c.ebreak: exactly one trap");
    check_eq(trap_record.mcause, MCAUSE_BREAKPOINT, "c.ebreak: mcause");
    check_eq(trap_record.mepc, at, "c.ebreak: mepc");
    check_eq(after, 1, "c.ebreak: resumed at mepc + 2");

    /* A handler may send mret anywhere: resume at a label past two instructions. */
    u64 skipped = 0;
    trap_record.resume = 0;
    __asm__ volatile(
        "lla t0, 2f\n\t"
        "la t1, trap_record\n\t"
        "sd t0, 40(t1)\n"
        "1:\tecall\n\t"
        "li %0, 1\n\t"
        "li %0, 2\n"
        "2:"
        : "+r"(skipped) :: "t0", "t1", "memory");
    check_eq(skipped, 0, "mret goes to the mepc the handler wrote");
}

static void illegal_instructions(void)
{
    u64 at, before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\t.word 0xfe000033" : "=&r"(at) :: "memory");
    check_trap("illegal .word 0xfe000033", before, MCAUSE_ILLEGAL_INSTRUCTION, at, 0xfe000033);

    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\t.word 0xffffffff" : "=&r"(at) :: "memory");
    check_trap("illegal .word 0xffffffff", before, MCAUSE_ILLEGAL_INSTRUCTION, at, 0xffffffff);

    before = trap_record.count;
    u64 after = 0;
    __asm__ volatile("lla %0, 1f\n1:\t.2byte 0\n\taddi %1, %1, 1" : "=&r"(at), "+r"(after) :: "memory");
    check_trap("illegal 16-bit 0x0000", before, MCAUSE_ILLEGAL_INSTRUCTION, at, 0);
    check_eq(after, 1, "illegal 16-bit instruction: resumed at mepc + 2");

    /* mret's encoding with a non-zero rs1 field is not mret. */
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\t.word 0x30228073" : "=&r"(at) :: "memory");
    check_trap("illegal 0x30228073 (mret with rs1 = x5)", before, MCAUSE_ILLEGAL_INSTRUCTION, at, 0x30228073);
}

static uint32_t cells[4] __attribute__((aligned(16)));

static void memory_faults(void)
{
    struct { u64 address; const char *what; } loads[] = {
        {0x1000, "ld 0x1000"}, {RAM_END - 4, "ld straddling the end of RAM"},
        {RAM_START - 8, "ld just below RAM"}, {RAM_END, "ld at the end of RAM"},
    };
    for (unsigned i = 0; i < sizeof loads / sizeof loads[0]; i++) {
        u64 at, value = 0x5555, before = trap_record.count;
        __asm__ volatile("lla %0, 1f\n1:\tld %1, 0(%2)" : "=&r"(at), "+r"(value) : "r"(loads[i].address) : "memory");
        check_trap(loads[i].what, before, MCAUSE_LOAD_ACCESS, at, loads[i].address);
        check_eq(value, 0x5555, "%s: destination not written", loads[i].what);
    }
    u64 at, value = 7, before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tlbu %1, 0(%2)" : "=&r"(at), "+r"(value) : "r"(0ull) : "memory");
    check_trap("lbu 0", before, MCAUSE_LOAD_ACCESS, at, 0);
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tlw %1, -2(%2)" : "=&r"(at), "+r"(value) : "r"(RAM_START) : "memory");
    check_trap("lw straddling the start of RAM", before, MCAUSE_LOAD_ACCESS, at, RAM_START - 2);
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tfld ft0, 16(%1)" : "=&r"(at) : "r"(0x1000ull) : "ft0", "memory");
    check_trap("fld 0x1010", before, MCAUSE_LOAD_ACCESS, at, 0x1010);

    struct { u64 address; const char *what; } stores[] = {
        {0x1000, "sd 0x1000"}, {RAM_END - 2, "sd straddling the end of RAM"}, {RAM_END, "sd at the end of RAM"},
    };
    for (unsigned i = 0; i < sizeof stores / sizeof stores[0]; i++) {
        before = trap_record.count;
        __asm__ volatile("lla %0, 1f\n1:\tsd %1, 0(%2)" : "=&r"(at) : "r"(0x1234ull), "r"(stores[i].address) : "memory");
        check_trap(stores[i].what, before, MCAUSE_STORE_ACCESS, at, stores[i].address);
    }
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tsb %1, 0(%2)" : "=&r"(at) : "r"(1ull), "r"(0x10ull) : "memory");
    check_trap("sb 0x10", before, MCAUSE_STORE_ACCESS, at, 0x10);
    before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\tfsw ft0, 0(%1)" : "=&r"(at) : "r"(0x2000ull) : "memory");
    check_trap("fsw 0x2000", before, MCAUSE_STORE_ACCESS, at, 0x2000);

    /* Jumping outside memory: instruction access fault with mepc = mtval = the target. */
    before = trap_record.count;
    __asm__ volatile("li t0, 0x1000\n\tjalr ra, 0(t0)" ::: "t0", "ra", "memory");
    check_trap("jump to 0x1000", before, MCAUSE_FETCH_ACCESS, 0x1000, 0x1000);

    /* Atomics must be naturally aligned: misaligned LR is a load-address-misaligned
       exception, misaligned SC/AMO a store/AMO-address-misaligned one; nothing is written. */
    cells[0] = 0x11111111u;
    cells[1] = 0x22222222u;
    char *base = (char *)cells;
    struct { int kind; u64 address; u64 cause; const char *what; } atomics[] = {
        {0, (u64)(base + 2), MCAUSE_MISALIGNED_STORE, "amoadd.w at +2"},
        {1, (u64)(base + 4), MCAUSE_MISALIGNED_STORE, "amoswap.d at +4"},
        {2, (u64)(base + 2), MCAUSE_MISALIGNED_LOAD, "lr.w at +2"},
        {3, (u64)(base + 4), MCAUSE_MISALIGNED_LOAD, "lr.d at +4"},
        {4, (u64)(base + 1), MCAUSE_MISALIGNED_STORE, "sc.w at +1"},
        {0, 0x1000, MCAUSE_STORE_ACCESS, "amoadd.w at 0x1000"},
        {3, 0x1000, MCAUSE_LOAD_ACCESS, "lr.d at 0x1000"},
    };
    for (unsigned i = 0; i < sizeof atomics / sizeof atomics[0]; i++) {
        u64 result = 0x77;
        u64 p = atomics[i].address;
        before = trap_record.count;
        switch (atomics[i].kind) {
        case 0: __asm__ volatile("lla %0, 1f\n1:\tamoadd.w %1, %3, (%2)" : "=&r"(at), "+r"(result) : "r"(p), "r"(5ull) : "memory"); break;
        case 1: __asm__ volatile("lla %0, 1f\n1:\tamoswap.d %1, %3, (%2)" : "=&r"(at), "+r"(result) : "r"(p), "r"(5ull) : "memory"); break;
        case 2: __asm__ volatile("lla %0, 1f\n1:\tlr.w %1, (%2)" : "=&r"(at), "+r"(result) : "r"(p) : "memory"); break;
        case 3: __asm__ volatile("lla %0, 1f\n1:\tlr.d %1, (%2)" : "=&r"(at), "+r"(result) : "r"(p) : "memory"); break;
        case 4: __asm__ volatile("lla %0, 1f\n1:\tsc.w %1, %3, (%2)" : "=&r"(at), "+r"(result) : "r"(p), "r"(5ull) : "memory"); break;
        }
        check_trap(atomics[i].what, before, atomics[i].cause, at, p);
        check_eq(result, 0x77, "%s: destination not written", atomics[i].what);
    }
    check_true(cells[0] == 0x11111111u && cells[1] == 0x22222222u, "misaligned atomics wrote nothing");
}

static u64 read_mstatus(void)
{
    u64 v;
    __asm__ volatile("csrr %0, mstatus" : "=r"(v));
    return v;
}

static void status_across_traps(void)
{
    /* MIE = 1 before the trap. */
    __asm__ volatile("csrsi mstatus, 8");
    check_eq(read_mstatus() & MIE, MIE, "MIE set");
    __asm__ volatile("ecall" ::: "memory");
    u64 inside = trap_record.mstatus, after = read_mstatus();
    check_eq(inside & MIE, 0, "in the handler: MIE cleared");
    check_eq(inside & MPIE, MPIE, "in the handler: MPIE = old MIE (1)");
    check_eq(inside & MPP, MPP, "in the handler: MPP = M");
    check_eq(after & MIE, MIE, "after mret: MIE = MPIE (1)");
    check_eq(after & MPIE, MPIE, "after mret: MPIE = 1");
    check_eq(after & MPP, MPP, "after mret: MPP = M");

    /* MIE = 0 before the trap. */
    __asm__ volatile("csrci mstatus, 8");
    __asm__ volatile("ecall" ::: "memory");
    inside = trap_record.mstatus;
    after = read_mstatus();
    check_eq(inside & (MIE | MPIE), 0, "in the handler: MIE = 0 and MPIE = old MIE (0)");
    check_eq(after & MIE, 0, "after mret: MIE = MPIE (0)");
    check_eq(after & MPIE, MPIE, "after mret: MPIE = 1");

    /* mret outside a trap: MIE = MPIE, MPIE = 1, jump to mepc. */
    u64 skipped = 0;
    __asm__ volatile(
        "lla t0, 1f\n\tcsrw mepc, t0\n\t"
        "li t0, 0x80\n\tcsrs mstatus, t0\n\t"
        "csrci mstatus, 8\n\t"
        "mret\n\t"
        "li %0, 1\n"
        "1:"
        : "+r"(skipped) :: "t0", "memory");
    after = read_mstatus();
    check_eq(skipped, 0, "plain mret jumps to mepc");
    check_eq(after & (MIE | MPIE), MIE | MPIE, "plain mret: MIE = MPIE = 1");
    __asm__ volatile("csrci mstatus, 8");

    /* MPP is WARL and stuck at M on an M-only hart. */
    __asm__ volatile("li t0, 0x1800\n\tcsrc mstatus, t0" ::: "t0");
    check_eq(read_mstatus() & MPP, MPP, "MPP reads M after clearing it");

    /* mepc bit 0 is always zero (IALIGN = 16). */
    u64 epc;
    __asm__ volatile("csrw mepc, %1\n\tcsrr %0, mepc" : "=r"(epc) : "r"(0x80001235ull));
    check_eq(epc, 0x80001234ull, "mepc ignores bit 0");

    /* Vectored mtvec: synchronous exceptions still go to BASE. */
    u64 before = trap_record.count;
    __asm__ volatile("csrw mtvec, %0\n\tecall\n\tcsrw mtvec, %1" :: "r"((u64)trap_vector | 1), "r"((u64)trap_vector) : "memory");
    check_eq(trap_record.count - before, 1, "vectored mtvec: ecall reached the handler at BASE");
    check_eq(trap_record.mcause, MCAUSE_ECALL_M, "vectored mtvec: mcause");
}

static void floating_point_disabled(void)
{
    /* With mstatus.FS = Off every FP instruction (and the FP CSRs) is illegal. The trap
       records are copied to integer locals; no FP is used until FS is on again. */
    struct { u64 cause, epc, tval; } seen[5];
    u64 at[5], count_before = trap_record.count, status_inside;
    __asm__ volatile("li t0, 0x6000\n\tcsrc mstatus, t0" ::: "t0");
    __asm__ volatile("lla %0, 1f\n1:\tfadd.d ft0, ft0, ft0, rne" : "=&r"(at[0]) :: "ft0", "memory");
    seen[0].cause = trap_record.mcause; seen[0].epc = trap_record.mepc; seen[0].tval = trap_record.mtval;
    __asm__ volatile("lla %0, 1f\n1:\tflw ft0, 0(a0)" : "=&r"(at[1]) :: "ft0", "memory");
    seen[1].cause = trap_record.mcause; seen[1].epc = trap_record.mepc; seen[1].tval = trap_record.mtval;
    __asm__ volatile("lla %0, 1f\n1:\tfmv.x.w a0, ft0" : "=&r"(at[2]) :: "a0", "memory");
    seen[2].cause = trap_record.mcause; seen[2].epc = trap_record.mepc; seen[2].tval = trap_record.mtval;
    __asm__ volatile("lla %0, 1f\n1:\tcsrr a0, fflags" : "=&r"(at[3]) :: "a0", "memory");
    seen[3].cause = trap_record.mcause; seen[3].epc = trap_record.mepc; seen[3].tval = trap_record.mtval;
    __asm__ volatile(".option push\n\t.option rvc\n\tlla %0, 1f\n1:\tc.fld fa0, 0(a0)\n\t.option pop" : "=&r"(at[4]) :: "fa0", "memory");
    seen[4].cause = trap_record.mcause; seen[4].epc = trap_record.mepc; seen[4].tval = trap_record.mtval;
    status_inside = read_mstatus();
    __asm__ volatile("li t0, 0x6000\n\tcsrs mstatus, t0" ::: "t0");

    static const u64 words[5] = {0x02000053, 0x00052007, 0xe0000553, 0x00102573, 0x2108};
    static const char *const names[5] = {"fadd.d", "flw", "fmv.x.w", "csrr fflags", "c.fld"};
    check_eq(trap_record.count - count_before, 5, "FS = Off: five traps");
    for (int i = 0; i < 5; i++) {
        check_eq(seen[i].cause, MCAUSE_ILLEGAL_INSTRUCTION, "FS = Off: %s mcause", names[i]);
        check_eq(seen[i].epc, at[i], "FS = Off: %s mepc", names[i]);
        check_eq(seen[i].tval, words[i], "FS = Off: %s mtval (instruction bits)", names[i]);
    }
    check_eq(status_inside & FS, 0, "FS stays Off after trapping FP instructions");

    /* Reserved rounding modes: rm = 5 in the instruction, or dyn with frm = 5. */
    u64 at1, before = trap_record.count;
    __asm__ volatile("lla %0, 1f\n1:\t.insn r 0x53, 5, 0, ft0, ft1, ft2" : "=&r"(at1) :: "ft0", "memory");
    check_trap("fadd.s with rm = 5", before, MCAUSE_ILLEGAL_INSTRUCTION, at1, 0x0020d053);
    before = trap_record.count;
    __asm__ volatile("csrwi frm, 5\n\tlla %0, 1f\n1:\tfadd.s ft0, ft1, ft2, dyn\n\tcsrwi frm, 0" : "=&r"(at1) :: "ft0", "memory");
    check_trap("fadd.s dyn with frm = 5", before, MCAUSE_ILLEGAL_INSTRUCTION, at1, 0x0020f053);
    before = trap_record.count;
    __asm__ volatile("csrwi frm, 6\n\tlla %0, 1f\n1:\tfcvt.w.d a0, ft1, dyn\n\tcsrwi frm, 0" : "=&r"(at1) :: "a0", "memory");
    check_trap("fcvt.w.d dyn with frm = 6", before, MCAUSE_ILLEGAL_INSTRUCTION, at1, 0xc200f553);
}


/* A four-instruction handler (skips a 4-byte trapping instruction) for counting. */
__asm__(".section .text\n"
        ".balign 4\n"
        ".option push\n.option norvc\n"
        "minimal_vector:\n"
        "\tcsrr t6, mepc\n"
        "\taddi t6, t6, 4\n"
        "\tcsrw mepc, t6\n"
        "\tmret\n"
        ".option pop\n");
extern char minimal_vector[];

static void trapping_instructions_do_not_retire(void)
{
    /* ECALL/EBREAK and other trapping instructions do not retire, so they do not count in
       minstret; the handler's four instructions (mret included) do. */
    u64 a, b;
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "csrw mtvec, %2\n\t"
                     "csrr %0, minstret\n\tecall\n\tcsrr %1, minstret\n\t"
                     "csrw mtvec, %3\n\t"
                     ".option pop"
                     : "=&r"(a), "=&r"(b) : "r"(minimal_vector), "r"(trap_vector) : "t6", "memory");
    check_eq(b - a, 5, "ecall does not retire: csrr + 4 handler instructions");
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "csrw mtvec, %2\n\t"
                     "csrr %0, instret\n\t.word 0xfe000033\n\tcsrr %1, instret\n\t"
                     "csrw mtvec, %3\n\t"
                     ".option pop"
                     : "=&r"(a), "=&r"(b) : "r"(minimal_vector), "r"(trap_vector) : "t6", "memory");
    check_eq(b - a, 5, "an illegal instruction does not retire");
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "csrw mtvec, %2\n\t"
                     "csrr %0, instret\n\tld t5, 0(x0)\n\tcsrr %1, instret\n\t"
                     "csrw mtvec, %3\n\t"
                     ".option pop"
                     : "=&r"(a), "=&r"(b) : "r"(minimal_vector), "r"(trap_vector) : "t5", "t6", "memory");
    check_eq(b - a, 5, "a faulting load does not retire");
}

/* Reserved encodings: this machine (like Spike) raises an illegal-instruction exception. */
static void reserved_encodings(void)
{
    static const struct { uint32_t word; int length; const char *what; } cases[] = {
        {0x0205151b, 4, "slliw with shamt[5] set"},
        {0x0205551b, 4, "srliw with shamt[5] set"},
        {0x4205551b, 4, "sraiw with shamt[5] set"},
        {0x04051513, 4, "slli with imm[11:6] = 1"},
        {0x0000700f, 4, "MISC-MEM funct3 7"},
        {0x0000a003 | (7u << 12), 4, "load funct3 7"},
        {0x6101, 2, "c.addi16sp with imm 0"},
        {0x6501, 2, "c.lui with imm 0"},
        {0x2005, 2, "c.addiw with rd x0"},
        {0x4002, 2, "c.lwsp with rd x0"},
        {0x6002, 2, "c.ldsp with rd x0"},
        {0x8002, 2, "c.jr x0"},
        {0x0004, 2, "c.addi4spn with imm 0"},
    };
    /* Each word is executed from a buffer (followed by a return), after fence.i. */
    static uint32_t code[4] __attribute__((aligned(16)));
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        volatile uint16_t *half = (volatile uint16_t *)code;
        if (cases[i].length == 4) {
            half[0] = (uint16_t)cases[i].word;
            half[1] = (uint16_t)(cases[i].word >> 16);
            half[2] = 0x8082;                  /* c.jr ra */
        } else {
            half[0] = (uint16_t)cases[i].word;
            half[1] = 0x8082;
        }
        __asm__ volatile("fence.i" ::: "memory");
        u64 before = trap_record.count;
        ((void (*)(void))(void *)code)();
        check_trap(cases[i].what, before, MCAUSE_ILLEGAL_INSTRUCTION, (u64)code, cases[i].word);
    }
}

int main(void)
{
    install_trap_handler();
    environment_and_breakpoints();
    illegal_instructions();
    memory_faults();
    status_across_traps();
    floating_point_disabled();
    trapping_instructions_do_not_retire();
    reserved_encodings();
    return check_finish();
}
