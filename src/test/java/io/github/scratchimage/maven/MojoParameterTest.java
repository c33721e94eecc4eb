package io.github.scratchimage.maven;

import io.github.scratchimage.image.content.ExtraDirectories.Permission;
import io.github.scratchimage.image.content.ExtraDirectories.Source;
import io.github.scratchimage.pipeline.OutputFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assertEquals(1, mojo.compressionLevel);
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
        BuildTarMojo mojo = (BuildTarMojo) configuredMojo("check-defaults", user, "buildTar");

        assertEquals("localhost:5000/cli:1", mojo.configuredImage().orElseThrow());
        assertEquals(List.of("a", "b"), mojo.tags());
        assertEquals("OCI", mojo.containerFormat);
        assertEquals(new File("/tmp/cli.tar"), mojo.outputTar);
        assertEquals(9, mojo.compressionLevel);
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

    private CheckMojo configuredMojo(String project, Properties userProperties) throws Exception {
        return (CheckMojo) configuredMojo(project, userProperties, "check");
    }

    private AbstractScratchMojo configuredMojo(String project, Properties userProperties, String goal)
            throws Exception {
        File pom = new File(getBasedir(), "src/test/resources/unit/" + project + "/pom.xml");
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setBaseDirectory(pom.getParentFile());
        request.setUserProperties(userProperties);
        ProjectBuildingRequest building = request.getProjectBuildingRequest();
        building.setRepositorySession(new DefaultRepositorySystemSession());
        MavenProject mavenProject = lookup(ProjectBuilder.class).build(pom, building).getProject();
        MavenSession session = newMavenSession(mavenProject);
        session.getRequest().setUserProperties(userProperties);
        MojoExecution execution = newMojoExecution(goal);
        return (AbstractScratchMojo) lookupConfiguredMojo(session, execution);
    }
}
