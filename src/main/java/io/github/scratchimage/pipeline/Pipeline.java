package io.github.scratchimage.pipeline;

import io.github.scratchimage.elf.FileBytes;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.IndexResult;
import io.github.scratchimage.image.RegistryTarget;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.Target;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.image.builder.PreparedTarget;
import io.github.scratchimage.image.layer.PartialFiles;
import io.github.scratchimage.image.registry.IndexPusher;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.image.registry.RetryPolicy;
import io.github.scratchimage.json.Json;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.report.ImageReport;
import io.github.scratchimage.sbom.CycloneDxWriter;
import io.github.scratchimage.sbom.SbomInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The core entry point, free of Maven: a validated request in, files and a result out. The check
 * runs first and its report is written once; an image goal then plans, builds and delivers the
 * image and writes the SBOM, the digest, ID and image report, each through a partial file, so a pipeline
 * never reads half a file or an earlier build's digest after a failure.
 */
public final class Pipeline {
    /** The media type CycloneDX registers for its JSON, the SBOM artifact's type. */
    static final String SBOM_TYPE = "application/vnd.cyclonedx+json";
    private final BuildListener log;
    private final BuildListener checkLog;

    public Pipeline(BuildListener log) {
        this(log, log);
    }

    private Pipeline(BuildListener log, BuildListener checkLog) {
        this.log = log;
        this.checkLog = checkLog;
    }

    /**
     * This pipeline with the check's lines (its summary, findings, bundled libraries) at DEBUG,
     * errors excepted: for a check this build has already logged for another goal, so that a
     * project binding several goals reads the check once. The check itself still runs.
     */
    public Pipeline withCheckAlreadyLogged() {
        BuildListener quiet = new BuildListener() {
            @Override
            public void log(Level level, String message) {
                log.log(level == Level.ERROR ? level : Level.DEBUG, message);
            }

            @Override
            public void progress(double fraction) {
                log.progress(fraction);
            }
        };
        return new Pipeline(log, quiet);
    }

    /** What an image goal delivered, for the mojos: the digest its digest file names, and the format. */
    public record Delivered(String digest, ImageFormat format) {
    }

    /**
     * The {@code check} goal: the check and its report, nothing built. With {@code <executables>},
     * every one is checked and reported; the result is the first's.
     */
    public CheckResult check(CheckRequest request, Path checkReport) throws ScratchException {
        if (!request.executables().isEmpty()) {
            return PlatformImages.check(request, checkReport, checkLog).get(0);
        }
        CheckResult result = Check.run(request, checkLog);
        if (result.failure().isEmpty()) {
            result = Check.settle(result, request, List.of(), checkLog);
        }
        write(checkReport, Json.pretty(result.report()));
        result.requirePassed();
        return result;
    }

    /**
     * The image goals, for one executable ({@link #image}) or, with {@code <executables>}, one image
     * per platform delivered as one index ({@link PlatformImages}).
     */
    public Delivered images(ImageRequest request) throws ScratchException {
        if (!request.check().executables().isEmpty()) {
            return PlatformImages.image(request, log, checkLog);
        }
        ImageResult result = image(request);
        return new Delivered(result.digest(), result.format());
    }

    /** The image goals: check, plan, build and deliver to the request's target. */
    public ImageResult image(ImageRequest request) throws ScratchException {
        OutputFiles outputs = request.outputs();
        for (Path output : outputs.imageOutputs()) {
            delete(output);
        }
        ImageBuilder builder = new ImageBuilder(request.cacheDirectory(), log, RegistryCredentials.ofSystem(),
                request.compression(), request.cacheMaxBytes());
        // Prepared first: the registry connection is made while the executable is checked, and a
        // compression that cannot run here fails before any work.
        try (PreparedTarget prepared = builder.prepare(request.target())) {
            FileBytes executable = Check.map(ExecutableLocator.locate(request.check().executable()));
            // Hashed beside the check, on a thread of its own: the layer's cache key is then ready
            // when the check is done, and the SBOM reuses it.
            prepared.hashes().startHashing(executable.path(), executable.views());
            CheckResult checked = Check.run(request.check(), executable, checkLog);
            if (checked.failure().isPresent()) {
                write(outputs.checkReport(), Json.pretty(checked.report()));
                checked.requirePassed();
            }
            ImageAssembly.Assembled assembled;
            try {
                assembled = ImageAssembly.plan(checked, request, log);
            } catch (ScratchException e) {
                // an incomplete closure of the content is reported with that closure
                write(outputs.checkReport(), Json.pretty((e instanceof IncompleteImageException incomplete
                        ? incomplete.checked() : checked).report()));
                throw e;
            }
            // the essentials as they ended: the report must not say "included" for what the image lacks,
            // and the findings settled against what the image holds
            CheckResult ended = Check.settle(assembled.checked(), request.check(), assembled.userContent(), checkLog);
            write(outputs.checkReport(), Json.pretty(ended.report()));
            ended.requirePassed();
            ImageResult result = builder.build(assembled.plan(), prepared);
            // before the digest: a build that fails here leaves no digest for a pipeline to trust
            sbom(request, result, assembled, ended, builder, prepared);
            write(outputs.digest(), result.digest());
            write(outputs.imageId(), result.imageId());
            write(outputs.imageJson(), Json.pretty(ImageReport.json(result, ended.analysis(), ended.libraries(),
                    request.target())));
            log.log(BuildListener.Level.LIFECYCLE, ImageReport.summary(verb(request.target()), result,
                    request.target() instanceof DockerClientTarget));
            return result;
        }
    }

