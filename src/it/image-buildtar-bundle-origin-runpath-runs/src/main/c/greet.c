const char *greeting(void) { return "hello through $ORIGIN/../lib"; }
