package io.github.scratchimage.image.registry;

import io.github.scratchimage.failure.Fault;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.parameters.PropertyNames;

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
            case INSECURE_CONNECTION -> "Registry " + registry + " speaks plain HTTP or presents a certificate this"
                    + " JVM does not trust. If that is intended (a local or test registry), set"
                    + " <allowInsecureRegistries>true</allowInsecureRegistries> (-D"
                    + PropertyNames.ALLOW_INSECURE_REGISTRIES + "=true); otherwise add its CA to the JVM's trust store"
                    + detail(cause);
            case CREDENTIALS_OVER_HTTP -> "Registry " + registry + " speaks plain HTTP and asks for credentials; they"
                    + " are not sent in clear text unless you set"
                    + " <sendCredentialsOverHttp>true</sendCredentialsOverHttp> (-D"
                    + PropertyNames.SEND_CREDENTIALS_OVER_HTTP + "=true). Prefer HTTPS";
        }, cause);
        this.registry = registry;
        this.reason = reason;
    }

    /** The TLS error, once, so Maven does not append the cause's message after ours. */
    private static String detail(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
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
