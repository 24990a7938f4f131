/*
 * rv64i.c: the RV64I base instructions, each pinned with inline assembly and checked
 * against values worked out from the ISA manual.
 */
#include <stdint.h>

#include "check.h"

typedef uint64_t u64;

#define R(op, a, b) ({ u64 r_; __asm__ volatile(#op " %0, %1, %2" : "=r"(r_) : "r"((u64)(a)), "r"((u64)(b))); r_; })
#define I(op, a, imm) ({ u64 r_; __asm__ volatile(#op " %0, %1, %2" : "=r"(r_) : "r"((u64)(a)), "i"(imm)); r_; })
#define U(op, imm) ({ u64 r_; __asm__ volatile(#op " %0, %1" : "=r"(r_) : "i"(imm)); r_; })

#define CR(op, a, b, expected) check_eq(R(op, a, b), expected, #op "(%#llx, %#llx)", (unsigned long long)(a), (unsigned long long)(b))
#define CI(op, a, imm, expected) check_eq(I(op, a, imm), expected, #op "(%#llx, %lld)", (unsigned long long)(a), (long long)(imm))

/* 1 when the branch is taken, 0 when it falls through. */
#define BRANCH(op, a, b) ({ u64 r_; __asm__ volatile( \
    #op " %1, %2, 1f\n\tli %0, 0\n\tj 2f\n1:\tli %0, 1\n2:" : "=&r"(r_) : "r"((u64)(a)), "r"((u64)(b))); r_; })
#define CB(op, a, b, expected) check_eq(BRANCH(op, a, b), expected, #op "(%#llx, %#llx) taken", (unsigned long long)(a), (unsigned long long)(b))

static void alu_register(void)
{
    CR(add, 0x7fffffffffffffffull, 1, 0x8000000000000000ull);
    CR(add, -1, 1, 0);
    CR(add, 0x123456789abcdef0ull, 0x0fedcba987654321ull, 0x2222222222222211ull);
    CR(sub, 0, 1, 0xffffffffffffffffull);
    CR(sub, 0x8000000000000000ull, 1, 0x7fffffffffffffffull);
    CR(sub, 5, 7, 0xfffffffffffffffeull);
    CR(xor, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xf0f0f0f0f0f0f0f0ull);
    CR(or, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xfff0fff0fff0fff0ull);
    CR(and, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0x0f000f000f000f00ull);

    /* Shifts use the low 6 bits of rs2. */
    CR(sll, 1, 0, 1);
    CR(sll, 1, 31, 0x80000000ull);
    CR(sll, 1, 32, 0x100000000ull);
    CR(sll, 1, 63, 0x8000000000000000ull);
    CR(sll, 1, 64, 1);
    CR(sll, 3, 0xffffffffffffffc1ull, 6);
    CR(sll, 0xffffffffffffffffull, 63, 0x8000000000000000ull);
    CR(srl, 0x8000000000000000ull, 0, 0x8000000000000000ull);
    CR(srl, 0x8000000000000000ull, 31, 0x100000000ull);
    CR(srl, 0x8000000000000000ull, 32, 0x80000000ull);
    CR(srl, 0x8000000000000000ull, 63, 1);
    CR(srl, 0x8000000000000000ull, 64, 0x8000000000000000ull);
    CR(srl, 0xffffffffffffffffull, 60, 0xf);
    CR(sra, 0x8000000000000000ull, 0, 0x8000000000000000ull);
    CR(sra, 0x8000000000000000ull, 31, 0xffffffff00000000ull);
    CR(sra, 0x8000000000000000ull, 32, 0xffffffff80000000ull);
    CR(sra, 0x8000000000000000ull, 63, 0xffffffffffffffffull);
    CR(sra, 0x4000000000000000ull, 62, 1);
    CR(sra, 0x8000000000000000ull, 0x7f, 0xffffffffffffffffull);

    /* slt is signed, sltu unsigned. */
    CR(slt, -1, 0, 1);
    CR(slt, 0, -1, 0);
    CR(slt, 5, 5, 0);
    CR(slt, 0x8000000000000000ull, 0x7fffffffffffffffull, 1);
    CR(slt, 0x7fffffffffffffffull, 0x8000000000000000ull, 0);
    CR(sltu, -1, 0, 0);
    CR(sltu, 0, -1, 1);
    CR(sltu, 5, 5, 0);
    CR(sltu, 0x8000000000000000ull, 0x7fffffffffffffffull, 0);
    CR(sltu, 0x7fffffffffffffffull, 0x8000000000000000ull, 1);
}

