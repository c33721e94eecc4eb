package io.github.scratchimage.signing;

import io.github.scratchimage.failure.InvalidInputException;

/**
 * A signing key file that cannot sign: unreadable, not a PEM private key, encrypted without a
 * passphrase or with a different one, or a key other than ECDSA P-256. Raised while loading, so
 * a build fails before it pushes anything. Never contains the passphrase.
 */
public final class SigningKeyException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public SigningKeyException(String file, String problem, String fix) {
        super(file + ": " + problem + "; " + fix, file, problem, fix);
    }

    public String file() {
        return subject();
    }
}
