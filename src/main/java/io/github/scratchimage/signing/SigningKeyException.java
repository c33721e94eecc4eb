package io.github.scratchimage.signing;

/**
 * A signing key file that cannot sign: unreadable, not a PEM private key, encrypted without a
 * passphrase or with a different one, or a key other than ECDSA P-256. Raised while loading, so
 * a build fails before it pushes anything. Never contains the passphrase.
 */
public final class SigningKeyException extends Exception {
    private final String file;
    private final String problem;
    private final String fix;

    public SigningKeyException(String file, String problem, String fix) {
        super(file + ": " + problem + "; " + fix);
        this.file = file;
        this.problem = problem;
        this.fix = fix;
    }

    public String file() {
        return file;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
