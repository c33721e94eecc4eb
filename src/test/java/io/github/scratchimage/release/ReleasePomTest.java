package io.github.scratchimage.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What Maven Central asks of a release's POM, checked so that a release does not fail at the end. */
class ReleasePomTest {
    private final Element project = read();

    @Test
    void thePomNamesWhereTheCodeAndTheIssuesAreAndWhoMakesIt() {
        assertThat(text(child(project, "scm"), "url")).startsWith("https://github.com/");
        assertThat(text(child(project, "scm"), "connection")).startsWith("scm:git:");
        assertThat(text(child(project, "issueManagement"), "url")).endsWith("/issues");
        assertThat(children(child(project, "developers"), "developer")).isNotEmpty();
        assertThat(text(child(project, "licenses"), "license")).isNotBlank();
        assertThat(text(project, "description")).isNotBlank();
    }

    @Test
    void theReleaseProfileAttachesSourcesAndJavadocAndSignsWithPinnedVersions() {
        Element release = children(child(project, "profiles"), "profile").stream()
                .filter(p -> text(p, "id").equals("release")).findFirst().orElseThrow();
        List<Element> plugins = children(child(child(release, "build"), "plugins"), "plugin");

        assertThat(plugins).extracting(p -> text(p, "artifactId"))
                .containsExactly("maven-source-plugin", "maven-javadoc-plugin", "maven-gpg-plugin");
        Element properties = child(project, "properties");
        for (Element plugin : plugins) {
            String version = text(plugin, "version");
            String resolved = version.startsWith("${")
                    ? text(properties, version.substring(2, version.length() - 1)) : version;
            assertThat(resolved).as(text(plugin, "artifactId")).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(children(child(plugin, "executions"), "execution")).as(text(plugin, "artifactId")).isNotEmpty();
        }
    }

    @Test
    void noSigningSecretIsInThePom() throws Exception {
        assertThat(java.nio.file.Files.readString(Path.of("pom.xml"))).doesNotContain("<passphrase>")
                .doesNotContain("<gpg.passphrase>");
    }

    private static Element read() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            Document document = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("cannot read pom.xml: " + e, e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<" + parent.getTagName() + "><" + name + ">").hasSize(1);
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }
}
