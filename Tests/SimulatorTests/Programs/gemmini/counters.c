/*
 * The counter operation (funct 126; gemmini-reference.md 1.3): reset, configuring counters to
 * the external values 4 (RDMA_BYTES_REC, bytes the DMA read) and 5 (WDMA_BYTES_SENT, bytes it
 * wrote), reading, and snapshots. Transfers are whole 16-byte-aligned rows so the byte counts
 * are the same whether the DMA counts bytes or bus beats.
 */
#include "behaviour.h"

#if DIM != 16
#error "counters.c is written for the int8 16x16 design"
#endif

static elem_t buffer8[DIM * DIM * 4] GB_ALIGNED;
static acc_t buffer32[DIM * DIM] GB_ALIGNED;

int main(void)
{
    gemmini_flush(0);
    gb_case_name = "counters";
    for (int i = 0; i < (int)sizeof buffer8; i++)
        buffer8[i] = (elem_t)i;
    counter_reset();
    counter_configure(0, RDMA_BYTES_REC);
    counter_configure(1, WDMA_BYTES_SENT);
    counter_configure(5, RDMA_BYTES_REC);
    gb_expect("read counter after configuring", (long long)counter_read(0), 0, "counter 0");
    gb_expect("written counter after configuring", (long long)counter_read(1), 0, "counter 1");

    gemmini_config_ld(DIM);
    gemmini_config_st(DIM);
    gemmini_extended_mvin(buffer8, 0, DIM, DIM);            /* 256 bytes read */
    gemmini_fence();
    gb_expect("bytes read by one 16x16 mvin", (long long)counter_read(0), 256, "counter 0");
    gb_expect("same event on another counter", (long long)counter_read(5), 256, "counter 5");
    gb_expect("bytes written before any mvout", (long long)counter_read(1), 0, "counter 1");

    gemmini_extended_mvin(buffer8, 32, 4 * DIM, 3);          /* 3 rows of 64 bytes = 192 */
    gemmini_extended_mvin(0, 64, DIM, DIM);                  /* zero fill: no memory read */
    gemmini_extended_mvout(buffer8 + 1024 - 256, 0, DIM, 10); /* 160 bytes written */
    gemmini_fence();
    gb_expect("bytes read after a wide mvin and a zero fill", (long long)counter_read(0), 256 + 192, "counter 0");
    gb_expect("bytes written by a 10-row mvout", (long long)counter_read(1), 160, "counter 1");

    /* Accumulator traffic: int32 rows in, full-width rows out. */
    gemmini_extended4_config_ld(DIM * sizeof(acc_t), MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(buffer32, GB_ACC(0), DIM, 4);      /* 4 x 64 bytes */
    gemmini_config_st(DIM * sizeof(acc_t));
    gemmini_extended_mvout(buffer32, GB_ACC_FULL(0), DIM, 2); /* 2 x 64 bytes */
    gemmini_fence();
    gb_expect("bytes read including an accumulator mvin", (long long)counter_read(0), 448 + 256, "counter 0");
    gb_expect("bytes written including a full-width mvout", (long long)counter_read(1), 160 + 128, "counter 1");

    /* A snapshot freezes the values read until snapshot mode is left. */
    counter_snapshot_take();
    gemmini_config_ld(DIM);
    gemmini_extended_mvin(buffer8, 0, DIM, DIM);
    gemmini_fence();
    gb_expect("snapshot value of the read counter", (long long)counter_read(0), 704, "counter 0 in snapshot mode");
    gb_expect("snapshot value of the written counter", (long long)counter_read(1), 288, "counter 1 in snapshot mode");
    counter_snapshot_reset();
    gb_expect("live value after leaving snapshot mode", (long long)counter_read(0), 704 + 256, "counter 0");

    /* Reset clears the counts; reconfigured counters count from there. */
    counter_reset();
    counter_configure(0, RDMA_BYTES_REC);
    counter_configure(1, WDMA_BYTES_SENT);
    gb_expect("read counter after reset", (long long)counter_read(0), 0, "counter 0");
    gb_expect("written counter after reset", (long long)counter_read(1), 0, "counter 1");
    gemmini_config_st(DIM);
    gemmini_extended_mvout(buffer8, 0, DIM, DIM);
    gemmini_fence();
    gb_expect("written counter counts again", (long long)counter_read(1), 256, "counter 1");
    gb_expect("read counter unchanged by an mvout", (long long)counter_read(0), 0, "counter 0");

    /* Counter 1 now counts bytes read too. Counters are always configured right after a reset
       here: the spec does not say whether a reset keeps the configuration or whether
       configuring clears the count. */
    counter_reset();
    counter_configure(0, RDMA_BYTES_REC);
    counter_configure(1, RDMA_BYTES_REC);
    gemmini_config_ld(DIM);
    gemmini_extended_mvin(buffer8, 0, DIM, 2);
    gemmini_fence();
    gb_expect("reconfigured counter counts its new event", (long long)counter_read(1), 32, "counter 1");
    gb_expect("other counter counts the same reads", (long long)counter_read(0), 32, "counter 0");
    return gb_finish();
}
