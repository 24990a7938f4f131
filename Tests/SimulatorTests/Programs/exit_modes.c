/*
 * exit_modes.c: the ways a program ends. Built with -DMODE=...:
 *   MODE 0: return CODE from main (CODE from -DCODE=...)
 *   MODE 1: print, leave a partial line in the stdout buffer, then exit(7) three calls deep
 *   MODE 2: abort()
 *   MODE 3: a failing assert
 *   MODE 4: _exit(CODE) with unflushed output (which is lost)
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef MODE
#define MODE 0
#endif
#ifndef CODE
#define CODE 0
#endif

static volatile int depth_reached;

__attribute__((noinline)) static void level3(int code)
{
    depth_reached = 3;
    printf("partial line at depth %d", depth_reached);
    exit(code);
}

__attribute__((noinline)) static void level2(int code)
{
    depth_reached = 2;
    level3(code + 1);
    puts("not reached 2");
}

__attribute__((noinline)) static int level1(int code)
{
    depth_reached = 1;
    level2(code + 1);
    puts("not reached 1");
    return 99;
}

int main(void)
{
    volatile int x = 1;
    switch (MODE) {
    case 1:
        printf("before exit\n");
        return level1(5);
    case 2:
        printf("about to abort\n");
        abort();
    case 3:
        printf("about to assert\n");
        assert(x == 2);
        puts("assert returned");
        return 0;
    case 4:
        printf("lost");
        _exit(CODE);
    default:
        printf("returning %d\n", CODE);
        return CODE;
    }
}
