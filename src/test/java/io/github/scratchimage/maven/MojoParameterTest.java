package io.github.scratchimage.maven;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.content.ExtraDirectories.Permission;
import io.github.scratchimage.image.content.ExtraDirectories.Source;
import io.github.scratchimage.pipeline.ContainerSettings;
import io.github.scratchimage.pipeline.OutputFiles;
import io.github.scratchimage.testing.OciArchive;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingRequest;
import org.eclipse.aether.DefaultRepositorySystemSession;

/** Parameter binding of every goal as Maven does it: POM configuration, expressions, defaults and -D properties. */
public class MojoParameterTest extends AbstractMojoTestCase {

    public void testPomConfigurationBindsEveryParameter() throws Exception {
        CheckMojo mojo = configuredMojo("check-configured", new Properties());

        File buildDirectory = new File(getBasedir(), "src/test/resources/unit/check-configured/target");
        assertEquals(new File(buildDirectory, "native/app"), mojo.executable);
        assertEquals("bundle", mojo.linkage);
        assertEquals(new File("/opt/sysroot"), mojo.sysroot);
        assertTrue(mojo.skip);
        assertEquals(buildDirectory, mojo.buildDirectory);
    }

    public void testDefaultsAreStaticLinkageRootSysrootAndNoExecutable() throws Exception {
        CheckMojo mojo = configuredMojo("check-defaults", new Properties());

        assertNull(mojo.executable);
        assertEquals("static", mojo.linkage);
        assertEquals(new File("/"), mojo.sysroot);
        assertFalse(mojo.skip);
    }

    public void testUserPropertiesBindThroughTheScratchPrefix() throws Exception {
        Properties user = new Properties();
        user.setProperty("scratch.linkage", "any");
        user.setProperty("scratch.executable", "/tmp/some-program");
        user.setProperty("scratch.sysroot", "/srv/root");
        user.setProperty("scratch.skip", "true");

        CheckMojo mojo = configuredMojo("check-defaults", user);

        assertEquals("any", mojo.linkage);
        assertEquals(new File("/tmp/some-program"), mojo.executable);
        assertEquals(new File("/srv/root"), mojo.sysroot);
        assertTrue(mojo.skip);
    }

