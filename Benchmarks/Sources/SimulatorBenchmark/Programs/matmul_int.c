// 256x256 int32 matrix multiply (i-k-j order), checked with a checksum of a row and column.
#include <stdint.h>
#include <stdio.h>
#ifdef QUIET  // for runs on QEMU, whose HTIF has no SYS_write: no console output
// An opaque sink, so the compiler still computes everything that would have been printed.
__attribute__((noipa)) static int quiet_printf(const char *format, ...) { (void)format; return 0; }
#define printf quiet_printf
#endif

#define N 256
static int32_t a[N][N], b[N][N], c[N][N];

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (i * 7 + j * 3) % 17 - 8;
            b[i][j] = (i * 5 + j * 11) % 13 - 6;
        }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            int32_t s = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += s * b[k][j];
        }
    // Spot-check a few entries against a direct dot product.
    for (int t = 0; t < 8; t++) {
        int i = (t * 37) % N, j = (t * 91) % N;
        int32_t sum = 0;
        for (int k = 0; k < N; k++) sum += a[i][k] * b[k][j];
        if (sum != c[i][j]) { printf("mismatch at %d,%d\n", i, j); return 1; }
    }
    int64_t checksum = 0;
    for (int i = 0; i < N; i++) checksum += c[i][i] - c[i][N - 1 - i];
    printf("matmul checksum %lld\n", (long long)checksum);
    return 0;
}
