package io.github.scratchimage.signing;



/**
 * What is wrong with a key's contents and how to fix it, before the file it came from is known;
 * {@link SigningKey} turns it into a {@link SigningKeyException} naming the file.
 */
final class KeyProblem extends Exception {
    private final String problem;
    private final String fix;

    KeyProblem(String problem, String fix) {
        super(problem + "; " + fix);
        this.problem = problem;
        this.fix = fix;
    }

    String problem() {
        return problem;
    }

    String fix() {
        return fix;
    }
}
