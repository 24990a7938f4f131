/*
 * streams.c: stdout and stderr through the runtime. stderr is unbuffered and flushes
 * stdout first, so the two interleave in program order.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    printf("out 1\n");
    fprintf(stderr, "err 1\n");
    printf("out 2 without newline");
    fprintf(stderr, "err 2\n");
    puts("out 3");
    fputs("err 3\n", stderr);
    putchar('x');
    fputc('y', stderr);
    fwrite("<fwrite>\n", 1, 9, stdout);
    fwrite("<fwrite err>\n", 13, 1, stderr);
    fflush(stdout);
    char buf[8];
    int n = snprintf(buf, sizeof buf, "%s", "truncated text");
    printf("snprintf returned %d and kept \"%s\"\n", n, buf);
    printf("last line without newline");
    return 0;
}
