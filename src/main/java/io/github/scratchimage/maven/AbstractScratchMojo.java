package io.github.scratchimage.maven;

import io.github.scratchimage.pipeline.Bundling;
import io.github.scratchimage.report.CheckReport;
import io.github.scratchimage.pipeline.CheckedExecutable;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.pipeline.ExecutableLocator;

import io.github.scratchimage.analysis.Analyzer;
import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.RuntimeAdvisor;
import io.github.scratchimage.analysis.Linkage;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.UnsupportedExecutableException;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.image.layer.PartialFiles;
import io.github.scratchimage.libraries.LibraryTree;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the parameters that name the executable and the linkage policy, the
 * skip switch, and the check that runs before any image is built.
 */
public abstract class AbstractScratchMojo extends AbstractMojo {
    static final String CHECK_REPORT = "scratch-check.json";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * The native executable to check and ship. When unset: the main artifact if it is an ELF
     * file, else {@code target/${project.artifactId}}, else {@code target/${project.build.finalName}}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EXECUTABLE)
    protected File executable;

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
     * Fail the build when the advisor finds something the executable will look for at run time.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FAIL_ON_WARNINGS, defaultValue = "false")
    protected boolean failOnWarnings;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping scratch:" + goal() + " because <skip> (" + PropertyNames.SKIP + ") is true");
            return;
        }
        run();
    }

    /** The goal's name as users type it, for messages. */
    protected abstract String goal();

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /**
     * Finds, reads and analyses the executable, logs the result, writes {@code scratch-check.json}
     * and fails when the linkage policy refuses it: every goal runs this before building anything.
     */
    protected final CheckedExecutable checkExecutable(String executableImageDirectory)
            throws MojoExecutionException, MojoFailureException {
        LinkagePolicy policy = linkagePolicy();
        Path path = ExecutableLocator.locate(
                Optional.ofNullable(executable).map(File::toPath),
                Optional.ofNullable(project.getArtifact()).map(a -> a.getFile()).map(File::toPath),
                buildDirectory.toPath(), project.getArtifactId(), project.getBuild().getFinalName());
        ElfFile elf = read(path);
        BinaryAnalysis analysis = analyse(elf);
        getLog().info(CheckReport.summary(analysis));
        List<Finding> findings = advise(path, elf, analysis);
        List<EssentialChoice> essentials = Essentials.decide(essentialSettings(), findings);
        Map<String, Object> report = CheckReport.json(analysis, policy);
        report.put("findings", CheckReport.findings(findings));
        report.put("essentials", CheckReport.essentials(essentials));
        Path reportFile = buildDirectory.toPath().resolve(CHECK_REPORT);
        writeOutput(reportFile, Json.write(report));
        if (!policy.allows(analysis.linkage())) {
            throw new MojoFailureException(CheckReport.linkageFailure(analysis));
        }
        CheckReport.logFindings(findings, essentials, getLog());
        if (failOnWarnings && findings.stream().anyMatch(Finding::warning)) {
            throw new MojoFailureException(CheckReport.findingsFailure(analysis, findings));
        }
        Optional<LibraryTree> libraries = Optional.empty();
        if (policy == LinkagePolicy.BUNDLE && analysis.linkage() == Linkage.DYNAMIC) {
            LibraryTree tree = Bundling.resolve(path, executableImageDirectory + "/" + path.getFileName(),
                    sysroot.toPath(), libraryPaths, extraLibraries);
            report.put("passed", tree.complete());
            report.put("bundled", Bundling.json(tree));
            Bundling.putProblems(tree, report);
            writeOutput(reportFile, Json.write(report));
            Bundling.requireComplete(tree, sysroot.toPath());
            Bundling.log(tree, getLog());
            libraries = Optional.of(tree);
        }
        return new CheckedExecutable(analysis, findings, essentials, libraries, report);
    }

    /**
     * Writes {@code scratch-check.json} again with the essentials as they ended, when the user's
     * content made one step aside: the report must not say "included" for what the image lacks.
     */
    protected final void reportEssentials(CheckedExecutable checked, List<EssentialChoice> ended)
            throws MojoExecutionException {
        if (ended.equals(checked.essentials())) {
            return;
        }
        checked.report().put("essentials", CheckReport.essentials(ended));
        writeOutput(buildDirectory.toPath().resolve(CHECK_REPORT), Json.write(checked.report()));
    }

    protected final Essentials.Settings essentialSettings() {
        return new Essentials.Settings(caCertificates, extraCertificates, timezones, users, tmp);
    }

    private static ElfFile read(Path path) throws MojoExecutionException, MojoFailureException {
        try {
            return ElfReader.read(path);
        } catch (ElfFormatException e) {
            throw new MojoFailureException("The executable " + e.getMessage()
                    + ". Point <executable> (" + PropertyNames.EXECUTABLE + ") at a native Linux program.", e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read the executable " + path + ": " + e, e);
        }
    }

    private static BinaryAnalysis analyse(ElfFile elf) throws MojoFailureException {
        try {
            return Analyzer.analyze(elf);
        } catch (UnsupportedExecutableException e) {
            throw new MojoFailureException("The executable " + e.getMessage(), e);
        }
    }

    private static List<Finding> advise(Path path, ElfFile elf, BinaryAnalysis analysis)
            throws MojoExecutionException {
        try {
            return RuntimeAdvisor.advise(path, elf, analysis);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read the executable " + path + ": " + e, e);
        }
    }

    protected final LinkagePolicy linkagePolicy() throws MojoFailureException {
        String value = linkage == null ? "static" : linkage.trim();
        try {
            return LinkagePolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(LinkagePolicy.values()).map(p -> p.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new MojoFailureException("<linkage> (" + PropertyNames.LINKAGE + ") is '" + value
                    + "'; it must be one of " + allowed);
        }
    }

    /** Writes a report file atomically, so a failed build never leaves half a file for a pipeline to read. */
    protected final Path writeOutput(Path target, String content) throws MojoExecutionException {
        Path partial = PartialFiles.partialBeside(target.toAbsolutePath());
        try {
            Files.createDirectories(partial.getParent());
            Files.writeString(partial, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            PartialFiles.moveIntoPlace(partial, target);
            return target;
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a hidden leftover, overwritten by no one and harmless; the write's own error matters
            }
        }
    }
}
