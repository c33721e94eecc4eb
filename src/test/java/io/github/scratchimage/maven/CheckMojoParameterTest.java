package io.github.scratchimage.maven;

import java.io.File;
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

/** Parameter binding as Maven does it: POM configuration, expressions, defaults and -D properties. */
public class CheckMojoParameterTest extends AbstractMojoTestCase {

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
        assertFalse(new File(mojo.buildDirectory, AbstractScratchMojo.CHECK_REPORT).exists());
    }

    private CheckMojo configuredMojo(String project, Properties userProperties) throws Exception {
        File pom = new File(getBasedir(), "src/test/resources/unit/" + project + "/pom.xml");
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setBaseDirectory(pom.getParentFile());
        request.setUserProperties(userProperties);
        ProjectBuildingRequest building = request.getProjectBuildingRequest();
        building.setRepositorySession(new DefaultRepositorySystemSession());
        MavenProject mavenProject = lookup(ProjectBuilder.class).build(pom, building).getProject();
        MavenSession session = newMavenSession(mavenProject);
        session.getRequest().setUserProperties(userProperties);
        MojoExecution execution = newMojoExecution("check");
        return (CheckMojo) lookupConfiguredMojo(session, execution);
    }
}
