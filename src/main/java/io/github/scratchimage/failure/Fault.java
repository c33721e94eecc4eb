package io.github.scratchimage.failure;



/**
 * Whose move it is when a build fails: the user's (the configuration, the executable or the files
 * it names are wrong) or the environment's (I/O, the registry, a CLI), which Maven reports
 * differently ("BUILD FAILURE" for the first, "BUILD ERROR"-style execution failures for the second).
 */
public enum Fault {
    USER,
    ENVIRONMENT
}