static void alu_immediate(void)
{
    CI(addi, 5, -6, 0xffffffffffffffffull);
    CI(addi, 0, 2047, 2047);
    CI(addi, 0, -2048, 0xfffffffffffff800ull);
    CI(addi, 0x7fffffffffffffffull, 1, 0x8000000000000000ull);
    CI(slti, -5, -4, 1);
    CI(slti, -4, -5, 0);
    CI(slti, -4, -4, 0);
    CI(slti, 0x8000000000000000ull, 0, 1);
    CI(slti, 1, 0, 0);
    CI(sltiu, 0, 1, 1);
    CI(sltiu, 1, 1, 0);
    CI(sltiu, 5, -1, 1);                       /* the immediate sign-extends to 2^64-1 */
    CI(sltiu, 0xffffffffffffffffull, -1, 0);
    CI(sltiu, 0xfffffffffffff800ull, -2048, 0);
    CI(sltiu, 0x8000000000000000ull, 2047, 0);
    CI(xori, 0x0f, -1, 0xfffffffffffffff0ull);
    CI(xori, 0x1234, 0x7ff, 0x15cb);
    CI(ori, 0x123, 0x400, 0x523);
    CI(ori, 0x1, -2048, 0xfffffffffffff801ull);
    CI(andi, 0xffffffffffffffffull, 0x7ff, 0x7ff);
    CI(andi, 0x123456789ull, -256, 0x123456700ull);
    CI(andi, 0x123456789ull, 0, 0);

    CI(slli, 1, 0, 1);
    CI(slli, 1, 31, 0x80000000ull);
    CI(slli, 1, 32, 0x100000000ull);
    CI(slli, 1, 63, 0x8000000000000000ull);
    CI(slli, 0x00000000ffffffffull, 32, 0xffffffff00000000ull);
    CI(srli, 0x8000000000000000ull, 0, 0x8000000000000000ull);
    CI(srli, 0x8000000000000000ull, 31, 0x100000000ull);
    CI(srli, 0x8000000000000000ull, 32, 0x80000000ull);
    CI(srli, 0x8000000000000000ull, 63, 1);
    CI(srai, 0x8000000000000000ull, 0, 0x8000000000000000ull);
    CI(srai, 0x8000000000000000ull, 31, 0xffffffff00000000ull);
    CI(srai, 0x8000000000000000ull, 32, 0xffffffff80000000ull);
    CI(srai, 0x8000000000000000ull, 63, 0xffffffffffffffffull);
    CI(srai, 0x7fffffffffffffffull, 63, 0);
    CI(srai, 0x7000000000000000ull, 60, 7);
}

