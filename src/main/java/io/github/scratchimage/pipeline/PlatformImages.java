package io.github.scratchimage.pipeline;

import io.github.scratchimage.elf.FileBytes;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.DockerClientTarget;
import io.github.scratchimage.image.ImageBuildException;
import io.github.scratchimage.image.ImageFormat;
import io.github.scratchimage.image.ImagePlan;
import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.MultiPlatformResult;
import io.github.scratchimage.image.TarTarget;
import io.github.scratchimage.image.builder.ImageBuilder;
import io.github.scratchimage.image.builder.PreparedTarget;
import io.github.scratchimage.image.layer.FileHashes;
import io.github.scratchimage.image.registry.RegistryCredentials;
import io.github.scratchimage.json.Json;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.report.ImageReport;
import io.github.scratchimage.sbom.CycloneDxWriter;
import io.github.scratchimage.sbom.SbomInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <executables>}: one image per platform from one build. Each executable is checked and
 * planned as a single one is ({@link Check}, {@link ImageAssembly}), with its own check request
 * (its platform's sysroot) and its own staging directory; every check runs and is reported
 * before any image is built, and every plan is made before anything is delivered. Then the
 * builder delivers them as one index ({@link ImageBuilder#buildIndex}), or, for a local engine,
 * which runs one platform, loads the image of the engine's.
 *
 * <p>{@code scratch-check.json} holds {@code platforms}, one check report per platform; the
 * digest file names the index; the SBOM is written once per platform, beside the configured
 * one with the platform in its name, and with {@code <attachSbom>} attached to its platform's
 * image and to the index.
 */
final class PlatformImages {
    /** One platform's executable checked, planned and settled. */
    private record Planned(PlatformExecutables.Member member, ImageAssembly.Assembled assembled, CheckResult ended) {
    }

    private PlatformImages() {
    }

    /** The {@code check} goal over every executable: all checked and reported, then the first refusal thrown. */
    static List<CheckResult> check(CheckRequest request, Path checkReport, BuildListener checkLog)
            throws ScratchException {
        List<CheckResult> results = new ArrayList<>();
        for (PlatformExecutables.Member member : PlatformExecutables.of(request)) {
            CheckResult result = Check.run(member.check(), checkLog);
            if (result.failure().isEmpty()) {
                result = Check.settle(result, member.check(), List.of(), checkLog);
            }
            results.add(result);
        }
        Pipeline.write(checkReport, Json.pretty(report(results)));
        for (CheckResult result : results) {
            result.requirePassed();
        }
        return results;
    }

    /** The image goals over every executable; returns the digest the digest file names. */
    static Pipeline.Delivered image(ImageRequest request, BuildListener log, BuildListener checkLog)
            throws ScratchException {
        List<PlatformExecutables.Member> members = PlatformExecutables.of(request.check());
        refuseWhatAnIndexCannotBe(request);
        OutputFiles outputs = request.outputs();
        for (Path output : outputs.imageOutputs()) {
            Pipeline.delete(output);
        }
        for (PlatformExecutables.Member member : members) {
            Pipeline.delete(sbomFile(outputs, member.platform().toString()));
        }
        ImageBuilder builder = new ImageBuilder(request.cacheDirectory(), log, RegistryCredentials.ofSystem(),
                request.compression(), request.cacheMaxBytes());
        try (PreparedTarget prepared = builder.prepare(request.target())) {
            List<Planned> planned = plan(request, members, prepared.hashes(), log, checkLog);
            if (request.target() instanceof DockerClientTarget docker) {
                return loadTheEngines(request, planned, builder, prepared, docker, log);
            }
            MultiPlatformResult result = builder.buildIndex(planned.stream().map(p -> p.assembled().plan()).toList(),
                    prepared);
            for (MultiPlatformResult.PlatformImage image : result.images()) {
                Planned one = find(planned, image.image());
                Optional<byte[]> sbom = sbom(request, image.image(), one, prepared.hashes(), log);
                if (sbom.isPresent() && request.sbom() == ImageRequest.Sbom.ATTACHED && result.delivered()) {
                    attach(builder, prepared, result, image.image(), sbom.get(),
                            sbomFile(outputs, image.image().platform().toString()).getFileName().toString(),
                            one.assembled().plan().creationTime().toString(), log);
                }
            }
            Pipeline.write(outputs.digest(), result.digest());
            ImageResult local = result.images().stream().map(MultiPlatformResult.PlatformImage::image)
                    .filter(image -> image.platform().toString().equals(HostPlatform.current())).findFirst()
                    .orElse(result.images().get(0).image());
            Pipeline.write(outputs.imageId(), local.imageId());
            Pipeline.write(outputs.imageJson(), Json.pretty(ImageReport.json(result, local, request.target())));
            log.log(BuildListener.Level.LIFECYCLE, ImageReport.summary(Pipeline.verb(request.target()), result));
            return new Pipeline.Delivered(result.digest(), result.format());
        }
    }

    /** Refused before anything is read: what only one image can be. */
    private static void refuseWhatAnIndexCannotBe(ImageRequest request) throws InvalidInputException {
        ContainerSettings c = request.container();
        if (c.platform().isPresent()) {
            throw InvalidInputException.of("<container><platform> (" + c.platform().get() + ")", "names one platform,"
                            + " but with " + PlatformExecutables.SEVERAL + " each image's platform comes from its"
                            + " executable", "remove <platform>");
        }
        if (request.target() instanceof TarTarget && c.format() == ImageFormat.DOCKER) {
            throw InvalidInputException.of("<container><format>Docker</format> (" + PropertyNames.CONTAINER_FORMAT
                            + ")", "cannot hold several platforms in one tar: a docker archive has no index",
                    "use <format>OCI</format> (the default), whose tar is an OCI layout holding the index and"
                            + " every platform, or push the Docker manifest list with scratch:build");
        }
    }

    /** Every executable checked, then planned and settled; the report holds every platform whatever fails. */
    private static List<Planned> plan(ImageRequest request, List<PlatformExecutables.Member> members,
            FileHashes hashes, BuildListener log, BuildListener checkLog) throws ScratchException {
        Path checkReport = request.outputs().checkReport();
        List<CheckResult> checked = new ArrayList<>();
        for (PlatformExecutables.Member member : members) {
            FileBytes executable = Check.map(ExecutableLocator.locate(member.check().executable()));
            hashes.startHashing(executable.path(), executable.views()); // as Pipeline does: beside the check
            checked.add(Check.run(member.check(), executable, checkLog));
        }
        if (checked.stream().anyMatch(result -> result.failure().isPresent())) {
            Pipeline.write(checkReport, Json.pretty(report(checked)));
            for (CheckResult result : checked) {
                result.requirePassed();
            }
        }
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            PlatformExecutables.Member member = members.get(i);
            ImageRequest one = forOne(request, member);
            ImageAssembly.Assembled assembled;
            try {
                assembled = ImageAssembly.plan(checked.get(i), one, naming(member, log));
            } catch (ScratchException e) {
                Pipeline.write(checkReport, Json.pretty(report(checked)));
                throw e;
            }
            CheckResult ended = Check.settle(checked.get(i).withEssentials(assembled.essentials()), member.check(),
                    assembled.userContent(), checkLog);
            planned.add(new Planned(member, assembled, ended));
        }
        Pipeline.write(checkReport, Json.pretty(report(planned.stream().map(Planned::ended).toList())));
        for (Planned p : planned) {
            p.ended().requirePassed();
        }
        return planned;
    }

    /** {@code log} with each line led by the platform: the essentials' lines of several platforms read alike. */
    private static BuildListener naming(PlatformExecutables.Member member, BuildListener log) {
        return (level, message) -> log.log(level, member.platform() + ": " + message);
    }

    /** A local engine runs one platform: the image of the engine's, or a refusal naming what there is. */
    private static Pipeline.Delivered loadTheEngines(ImageRequest request, List<Planned> planned, ImageBuilder builder,
            PreparedTarget prepared, DockerClientTarget docker, BuildListener log) throws ScratchException {
        String engine = ImageBuilder.enginePlatform(docker);
        Optional<Planned> match = planned.stream().filter(p -> engine.equals(p.member().platform().os() + "/"
                + p.member().platform().architecture())).findFirst();
        List<String> platforms = planned.stream().map(p -> p.member().platform().toString()).toList();
        if (match.isEmpty()) {
            throw InvalidInputException.of("scratch:dockerBuild", "loads the image of the engine's platform, "
                            + engine + " (" + docker.cli() + "), and " + PlatformExecutables.SEVERAL + " has none for it, only "
                            + String.join(", ", platforms),
                    "add an executable built for " + engine + ", or push every platform with scratch:build");
        }
        Planned chosen = match.get();
        log.log(BuildListener.Level.LIFECYCLE, "Loading the " + chosen.member().platform() + " image, the platform of "
                + docker.cli() + "'s engine (of " + String.join(", ", platforms) + ")");
        ImageResult result = builder.build(chosen.assembled().plan(), prepared);
        sbom(request, result, chosen, prepared.hashes(), log);
        OutputFiles outputs = request.outputs();
        Pipeline.write(outputs.digest(), result.digest());
        Pipeline.write(outputs.imageId(), result.imageId());
        Pipeline.write(outputs.imageJson(), Json.pretty(ImageReport.json(result, chosen.ended().analysis(),
                chosen.ended().libraries(), request.target())));
        log.log(BuildListener.Level.LIFECYCLE, ImageReport.summary(Pipeline.verb(request.target()), result, true));
        return new Pipeline.Delivered(result.digest(), result.format());
    }

    /** The request for one executable: its check, and a staging directory of its own. */
    private static ImageRequest forOne(ImageRequest request, PlatformExecutables.Member member) {
        Path work = request.workDirectory().resolve(member.platform().toString().replace('/', '-'));
        return new ImageRequest(member.check(), request.container(), request.content(), request.target(),
                request.cacheDirectory(), request.compression(), request.cacheMaxBytes(), work, request.outputs(),
                request.sbom());
    }

    private static Planned find(List<Planned> planned, ImageResult image) {
        return planned.stream().filter(p -> p.member().platform().equals(image.platform())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no plan for " + image.platform()));
    }

    /**
     * A platform's SBOM as a referrer of its image and of the index, so that a tool looking up the
     * referrers of either (the tag's digest, or the platform's) finds it.
     */
    private static void attach(ImageBuilder builder, PreparedTarget prepared, MultiPlatformResult index,
            ImageResult image, byte[] sbom, String title, String created, BuildListener log) throws ScratchException {
        for (String subject : List.of(image.digest(), index.digest())) {
            String artifact;
            try {
                artifact = builder.attach(prepared, subject, Pipeline.SBOM_TYPE, sbom, title, created);
            } catch (ImageBuildException e) {
                throw new ImageBuildException("The index " + index.reference() + "@" + index.digest() + " is pushed,"
                        + " but the " + image.platform() + " SBOM could not be attached to " + subject + ": "
                        + e.getMessage() + " Set <attachSbom>false</attachSbom> (" + PropertyNames.ATTACH_SBOM
                        + ") to push without it.", e);
            }
            log.log(BuildListener.Level.LIFECYCLE, "Attached the " + image.platform() + " SBOM to " + subject
                    + (subject.equals(index.digest()) ? " (the index)" : "") + " as its referrer " + artifact
                    + " (tag " + subject.replace(':', '-') + ")");
        }
    }

    /** One SBOM per platform: each image has its own files, packages and digest. Returns its bytes, when written. */
    private static Optional<byte[]> sbom(ImageRequest request, ImageResult result, Planned planned, FileHashes hashes,
            BuildListener log)
            throws ScratchException {
        if (request.sbom() == ImageRequest.Sbom.OFF) {
            return Optional.empty();
        }
        Path file = sbomFile(request.outputs(), result.platform().toString());
        ImagePlan plan = planned.assembled().plan();
        SbomInput sbom = SbomBuilder.input(result, plan, planned.ended(), planned.assembled().packages(), hashes);
        byte[] document = CycloneDxWriter.write(sbom);
        Pipeline.write(file, new String(document, StandardCharsets.UTF_8));
        log.log(BuildListener.Level.LIFECYCLE, "Wrote the " + result.platform() + " SBOM " + file + " ("
                + Pipeline.count(sbom.files().size(), "file") + ", "
                + Pipeline.count(sbom.osPackages().size(), "Debian package") + ")");
        return Optional.of(document);
    }

    /** {@code scratch-image.cdx.json} for {@code linux/arm64}: {@code scratch-image.linux-arm64.cdx.json}. */
    static Path sbomFile(OutputFiles outputs, String platform) {
        String name = outputs.sbom().getFileName().toString();
        int dot = name.endsWith(".cdx.json") ? name.length() - ".cdx.json".length()
                : name.lastIndexOf('.') > 0 ? name.lastIndexOf('.') : name.length();
        return outputs.sbom().resolveSibling(name.substring(0, dot) + "." + platform.replace('/', '-')
                + name.substring(dot));
    }

    /** {@code scratch-check.json} of several executables: whether all passed, and each platform's report. */
    private static Map<String, Object> report(List<CheckResult> results) {
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> platforms = results.stream().map(CheckResult::report).toList();
        report.put("passed", platforms.stream().allMatch(p -> Boolean.TRUE.equals(p.get("passed"))));
        report.put("platforms", platforms);
        return report;
    }
}
