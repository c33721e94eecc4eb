#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

/* glibc unwinds a canceled thread through libgcc_s.so.1, which it dlopens: no DT_NEEDED names it,
 * and without it the program aborts with "libgcc_s.so.1 must be installed for pthread_cancel to work". */
static void *sleeper(void *arg) {
    (void) arg;
    for (;;) {
        pause();
    }
    return NULL;
}

int main(void) {
    pthread_t thread;
    void *result = NULL;
    if (pthread_create(&thread, NULL, sleeper, NULL) != 0 || pthread_cancel(thread) != 0
            || pthread_join(thread, &result) != 0) {
        puts("pthread call failed");
        return 1;
    }
    puts(result == PTHREAD_CANCELED ? "thread canceled" : "thread not canceled");
    return result == PTHREAD_CANCELED ? 0 : 1;
}