static void alu_word(void)
{
    /* 32-bit results are sign-extended; upper source bits are ignored. */
    CR(addw, 0x7fffffff, 1, 0xffffffff80000000ull);
    CR(addw, 0xffffffff, 1, 0);
    CR(addw, 0x100000005ull, 3, 8);
    CR(addw, 0xdeadbeef00000000ull, 0x00000000ffffffffull, 0xffffffffffffffffull);
    CR(subw, 0, 1, 0xffffffffffffffffull);
    CR(subw, 0x80000000ull, 1, 0x7fffffff);
    CR(subw, 0x7fffffff, 0xffffffff, 0xffffffff80000000ull);
    CI(addiw, 0x7fffffff, 1, 0xffffffff80000000ull);
    CI(addiw, 0x123456789ull, 0, 0x23456789);
    CI(addiw, 0xfedcba9876543210ull, 0, 0x76543210);
    CI(addiw, 0x80000000ull, 0, 0xffffffff80000000ull);
    CI(addiw, 0, -1, 0xffffffffffffffffull);
    CI(addiw, 0xffffffff00000000ull, 2047, 2047);

    CR(sllw, 1, 0, 1);
    CR(sllw, 1, 31, 0xffffffff80000000ull);
    CR(sllw, 1, 32, 1);                        /* only 5 bits of shift amount */
    CR(sllw, 0xffffffff00000001ull, 0, 1);
    CR(sllw, 3, 31, 0xffffffff80000000ull);
    CR(sllw, 0x12345678, 4, 0x23456780);
    CR(srlw, 0xffffffff80000000ull, 0, 0xffffffff80000000ull);
    CR(srlw, 0x80000000, 31, 1);
    CR(srlw, 0x80000000, 1, 0x40000000);
    CR(srlw, 0xffffffff, 32, 0xffffffffffffffffull);
    CR(srlw, 0x1234567887654321ull, 4, 0x08765432);
    CR(sraw, 0x80000000, 31, 0xffffffffffffffffull);
    CR(sraw, 0x80000000, 4, 0xfffffffff8000000ull);
    CR(sraw, 0x7fffffff, 32, 0x7fffffff);
    CR(sraw, 0x140000000ull, 30, 1);
    CR(sraw, 0x80000000, 0, 0xffffffff80000000ull);
    CI(slliw, 1, 0, 1);
    CI(slliw, 1, 31, 0xffffffff80000000ull);
    CI(slliw, 0x100000001ull, 0, 1);
    CI(slliw, 0x12345678, 8, 0x34567800);
    CI(srliw, 0xffffffff80000000ull, 31, 1);
    CI(srliw, 0x80000000, 0, 0xffffffff80000000ull);
    CI(srliw, 0xffffffffffffffffull, 4, 0x0fffffff);
    CI(sraiw, 0x80000000, 31, 0xffffffffffffffffull);
    CI(sraiw, 0x80000000, 0, 0xffffffff80000000ull);
    CI(sraiw, 0x7fff0000, 16, 0x7fff);
    CI(sraiw, 0x00000000f0000000ull, 28, 0xffffffffffffffffull);
}

static void upper_immediates(void)
{
    check_eq(U(lui, 0x80000), 0xffffffff80000000ull, "lui 0x80000 sign-extends");
    check_eq(U(lui, 0x7ffff), 0x7ffff000ull, "lui 0x7ffff");
    check_eq(U(lui, 0x12345), 0x12345000ull, "lui 0x12345");
    check_eq(U(lui, 0xfffff), 0xfffffffffffff000ull, "lui 0xfffff");
    check_eq(U(lui, 0), 0, "lui 0");

    u64 here, label;
    __asm__ volatile("1: auipc %0, 0\n\tlla %1, 1b" : "=&r"(here), "=&r"(label));
    check_eq(here, label, "auipc 0 gives its own address");
    __asm__ volatile("1: auipc %0, 1\n\tlla %1, 1b" : "=&r"(here), "=&r"(label));
    check_eq(here, label + 0x1000, "auipc 1 gives its address + 0x1000");
    __asm__ volatile("1: auipc %0, 0xfffff\n\tlla %1, 1b" : "=&r"(here), "=&r"(label));
    check_eq(here, label - 0x1000, "auipc 0xfffff gives its address - 0x1000");
    check_true(label >= 0x80000000ull && label < 0xa0000000ull, "auipc address %#llx lies in RAM", (unsigned long long)label);
}

static void branches(void)
{
    /* (-1, 1): differs between signed and unsigned comparisons. */
    CB(beq, -1, 1, 0);
    CB(bne, -1, 1, 1);
    CB(blt, -1, 1, 1);
    CB(bge, -1, 1, 0);
    CB(bltu, -1, 1, 0);
    CB(bgeu, -1, 1, 1);
    /* (1, -1) */
    CB(blt, 1, -1, 0);
    CB(bge, 1, -1, 1);
    CB(bltu, 1, -1, 1);
    CB(bgeu, 1, -1, 0);
    /* equal operands */
    CB(beq, 5, 5, 1);
    CB(bne, 5, 5, 0);
    CB(blt, 5, 5, 0);
    CB(bge, 5, 5, 1);
    CB(bltu, 5, 5, 0);
    CB(bgeu, 5, 5, 1);
    /* extremes */
    CB(blt, 0x8000000000000000ull, 0x7fffffffffffffffull, 1);
    CB(bltu, 0x8000000000000000ull, 0x7fffffffffffffffull, 0);
    CB(bge, 0x8000000000000000ull, 0x7fffffffffffffffull, 0);
    CB(bgeu, 0x8000000000000000ull, 0x7fffffffffffffffull, 1);
    CB(beq, 0x100000000ull, 0, 0);             /* all 64 bits compared */
    CB(bne, 0x100000000ull, 0, 1);

    /* A backward branch: count down from 10. */
    u64 n = 10, iterations;
    __asm__ volatile("li %0, 0\n1:\taddi %0, %0, 1\n\taddi %1, %1, -1\n\tbnez %1, 1b"
                     : "=&r"(iterations), "+r"(n));
    check_eq(iterations, 10, "backward bnez loop iterations");
}

