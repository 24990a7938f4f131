// In bare-metal builds gemmini_testutils.h's assert prints the failed expression and its
// location, then exits with status 1.
#pragma GCC diagnostic warning "-Wall"
#pragma GCC diagnostic warning "-Wextra"
#include "include/gemmini_testutils.h"

int main(void) {
    volatile int two = 2;
    assert(two + 1 == 3);
    assert(two + two == 5);
    printf("not reached\n");
    return 0;
}
