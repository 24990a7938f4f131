#include <stdio.h>

int main(void) {
    int a = 7, b = 6;
    printf("hello from the simulator: %d * %d = %d\n", a, b, a * b);
    return a * b;
}