static void jumps(void)
{
    u64 link, expected;
    /* jal: rd gets the address of the next instruction, control goes to the target. */
    __asm__ volatile(
        ".option push\n\t.option norvc\n\t"
        "lla %1, 1f\n\t"
        "jal %0, 2f\n"
        "1:\tli %1, 0\n"              /* skipped */
        "2:\n\t.option pop"
        : "=&r"(link), "=&r"(expected));
    check_eq(link, expected, "jal link register");
    check_true(expected != 0, "jal skipped the instruction after it");

    /* jalr clears bit 0 of the target. */
    u64 target, marker = 0;
    __asm__ volatile(
        ".option push\n\t.option norvc\n\t"
        "lla %0, 3f\n\t"
        "addi %0, %0, 1\n\t"
        "jalr %1, 0(%0)\n\t"
        "li %2, 1\n\t"               /* skipped */
        "3:\taddi %2, %2, 2\n\t"
        ".option pop"
        : "=&r"(target), "=&r"(link), "+r"(marker));
    check_eq(marker, 2, "jalr to an odd address lands on the even one");

    /* jalr with a negative offset and rd == rs1 (the target uses the old value). */
    u64 reg, after;
    marker = 0;
    __asm__ volatile(
        ".option push\n\t.option norvc\n\t"
        "lla %0, 4f\n\t"
        "addi %0, %0, 8\n\t"
        "jalr %0, -8(%0)\n"
        "5:\tli %2, 1\n\t"           /* skipped */
        "4:\taddi %2, %2, 4\n\t"
        "lla %1, 5b\n\t"
        ".option pop"
        : "=&r"(reg), "=&r"(after), "+r"(marker));
    check_eq(marker, 4, "jalr -8(rd) jumped to the computed target");
    check_eq(reg, after, "jalr with rd == rs1 writes the return address");

    /* jalr as an indirect call returning through ra. */
    u64 result;
    __asm__ volatile(
        ".option push\n\t.option norvc\n\t"
        "lla t0, 7f\n\t"
        "li %0, 0\n\t"
        "jalr ra, 0(t0)\n\t"
        "addi %0, %0, 100\n\t"
        "j 8f\n"
        "7:\taddi %0, %0, 5\n\t"
        "jalr x0, 0(ra)\n"
        "8:\n\t.option pop"
        : "=&r"(result) :: "t0", "ra");
    check_eq(result, 105, "jalr call and return through ra");
}

static uint8_t source[24] __attribute__((aligned(8))) = {
    0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,
};

#define LOAD(op, p, offset) ({ u64 r_; __asm__ volatile(#op " %0, %2(%1)" : "=r"(r_) : "r"(p), "i"(offset) : "memory"); r_; })
#define CL(op, offset, expected) check_eq(LOAD(op, source, offset), expected, #op " at offset %d", offset)

static void loads(void)
{
    CL(lb, 0, 0xffffffffffffff81ull);
    CL(lbu, 0, 0x81);
    CL(lh, 0, 0xffffffffffff8281ull);
    CL(lhu, 0, 0x8281);
    CL(lw, 0, 0xffffffff84838281ull);
    CL(lwu, 0, 0x84838281ull);
    CL(ld, 0, 0x8887868584838281ull);
    CL(lb, 8, 0x01);
    CL(lbu, 8, 0x01);
    CL(lh, 8, 0x0201);
    CL(lhu, 8, 0x0201);
    CL(lw, 8, 0x04030201);
    CL(lwu, 8, 0x04030201);
    CL(ld, 8, 0x0807060504030201ull);
    CL(lb, 7, 0xffffffffffffff88ull);
    CL(lbu, 7, 0x88);
    /* Misaligned (the simulator supports them, as the ISA permits). */
    CL(lh, 1, 0xffffffffffff8382ull);
    CL(lhu, 1, 0x8382);
    CL(lh, 7, 0x0188);
    CL(lw, 1, 0xffffffff85848382ull);
    CL(lwu, 3, 0x87868584ull);
    CL(lw, 7, 0x03020188);
    CL(ld, 5, 0x0504030201888786ull);
    CL(ld, 13, 0x1514131211080706ull);
    /* Negative displacement. */
    check_eq(LOAD(ld, source + 16, -8), 0x0807060504030201ull, "ld -8(p)");
    check_eq(LOAD(lw, source + 16, -13), 0xffffffff87868584ull, "lw -13(p)");
}

