const char *greeting(void) { return "hello from a project library"; }