    /**
     * The {@code index} goal: images already pushed merged into one multi-platform index, pushed
     * under the target's tags; its digest and report written as for an image.
     */
    public IndexResult index(IndexRequest request) throws ScratchException {
        delete(request.digest());
        delete(request.imageJson());
        IndexResult result = IndexPusher.push(request.target(), request.images(), log, RegistryCredentials.ofSystem(),
                RetryPolicy.DEFAULT);
        write(request.digest(), result.digest());
        write(request.imageJson(), Json.pretty(ImageReport.json(result)));
        log.log(BuildListener.Level.LIFECYCLE, ImageReport.summary(result));
        return result;
    }

    /** The SBOM file, and with {@code <attachSbom>} for a registry, the SBOM as the pushed image's referrer. */
    private void sbom(ImageRequest request, ImageResult result, ImageAssembly.Assembled assembled, CheckResult ended,
            ImageBuilder builder, PreparedTarget prepared) throws ScratchException {
        if (request.sbom() == ImageRequest.Sbom.OFF) {
            return;
        }
        OutputFiles outputs = request.outputs();
        SbomInput sbom = SbomBuilder.input(result, assembled.plan(), ended, assembled.packages(),
                prepared.hashes());
        byte[] document = CycloneDxWriter.write(sbom);
        write(outputs.sbom(), new String(document, StandardCharsets.UTF_8));
        log.log(BuildListener.Level.LIFECYCLE, "Wrote the SBOM " + outputs.sbom() + " ("
                + count(sbom.files().size(), "file") + ", " + count(sbom.osPackages().size(), "Debian package")
                + ")");
        if (request.sbom() == ImageRequest.Sbom.ATTACHED && request.target() instanceof RegistryTarget) {
            String artifact;
            try {
                artifact = builder.attach(prepared, SBOM_TYPE, document,
                        outputs.sbom().getFileName().toString(), assembled.plan().creationTime().toString());
            } catch (ImageBuildException e) {
                throw new ImageBuildException("The image " + result.reference() + "@" + result.digest()
                        + " is pushed, but its SBOM could not be attached to it: " + e.getMessage()
                        + " Set <attachSbom>false</attachSbom> (" + PropertyNames.ATTACH_SBOM
                        + ") to push without it.", e);
            }
            log.log(BuildListener.Level.LIFECYCLE, "Attached the SBOM to " + result.reference() + "@"
                    + result.digest() + " as its referrer " + artifact + " (tag "
                    + result.digest().replace(':', '-') + ")");
        }
    }

    static String count(int n, String noun) {
        return (n == 0 ? "no" : String.valueOf(n)) + " " + noun + (n == 1 ? "" : "s");
    }

    static String verb(Target target) {
        if (target instanceof RegistryTarget) {
            return "Pushed";
        }
        if (target instanceof TarTarget tar) {
            return "Wrote " + tar.output() + ":";
        }
        return target instanceof DockerClientTarget ? "Loaded" : "Built";
    }

    static void write(Path file, String content) throws EnvironmentException {
        try {
            PartialFiles.writeAtomically(file, content);
        } catch (IOException e) {
            throw new EnvironmentException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path output) throws EnvironmentException {
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new EnvironmentException("Could not delete " + output + " from an earlier build: "
                    + e.getMessage(), e);
        }
    }
}
