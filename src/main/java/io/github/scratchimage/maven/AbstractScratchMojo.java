package io.github.scratchimage.maven;

import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.pipeline.CheckRequest;
import io.github.scratchimage.pipeline.ExecutableLocator;
import io.github.scratchimage.pipeline.Pipeline;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the parameters that name the executable and the linkage policy, the
 * skip switch, and the check that runs before any image is built.
 */
public abstract class AbstractScratchMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    /**
     * The native executable to check and ship. When unset: the main artifact if it is an ELF
     * file, else {@code target/${project.artifactId}}, else {@code target/${project.build.finalName}}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EXECUTABLE)
    protected File executable;

    /**
     * Several native executables, one per platform, instead of {@code <executable>}: each ELF file
     * gives its image's platform (os, architecture, and for arm the variant), and the image goals
     * build one image per platform as one multi-platform index. They share one file name (each
     * goes to {@code <appRoot>/<file name>}), and {@code <container>} applies to every platform.
     * {@code -Dscratch.executables=target/amd64/app,target/arm64/app}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EXECUTABLES)
    protected List<File> executables = new ArrayList<>();

    /**
     * For {@code linkage=bundle} with {@code <executables>}: each platform's sysroot, keyed by the
     * architecture as the platform spells it ({@code amd64}, {@code arm64}, {@code arm}...), e.g.
     * {@code <arm64>/usr/aarch64-linux-gnu</arm64>}, Debian's cross sysroot. Libraries and the
     * essentials' files of that platform come from it; a platform without an entry uses
     * {@code <sysroot>}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected Map<String, File> sysroots = new LinkedHashMap<>();

    /**
     * Which executables may go into the image: {@code static} (default; a dynamically linked
     * executable fails the build), {@code bundle} (its shared libraries go into the image) or
     * {@code any}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.LINKAGE, defaultValue = "static")
    protected String linkage;

    /**
     * The root directory in which shared libraries are looked up for {@code linkage=bundle}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SYSROOT, defaultValue = "/")
    protected File sysroot;

    /**
     * For {@code linkage=bundle}: directories searched where ld.so searches {@code LD_LIBRARY_PATH}
     * (paths inside the sysroot), e.g. where the build puts its own shared libraries.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<String> libraryPaths = new ArrayList<>();

    /**
     * For {@code linkage=bundle}: libraries the program loads with {@code dlopen} (sonames or
     * paths in the sysroot); each is bundled with its own closure.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<String> extraLibraries = new ArrayList<>();

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    protected boolean skip;

    /**
     * {@code auto} (default: when the executable looks for certificates), {@code true} or
     * {@code false}: {@code /etc/ssl/certs/ca-certificates.crt} from the sysroot (or the build JDK's
     * trust store), with {@code SSL_CERT_FILE} set.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CA_CERTIFICATES, defaultValue = "auto")
    protected String caCertificates;

    /**
     * PEM files appended to the CA bundle, e.g. a company CA.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<File> extraCertificates = new ArrayList<>();

    /**
     * {@code auto}, {@code true}, {@code false}, or a comma-separated list of zones
     * ({@code Europe/Paris,UTC}) to keep the layer small: {@code /usr/share/zoneinfo} from the sysroot.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TIMEZONES, defaultValue = "auto")
    protected String timezones;

    /**
     * {@code auto}, {@code true} or {@code false}: {@code /etc/passwd} and {@code /etc/group} with
     * root, nobody and nonroot (65532).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.USERS, defaultValue = "auto")
    protected String users;

    /**
     * {@code auto}, {@code true} or {@code false}: {@code /tmp} with mode 1777.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TMP, defaultValue = "auto")
    protected String tmp;

    /**
     * Fail the build when the executable will look for something at run time that the image does
     * not have: a finding no essential, file of yours, bundled library or {@code <acknowledge>} meets.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FAIL_ON_WARNINGS, defaultValue = "false")
    protected boolean failOnWarnings;

    /**
     * Finding kinds you have checked and that no essential can meet: {@code dlopen} (the program
     * loads libraries by name), {@code locale} (it asks for locales or iconv converters),
     * {@code glibc_nss} (glibc may load NSS modules), {@code configured_directory} (a directory
     * your configuration names that a volume provides at run time). An acknowledged finding is logged as such
     * and does not fail {@code <failOnWarnings>}; the other kinds are refused, since their fix is an
     * essential or a file. {@code <acknowledge><kind>dlopen</kind></acknowledge>}, or
     * {@code -Dscratch.acknowledge=dlopen,locale}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ACKNOWLEDGE)
    protected List<String> acknowledge = new ArrayList<>();

    /**
     * Hardening every file the loader maps must have, comma-separated: {@code pie}, {@code nx},
     * {@code relro}, {@code full-relro}, {@code canary}, {@code fortify}. The executable and,
     * under {@code linkage=bundle}, each bundled library are judged; the check fails naming each
     * missing property per file and the flag that adds it. A property a file cannot show (a
     * static executable's canary) is a warning. Default: nothing required.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.HARDENING)
    protected String hardening;

    /**
     * The image's configuration (the {@code check} goal reads {@code appRoot} only, so that it resolves
     * {@code $ORIGIN} as the image goals do): {@code appRoot}, {@code entrypoint}, {@code args},
     * {@code environment}, {@code workingDirectory}, {@code user}, {@code ports}, {@code labels},
     * {@code format}, {@code creationTime}, {@code filesModificationTime}, {@code platform}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected ContainerConfiguration container = new ContainerConfiguration();

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + " because <skip> (" + PropertyNames.SKIP + ") is true");
            return;
        }
        for (String unknown : UnknownParameters.find(mojoExecution, project)) {
            if (BuildMemory.firstWarning(project, unknown)) {
                getLog().warn(unknown);
            }
        }
        try {
            run(new Pipeline(new MavenBuildListener(getLog())));
        } catch (ScratchException e) {
            Failures.rethrow(e);
        }
    }

    /** The goal as users type it, for messages. */
    protected final String goal() {
        return mojoExecution == null ? "this goal" : "scratch:" + mojoExecution.getGoal();
    }

    protected abstract void run(Pipeline pipeline) throws ScratchException;

    /** The check's settings, each value validated before anything is read. */
    protected final CheckRequest checkRequest(String appRoot) throws InvalidInputException {
        ExecutableLocator.Search search = new ExecutableLocator.Search(
                Optional.ofNullable(executable).map(File::toPath),
                Optional.ofNullable(project.getArtifact()).map(a -> a.getFile()).map(File::toPath),
                buildDirectory.toPath(), project.getArtifactId(), project.getBuild().getFinalName());
        return new CheckRequest(search, CheckRequest.linkagePolicy(linkage), sysroot.toPath(), libraryPaths,
                extraLibraries, Essentials.settings(caCertificates, extraCertificates, timezones, users, tmp),
                failOnWarnings, CheckRequest.appRoot(appRoot), CheckRequest.acknowledged(acknowledge),
                CheckRequest.hardening(hardening))
                .forPlatforms(CheckRequest.executables(Optional.ofNullable(executable).map(File::toPath),
                        executables == null ? List.of() : executables.stream().map(File::toPath).toList()),
                        sysroots());
    }

    private Map<String, Path> sysroots() {
        Map<String, Path> paths = new LinkedHashMap<>();
        (sysroots == null ? Map.<String, File>of() : sysroots).forEach((arch, root) -> paths.put(arch.trim(),
                root.toPath()));
        return paths;
    }
}
