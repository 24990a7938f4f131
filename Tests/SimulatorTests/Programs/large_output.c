/*
 * large_output.c: about 150 KB on stdout: 2000 numbered lines of letters that depend on the
 * line number, then one 32 KiB fwrite of a byte pattern (written straight through, bigger
 * than the line buffer). The Swift test regenerates the same text.
 */
#include <stdio.h>

static char block[32768];

int main(void)
{
    for (int i = 0; i < 2000; i++) {
        char line[64];
        for (int j = 0; j < 48; j++)
            line[j] = (char)('a' + (i * 7 + j) % 26);
        line[48] = 0;
        printf("line %05d: %s\n", i, line);
    }
    for (int k = 0; k < (int)sizeof block; k++)
        block[k] = (char)('A' + k % 26);
    block[sizeof block - 1] = '\n';
    fwrite(block, 1, sizeof block, stdout);
    printf("end\n");
    return 0;
}
