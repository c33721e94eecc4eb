package io.github.scratchimage.maven;

import io.github.scratchimage.libraries.Reason;

import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.registry.InsecureRegistryException;
import io.github.scratchimage.image.InvalidReferenceException;
import io.github.scratchimage.image.registry.RegistryAuthenticationException;
import io.github.scratchimage.image.registry.RegistryUnreachableException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place where the image core's exceptions become Maven's: the user's configuration is a
 * {@link MojoFailureException}, the environment or the registry a {@link MojoExecutionException},
 * and each message says which parameter or fact to change.
 */
public final class ImageFailures {
    private ImageFailures() {
    }

    static MojoFailureException invalidReference(InvalidReferenceException e) {
        return new MojoFailureException("Invalid image reference or tag '" + e.value() + "': use"
                + " [registry[:port]/]repository[:tag] with a lower-case repository, e.g."
                + " -D" + PropertyNames.TO_IMAGE + "=registry.example.com/team/app:1.0", e);
    }

    static Exception translate(ImageBuildException e, List<String> credentialSources) {
        if (e instanceof InvalidReferenceException invalid) {
            return invalidReference(invalid);
        }
        if (e instanceof RegistryUnreachableException down) {
            return new MojoExecutionException("Registry " + down.host() + ":" + down.port() + " is unreachable: "
                    + "check the host and port in <to><image> (" + PropertyNames.TO_IMAGE + ") and that the"
                    + " registry is running and reachable from this machine", e);
        }
        if (e instanceof RegistryAuthenticationException auth) {
            String who = auth.username() == null ? "No credentials were found" : "The credentials of user "
                    + auth.username() + " were refused";
            return new MojoFailureException(who + " for registry " + auth.registry() + " (pushing "
                    + auth.repository() + "). Looked in: " + String.join("; ", credentialSources)
                    + ". Fix the <server> in settings.xml (its <id> must be " + auth.registry() + "), <to><auth>,"
                    + " or log in with docker/podman login", e);
        }
        if (e instanceof InsecureRegistryException insecure) {
            String fix = insecure.reason() == InsecureRegistryException.Reason.INSECURE_CONNECTION
                    ? "Registry " + insecure.registry() + " speaks plain HTTP or presents a certificate this JVM"
                            + " does not trust. If that is intended (a local or test registry), set"
                            + " <allowInsecureRegistries>true</allowInsecureRegistries> (-D"
                            + PropertyNames.ALLOW_INSECURE_REGISTRIES + "=true); otherwise add its CA to the JVM's"
                            + " trust store"
                    : "Registry " + insecure.registry() + " speaks plain HTTP and asks for credentials; they are not"
                            + " sent in clear text unless you set <sendCredentialsOverHttp>true</sendCredentialsOverHttp>"
                            + " (-D" + PropertyNames.SEND_CREDENTIALS_OVER_HTTP + "=true). Prefer HTTPS";
            return new MojoFailureException(fix, e);
        }
        return new MojoExecutionException("Building the image failed: " + e.getMessage(), e);
    }
}
