# Start-up code in the style of riscv-tests' benchmarks/common (written here from its
# documented behaviour, not copied): zero the registers, enable FP and accelerator state,
# install a trap vector, set gp/tp/sp per hart, then call _init.
  .section .text.init
  .globl _start
_start:
  .irp reg, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  li x\reg, 0
  .endr
  li t0, 0x6000 | 0x18000          # mstatus.FS | mstatus.XS
  csrs mstatus, t0
  csrr t0, misa                    # RV64 has misa's top bit set
  bltz t0, 1f
  li a0, 1234
  j exit_with
1:
  .irp reg, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  fmv.d.x f\reg, x0
  .endr
  fscsr x0
  la t0, trap_entry
  csrw mtvec, t0
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la tp, _end + 63
  andi tp, tp, -64
  csrr a0, mhartid
1: bnez a0, 1b                      # only hart 0 runs
  addi a1, a0, 1
  slli a1, a1, 17                  # 128 KiB of stack per hart
  add sp, tp, a1
  j _init

exit_with:                         # tohost = (a0 << 1) | 1
  slli a0, a0, 1
  ori a0, a0, 1
  la t0, tohost
  sd a0, 0(t0)
2: j 2b

  .align 2
trap_entry:
  addi sp, sp, -272
  .irp reg, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sd x\reg, \reg*8(sp)
  .endr
  csrr a0, mcause
  csrr a1, mepc
  mv a2, sp
  jal handle_trap
  csrw mepc, a0
  li t0, 0x1800                    # return to machine mode
  csrs mstatus, t0
  .irp reg, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  ld x\reg, \reg*8(sp)
  .endr
  addi sp, sp, 272
  mret

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0