    public void testSkipNamesTheParameterAndTouchesNothing() throws Exception {
        CheckMojo mojo = configuredMojo("check-configured", new Properties());
        List<String> lines = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add(content.toString());
            }
        });

        mojo.execute();

        assertEquals(List.of("Skipping scratch:check because <skip> (scratch.skip) is true"), lines);
        assertFalse(new File(mojo.buildDirectory, OutputFiles.CHECK_REPORT).exists());
    }

    public void testImageGoalsBindToContainerOutputPathsAndDockerClient() throws Exception {
        DockerBuildMojo mojo = (DockerBuildMojo) configuredMojo("image-configured", new Properties(), "dockerBuild");

        assertEquals("registry.example.com/team/app:2.0", mojo.to.image);
        assertEquals(List.of("latest", "stable"), mojo.to.tags);
        assertEquals("ci", mojo.to.auth.username);
        assertEquals("pw", mojo.to.auth.password);
        assertEquals("gcr", mojo.to.credHelper);
        ContainerConfiguration c = mojo.container;
        assertEquals("/opt/app", c.appRoot);
        assertEquals(List.of("/opt/app/run"), c.entrypoint);
        assertEquals(List.of("--port", "8080"), c.args);
        assertEquals(java.util.Map.of("MODE", "prod"), c.environment);
        assertEquals("/data", c.workingDirectory);
        assertEquals("0", c.user);
        assertEquals(List.of("8080", "53/udp"), c.ports);
        assertEquals(java.util.Map.of("team", "platform"), c.labels);
        assertEquals("Docker", c.format);
        assertEquals("EPOCH", c.creationTime);
        assertEquals("linux/arm64", c.platform);
        assertTrue(mojo.allowInsecureRegistries);
        assertEquals(Integer.valueOf(1), mojo.compressionLevel);
        assertEquals("gzip", mojo.compression);
        assertEquals("4G", mojo.cacheMaxSize);
        assertFalse(mojo.sendCredentialsOverHttp);
        assertTrue(mojo.outputPaths.tar.getPath().endsWith("target/out/app.tar"));
        assertTrue(mojo.outputPaths.digest.getPath().endsWith("target/out/app.digest"));
        assertEquals("podman", mojo.dockerClient.executable);
        assertEquals(List.of("--storage-driver=vfs"), mojo.dockerClient.options);
        assertEquals(java.util.Map.of("DOCKER_HOST", "unix:///x"), mojo.dockerClient.environment);
        assertEquals("2026-01-02T03:04:05Z", mojo.outputTimestamp);
    }

    public void testImageDefaultsAndCommandLineProperties() throws Exception {
        Properties user = new Properties();
        user.setProperty("scratch.to.image", "localhost:5000/cli:1");
        user.setProperty("scratch.to.tags", "a, b");
        user.setProperty("scratch.container.format", "OCI");
        user.setProperty("scratch.outputPaths.tar", "/tmp/cli.tar");
        user.setProperty("scratch.compressionLevel", "9");
        user.setProperty("scratch.compression", "zstd");
        user.setProperty("scratch.cacheMaxSize", "500M");
        BuildTarMojo mojo = (BuildTarMojo) configuredMojo("check-defaults", user, "buildTar");

        assertEquals("localhost:5000/cli:1", mojo.configuredImage().orElseThrow());
        assertEquals(List.of("a", "b"), mojo.tags());
        assertEquals("OCI", mojo.containerFormat);
        assertEquals(new File("/tmp/cli.tar"), mojo.outputTar);
        assertEquals(Integer.valueOf(9), mojo.compressionLevel);
        assertEquals("zstd", mojo.compression);
        assertEquals("500M", mojo.cacheMaxSize);
        assertEquals("the built-in caps, unless set", "8G", mojo.archiveMaxSize);
        assertEquals("1000000", mojo.archiveMaxEntries);
        assertEquals("/app", mojo.container.appRoot);
        assertEquals("65532:65532", mojo.container.user);
        assertFalse(mojo.allowInsecureRegistries);
        assertTrue("every image goal writes the SBOM unless told not to", mojo.sbom);
        assertFalse("attaching adds a tag to the repository: only when asked", mojo.attachSbom);
        assertNull(mojo.hardening);
    }

    public void testSupplyChainParametersBindThroughTheirProperties() throws Exception {
        Properties user = new Properties();
        user.setProperty("scratch.hardening", "pie,full-relro");
        user.setProperty("scratch.sbom", "false");
        user.setProperty("scratch.attachSbom", "true");
        BuildTarMojo mojo = (BuildTarMojo) configuredMojo("check-defaults", user, "buildTar");

        assertEquals("pie,full-relro", mojo.hardening);
        assertFalse(mojo.sbom);
        assertTrue(mojo.attachSbom);
    }

    public void testExtraDirectoriesBindAsInJibWithAPlainPathOrFromIntoAndGlobs() throws Exception {
        DockerBuildMojo mojo = (DockerBuildMojo) configuredMojo("image-configured", new Properties(), "dockerBuild");
        File basedir = new File(getBasedir(), "src/test/resources/unit/image-configured");

        List<Source> sources = ExtraDirectoryLayers.sources(mojo.extraDirectories, mojo.extraDirectoriesPaths,
                mojo.project.getBasedir());

        assertEquals(List.of(
                new Source(new File(basedir, "src/main/jib").toPath(), "/", List.of(), List.of()),
                new Source(new File(basedir, "conf").toPath(), "/opt/app", List.of("**/*.conf", "**/*.properties"),
                        List.of("secret/**"))), sources);
        assertEquals(List.of(new Permission("/opt/app/run.sh", "755"), new Permission("/opt/app/bin/*", "4755")),
                ExtraDirectoryLayers.permissions(mojo.extraDirectories, mojo.extraDirectoriesPermissions));
        assertTrue(mojo.allowSetuid);
    }

    public void testExtraDirectoriesFromTheCommandLineReplaceThePomAndTheDefaultNeedsTheDirectory() throws Exception {
        Properties user = new Properties();
        user.setProperty("scratch.extraDirectories.paths", "src/main/extra, /srv/shared");
        user.setProperty("scratch.extraDirectories.permissions", "/opt/run.sh=755,/opt/bin/*=700");
        DockerBuildMojo fromProperties = (DockerBuildMojo) configuredMojo("image-configured", user, "dockerBuild");
        BuildTarMojo defaults = (BuildTarMojo) configuredMojo("check-defaults", new Properties(), "buildTar");
        File basedir = fromProperties.project.getBasedir();

        assertEquals(List.of(Source.of(new File(basedir, "src/main/extra").toPath()), Source.of(Path.of("/srv/shared"))),
                ExtraDirectoryLayers.sources(fromProperties.extraDirectories, fromProperties.extraDirectoriesPaths, basedir));
        assertEquals(List.of(new Permission("/opt/run.sh", "755"), new Permission("/opt/bin/*", "700")),
                ExtraDirectoryLayers.permissions(fromProperties.extraDirectories, fromProperties.extraDirectoriesPermissions));
        assertNull(defaults.extraDirectories.paths);
        assertFalse(defaults.allowSetuid);
        Path project = Files.createTempDirectory("scratch-default-extra");
        assertEquals(List.of(), ExtraDirectoryLayers.sources(defaults.extraDirectories, null, project.toFile()));
        Path scratch = Files.createDirectories(project.resolve("src/main/scratch"));
        assertEquals(List.of(Source.of(scratch)), ExtraDirectoryLayers.sources(defaults.extraDirectories, null, project.toFile()));
    }

    public void testVolumesBindFromThePomNormalised() throws Exception {
        DockerBuildMojo mojo = (DockerBuildMojo) configuredMojo("image-configured", new Properties(), "dockerBuild");

        assertEquals(List.of("/data", "/var/cache/app/"), mojo.container.volumes);
        ContainerSettings settings = mojo.containerSettings();
        assertEquals(List.of("/data", "/var/cache/app"), settings.volumes());
        assertEquals("0", settings.user());
        assertEquals(Map.of("MODE", "prod"), settings.environment());
    }

    public void testIndexTakesItsImagesAndTargetFromTheCommandLine() throws Exception {
        Properties user = new Properties();
        user.setProperty("scratch.images", "localhost:5000/app:amd64, localhost:5000/app:arm64");
        user.setProperty("scratch.to.image", "localhost:5000/app:1.0");
        user.setProperty("scratch.to.tags", "latest");
        IndexMojo mojo = (IndexMojo) configuredMojo("check-defaults", user, "index");

        io.github.scratchimage.pipeline.IndexRequest request = mojo.request();

        assertEquals(List.of("localhost:5000/app:amd64", "localhost:5000/app:arm64"), request.images());
        assertEquals("localhost:5000/app:1.0", request.target().reference());
        assertEquals(List.of("latest"), request.target().extraTags());
        assertEquals(new File(mojo.buildDirectory, OutputFiles.DIGEST).toPath(), request.digest());
        assertEquals(new File(mojo.buildDirectory, OutputFiles.IMAGE_JSON).toPath(), request.imageJson());
    }

    public void testSigningKeyIsLoadedWhileTheRequestIsValidatedBeforeAnyRegistryIsCalled() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(getBasedir(), "target")), "signing-keys");
        Path p256 = dir.resolve("p256.pem");
        Path p384 = dir.resolve("p384.pem");
        io.github.scratchimage.signing.OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-out", p256.toString());
        io.github.scratchimage.signing.OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt",
                "ec_paramgen_curve:P-384", "-out", p384.toString());
        Properties user = new Properties();
        user.setProperty("scratch.images", "localhost:5000/app:amd64");
        user.setProperty("scratch.to.image", "localhost:5000/app:1.0");
        user.setProperty("scratch.signing.keyFile", p256.toString());
        IndexMojo signed = (IndexMojo) configuredMojo("check-defaults", user, "index");
        assertNotNull(signed.request().target().signingKey());

        user.setProperty("scratch.signing.keyFile", p384.toString());
        IndexMojo wrongCurve = (IndexMojo) configuredMojo("check-defaults", user, "index");
        io.github.scratchimage.signing.SigningKeyException failure = org.junit.Assert.assertThrows(
                io.github.scratchimage.signing.SigningKeyException.class, wrongCurve::request);
        assertTrue(failure.getMessage(), failure.getMessage().startsWith(p384 + ": it is an EC key on P-384"));

        user.remove("scratch.signing.keyFile");
        IndexMojo unsigned = (IndexMojo) configuredMojo("check-defaults", user, "index");
        assertNull(unsigned.request().target().signingKey());
    }

    public void testIndexWithoutAnImageNamesTheParameter() throws Exception {
        IndexMojo mojo = (IndexMojo) configuredMojo("check-defaults", new Properties(), "index");

        io.github.scratchimage.failure.InvalidInputException failure = org.junit.Assert.assertThrows(
                io.github.scratchimage.failure.InvalidInputException.class, mojo::request);
        assertTrue(failure.getMessage(), failure.getMessage().contains("-Dscratch.to.image="));
    }

    public void testContainerPropertiesWinOverThePomAsJibsDo() throws Exception {
        Properties user = new Properties();
        user.setProperty("scratch.container.user", "1000:1000");
        user.setProperty("scratch.container.labels", "team=search, tier=backend\\,edge");
        user.setProperty("scratch.container.environment", "MODE=test,URL=http://x/?a=b");
        user.setProperty("scratch.container.entrypoint", "/opt/app/run,--verbose");
        user.setProperty("scratch.container.args", "--port,9090,--name=a\\,b");
        user.setProperty("scratch.container.ports", "9090, 53/udp");
        user.setProperty("scratch.container.workingDirectory", "/srv");
        user.setProperty("scratch.container.volumes", "/cache,/data/");
        DockerBuildMojo mojo = (DockerBuildMojo) configuredMojo("image-configured", user, "dockerBuild");

        ContainerSettings settings = mojo.containerSettings();

        assertEquals("1000:1000", settings.user());
        assertEquals("search", settings.labels().get("team"));
        assertEquals("backend,edge", settings.labels().get("tier"));
        assertEquals(Map.of("MODE", "test", "URL", "http://x/?a=b"), settings.environment());
        assertEquals(Optional.of(List.of("/opt/app/run", "--verbose")), settings.entrypoint());
        assertEquals(List.of("--port", "9090", "--name=a,b"), settings.args());
        assertEquals(List.of("9090", "53/udp"), settings.ports());
        assertEquals(Optional.of("/srv"), settings.workingDirectory());
        assertEquals(List.of("/cache", "/data"), settings.volumes());
    }

    public void testAMapPropertyWithoutEqualsAndARelativeVolumeAreRefusedNamingTheProperty() throws Exception {
        Properties badLabels = new Properties();
        badLabels.setProperty("scratch.container.labels", "team");
        Properties badVolume = new Properties();
        badVolume.setProperty("scratch.container.volumes", "data");

        InvalidInputException labels = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ((DockerBuildMojo) configuredMojo("image-configured", badLabels, "dockerBuild")).containerSettings());
        InvalidInputException volume = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ((DockerBuildMojo) configuredMojo("image-configured", badVolume, "dockerBuild")).containerSettings());

        assertTrue(labels.getMessage(), labels.getMessage().contains("scratch.container.labels has 'team'"));
        assertTrue(volume.getMessage(), volume.getMessage().contains("scratch.container.volumes")
                && volume.getMessage().contains("'data' is not an absolute path"));
    }

    /**
     * Rootfs archive caps set lower than an ordinary archive (made by tar) refuse it, naming the
     * archive, the cap and the parameter; with the defaults the same archive builds.
     */
    public void testArchiveCapsFromTheirPropertiesRefuseAnArchivePastThemNamingArchiveCapAndParameter()
            throws Exception {
        Path work = Files.createTempDirectory("scratch-archive-caps");
        Path root = Files.createDirectories(work.resolve("rootfs/etc/app"));
        Files.writeString(root.resolve("one.conf"), "x".repeat(4096));
        Files.writeString(root.resolve("two.conf"), "y");
        Path archive = work.resolve("base.tar");
        TestExecutables.run(List.of("tar", "-C", work.resolve("rootfs").toString(), "-cf", archive.toString(), "."),
                "apt-get install tar");

        String entries = buildTarFailure(work, archive, "scratch.archiveMaxEntries", "2");
        assertTrue(entries, entries.startsWith(archive + ": entry "));
        assertTrue(entries, entries.contains(" is past the cap of 2 entries per rootfs archive"
                + " (<archiveMaxEntries>, scratch.archiveMaxEntries)"));
        String size = buildTarFailure(work, archive, "scratch.archiveMaxSize", "1K");
        assertTrue(size, size.startsWith(archive + ": entry ./etc/app/one.conf takes the extracted contents past the"
                + " cap of 1024 bytes (0 MiB) per rootfs archive (<archiveMaxSize>, scratch.archiveMaxSize)"));
        assertTrue(size, size.contains("raise <archiveMaxSize> only for an archive you trust"));

        buildTar(work, archive, new Properties()).execute();
        assertTrue(Files.isRegularFile(work.resolve("image.tar")));
    }

    private String buildTarFailure(Path work, Path archive, String property, String value) throws Exception {
        Properties user = new Properties();
        user.setProperty(property, value);
        try {
            buildTar(work, archive, user).execute();
        } catch (org.apache.maven.plugin.MojoFailureException expected) {
            return expected.getMessage();
        }
        throw new AssertionError(property + "=" + value + " did not refuse " + archive);
    }

    private BuildTarMojo buildTar(Path work, Path archive, Properties user) throws Exception {
        user.setProperty("scratch.executable", TestExecutables.hello(Toolchain.GCC_STATIC).toString());
        user.setProperty("scratch.outputPaths.tar", work.resolve("image.tar").toString());
        user.setProperty("scratch.cacheDirectory", work.resolve("cache").toString());
        BuildTarMojo mojo = (BuildTarMojo) configuredMojo("check-defaults", user, "buildTar");
        mojo.buildDirectory = work.resolve("target").toFile();
        mojo.rootfsArchives = List.of(archive.toFile());
        mojo.setLog(new SystemStreamLog());
        return mojo;
    }

    /** The properties end up in the image config that buildTar writes. */
    public void testContainerPropertiesReachTheImageConfig() throws Exception {
        Path work = Files.createTempDirectory("scratch-container-properties");
        Properties user = new Properties();
        user.setProperty("scratch.executable", TestExecutables.hello(Toolchain.GCC_STATIC).toString());
        user.setProperty("scratch.outputPaths.tar", work.resolve("image.tar").toString());
        user.setProperty("scratch.cacheDirectory", work.resolve("cache").toString());
        user.setProperty("scratch.container.user", "0");
        user.setProperty("scratch.container.volumes", "/data,/cache");
        user.setProperty("scratch.container.environment", "MODE=test");
        user.setProperty("scratch.container.labels", "team=search");
        user.setProperty("scratch.container.ports", "9090");
        user.setProperty("scratch.container.workingDirectory", "/srv");
        user.setProperty("scratch.container.args", "--port,9090");
        BuildTarMojo mojo = (BuildTarMojo) configuredMojo("check-defaults", user, "buildTar");
        mojo.buildDirectory = work.resolve("target").toFile();
        mojo.setLog(new SystemStreamLog());

        mojo.execute();

        JsonNode config = OciArchive.read(work.resolve("image.tar")).config().get("config");
        assertEquals("0", config.get("User").asText());
        assertEquals("{\"/data\":{},\"/cache\":{}}", config.get("Volumes").toString());
        assertEquals("[\"MODE=test\"]", config.get("Env").toString());
        assertEquals("search", config.get("Labels").get("team").asText());
        assertEquals("{\"9090/tcp\":{}}", config.get("ExposedPorts").toString());
        assertEquals("/srv", config.get("WorkingDir").asText());
        assertEquals("[\"--port\",\"9090\"]", config.get("Cmd").toString());
    }

    public void testUnknownNamesAreWarnedOnceWithTheNearestNameOrWhatAScratchImageUsesInstead() throws Exception {
        // Maven's configurator refuses unknown names (a real build ignores them), so the mojo is
        // configured from a clean POM and then given the project whose POM has them
        CheckMojo mojo = configuredMojo("check-defaults", new Properties());
        mojo.project = project("unknown-parameters", new Properties());
        mojo.buildDirectory = Files.createTempDirectory("scratch-unknown").toFile();
        List<String> warnings = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });

        assertEquals(List.of(
                "<linakge> is not a parameter of scratch-maven-plugin and is ignored: did you mean <linkage>?",
                "<from> is Jib's base image; a scratch image has none. What a base image brings comes from the runtime"
                        + " essentials (<caCertificates>, <timezones>, <users>, <tmp>) and your own files from"
                        + " <rootfsArchives> and <extraDirectories>: <from> is ignored.",
                "<container><usr> is not a parameter of scratch-maven-plugin and is ignored: did you mean"
                        + " <container><user>?",
                "<container><jvmFlags> is a JVM setting of Jib's; a native executable has no JVM: <jvmFlags> is ignored.",
                "<to><tgas> is not a parameter of scratch-maven-plugin and is ignored: did you mean <to><tags>?"),
                UnknownParameters.find(mojo.mojoExecution, mojo.project).subList(0, 5));
        String last = UnknownParameters.find(mojo.mojoExecution, mojo.project).get(5);
        assertTrue(last, last.startsWith("<somethingElseEntirely> is not a parameter of scratch-maven-plugin and is"
                + " ignored: the known names are ") && last.contains("linkage, "));

        // the check fails (no executable), but the warnings come first, once per build
        for (int run = 0; run < 2; run++) {
            try {
                mojo.execute();
            } catch (org.apache.maven.plugin.MojoFailureException expected) {
                // no executable in this project
            }
        }
        assertEquals(6, warnings.size());
        assertEquals("<linakge> is not a parameter of scratch-maven-plugin and is ignored: did you mean <linkage>?",
                warnings.get(0));
    }

    private MavenProject project(String project, Properties userProperties) throws Exception {
        File pom = new File(getBasedir(), "src/test/resources/unit/" + project + "/pom.xml");
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setBaseDirectory(pom.getParentFile());
        request.setUserProperties(userProperties);
        ProjectBuildingRequest building = request.getProjectBuildingRequest();
        building.setRepositorySession(new DefaultRepositorySystemSession());
        return lookup(ProjectBuilder.class).build(pom, building).getProject();
    }

    private CheckMojo configuredMojo(String project, Properties userProperties) throws Exception {
        return (CheckMojo) configuredMojo(project, userProperties, "check");
    }

    private org.apache.maven.plugin.Mojo configuredMojo(String project, Properties userProperties, String goal)
            throws Exception {
        MavenProject mavenProject = project(project, userProperties);
        MavenSession session = newMavenSession(mavenProject);
        session.getRequest().setUserProperties(userProperties);
        MojoExecution execution = newMojoExecution(goal);
        return lookupConfiguredMojo(session, execution);
    }
}