static uint8_t target[16] __attribute__((aligned(8)));

static void reset_target(void)
{
    for (int i = 0; i < 16; i++)
        ((volatile uint8_t *)target)[i] = 0xaa;
}

static void check_target(const char *name, const uint8_t expected[16])
{
    int same = 1;
    for (int i = 0; i < 16; i++)
        if (((volatile uint8_t *)target)[i] != expected[i]) {
            printf("  %s: byte %d is 0x%02x, expected 0x%02x\n", name, i, ((volatile uint8_t *)target)[i], expected[i]);
            same = 0;
        }
    check_true(same, "%s stores exactly its bytes", name);
}

#define STORE(op, p, offset, value) __asm__ volatile(#op " %1, %2(%0)" :: "r"(p), "r"((u64)(value)), "i"(offset) : "memory")

static void stores(void)
{
    reset_target();
    STORE(sb, target, 3, 0x123);
    check_target("sb", (const uint8_t[16]){0xaa, 0xaa, 0xaa, 0x23, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa});
    reset_target();
    STORE(sh, target, 4, 0x1234beef);
    check_target("sh", (const uint8_t[16]){0xaa, 0xaa, 0xaa, 0xaa, 0xef, 0xbe, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa});
    reset_target();
    STORE(sw, target, 8, 0xdeadbeef12345678ull);
    check_target("sw", (const uint8_t[16]){0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0x78, 0x56, 0x34, 0x12, 0xaa, 0xaa, 0xaa, 0xaa});
    reset_target();
    STORE(sd, target, 0, 0x1122334455667788ull);
    check_target("sd", (const uint8_t[16]){0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa});
    /* Misaligned stores. */
    reset_target();
    STORE(sh, target, 7, 0xbeef);
    check_target("misaligned sh", (const uint8_t[16]){0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xef, 0xbe, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa});
    reset_target();
    STORE(sw, target, 9, 0x12345678);
    check_target("misaligned sw", (const uint8_t[16]){0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0x78, 0x56, 0x34, 0x12, 0xaa, 0xaa, 0xaa});
    reset_target();
    STORE(sd, target, 3, 0x1122334455667788ull);
    check_target("misaligned sd", (const uint8_t[16]){0xaa, 0xaa, 0xaa, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa});
    /* A store with a negative displacement, read back with a misaligned load. */
    reset_target();
    STORE(sd, target + 16, -11, 0x0102030405060708ull);
    check_eq(LOAD(ld, target, 5), 0x0102030405060708ull, "sd -11(p) then ld 5(p)");
    check_eq(LOAD(lbu, target, 4), 0xaa, "byte before a misaligned sd is untouched");
    check_eq(LOAD(lbu, target, 13), 0xaa, "byte after a misaligned sd is untouched");
}


/* The last bytes of RAM (512 MiB at 0x80000000): accesses that end exactly at its end. */
#define RAM_END 0xa0000000ull

