package io.github.scratchimage.image.registry;

import io.github.scratchimage.failure.Fault;

import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.libraries.Reason;

/** The registry speaks plain HTTP or has a certificate we cannot verify, and that was not allowed. */
public class InsecureRegistryException extends ImageBuildException {

    /** Which allowance was missing. */
    public enum Reason {
        /** TLS failed or is absent: needs allowInsecureRegistries. */
        INSECURE_CONNECTION,
        /** The registry is plain HTTP and asks for a credential: needs sendCredentialsOverHttp. */
        CREDENTIALS_OVER_HTTP
    }

    private final String registry;
    private final Reason reason;

    public InsecureRegistryException(String registry, Reason reason, Throwable cause) {
        super(switch (reason) {
            case INSECURE_CONNECTION -> "registry " + registry
                    + " has no verifiable TLS certificate or speaks plain HTTP, and insecure registries are not allowed";
            case CREDENTIALS_OVER_HTTP -> "registry " + registry
                    + " speaks plain HTTP and asks for a credential, which is not sent over HTTP unless allowed";
        }, cause);
        this.registry = registry;
        this.reason = reason;
    }

    public String registry() {
        return registry;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public Fault fault() {
        return Fault.USER;
    }
}