static void end_of_memory(void)
{
    u64 r;
    __asm__ volatile("sd %1, -8(%2)\n\tld %0, -8(%2)" : "=&r"(r) : "r"(0x0102030405060708ull), "r"(RAM_END) : "memory");
    check_eq(r, 0x0102030405060708ull, "sd/ld of the last doubleword of RAM");
    __asm__ volatile("sw %1, -4(%2)\n\tlwu %0, -4(%2)" : "=&r"(r) : "r"(0x89abcdefull), "r"(RAM_END) : "memory");
    check_eq(r, 0x89abcdefull, "sw/lwu of the last word of RAM");
    __asm__ volatile("lw %0, -4(%1)" : "=&r"(r) : "r"(RAM_END) : "memory");
    check_eq(r, 0xffffffff89abcdefull, "lw of the last word of RAM");
    __asm__ volatile("sh %1, -2(%2)\n\tlh %0, -2(%2)" : "=&r"(r) : "r"(0x8765ull), "r"(RAM_END) : "memory");
    check_eq(r, 0xffffffffffff8765ull, "sh/lh of the last halfword of RAM");
    __asm__ volatile("sb %1, -1(%2)\n\tlbu %0, -1(%2)" : "=&r"(r) : "r"(0x5aull), "r"(RAM_END) : "memory");
    check_eq(r, 0x5a, "sb/lbu of the last byte of RAM");
    /* Now the last eight bytes are 08 07 06 05 ef cd 65 5a. */
    __asm__ volatile("lw %0, -5(%1)" : "=&r"(r) : "r"(RAM_END) : "memory");
    check_eq(r, 0x65cdef05, "misaligned lw 5 bytes before the end");
    __asm__ volatile("lh %0, -3(%1)" : "=&r"(r) : "r"(RAM_END) : "memory");
    check_eq(r, 0x65cd, "misaligned lh 3 bytes before the end");
    __asm__ volatile("ld %0, -8(%1)" : "=&r"(r) : "r"(RAM_END) : "memory");
    check_eq(r, 0x5a65cdef05060708ull, "ld of the last doubleword after narrower stores");
    __asm__ volatile("fmv.d.x ft0, %1\n\tfsd ft0, -8(%2)\n\tflw ft1, -4(%2)\n\tfmv.x.d %0, ft1"
                     : "=&r"(r) : "r"(0x3f80000040490fdbull), "r"(RAM_END) : "ft0", "ft1", "memory");
    check_eq(r, 0xffffffff3f800000ull, "fsd/flw at the end of RAM");
}

/* Branches and jumps with large offsets (the skipped space is zeros: illegal if executed). */
static void far_jumps(void)
{
    u64 r = 0;
    __asm__ volatile(
        ".option push\n\t.option norvc\n\t"
        "beq x0, x0, 1f\n\t"
        ".skip 4000\n"
        "1:\taddi %0, %0, 1\n\t"
        "jal x0, 2f\n\t"
        ".skip 300000\n"
        "2:\taddi %0, %0, 2\n\t"
        "jal x0, 4f\n"
        "3:\taddi %0, %0, 4\n\t"
        "jal x0, 5f\n\t"
        ".skip 4000\n"
        "4:\tbne %0, x0, 3b\n"
        "5:\tjal x0, 7f\n"
        "6:\taddi %0, %0, 8\n\t"
        "jal x0, 8f\n\t"
        ".skip 300000\n"
        "7:\tjal x0, 6b\n"
        "8:\n\t"
        ".option pop"
        : "+r"(r));
    check_eq(r, 15, "branches over 4000 bytes and jal over 300000 bytes, both directions");
}

static void zero_register(void)
{
    u64 r;
    __asm__ volatile("li t0, 5\n\tadd x0, t0, t0\n\tmv %0, x0" : "=r"(r) :: "t0");
    check_eq(r, 0, "add x0 leaves x0 zero");
    __asm__ volatile("addi x0, x0, 7\n\taddi %0, x0, 1" : "=r"(r));
    check_eq(r, 1, "addi x0 then x0 + 1");
    __asm__ volatile("lui x0, 0x12345\n\tmv %0, x0" : "=r"(r));
    check_eq(r, 0, "lui x0");
    __asm__ volatile("ld x0, 0(%1)\n\tmv %0, x0" : "=r"(r) : "r"(source) : "memory");
    check_eq(r, 0, "ld x0");
    __asm__ volatile(".option push\n\t.option norvc\n\tjal x0, 1f\n1:\tauipc x0, 1\n\tmv %0, x0\n\t.option pop" : "=r"(r));
    check_eq(r, 0, "jal x0 / auipc x0");
    __asm__ volatile("li t0, -1\n\tsltu x0, x0, t0\n\tor %0, x0, x0" : "=r"(r) :: "t0");
    check_eq(r, 0, "sltu x0");
}

int main(void)
{
    alu_register();
    alu_immediate();
    alu_word();
    upper_immediates();
    branches();
    jumps();
    loads();
    stores();
    zero_register();
    end_of_memory();
    far_jumps();
    return check_finish();
}
