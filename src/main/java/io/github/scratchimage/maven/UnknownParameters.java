package io.github.scratchimage.maven;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The names in this plugin's configuration that it does not know, each with what to write
 * instead: the nearest known name ({@code <linakge>}: did you mean {@code <linkage>}?), or for
 * jib-maven-plugin's own names what a scratch image uses instead. Maven ignores an unknown
 * element, so a typo would otherwise build an image without the setting.
 *
 * <p>Read from the project's model (the plugin's and this execution's {@code <configuration>}),
 * because Maven keeps only the known parameters in {@link MojoExecution#getConfiguration()}; that
 * is read too. A name is known when any goal of the plugin has it, since a plugin-level
 * configuration is shared by every goal; one level below, the children of {@code <to>},
 * {@code <container>} and the other configuration objects are checked against their fields.
 */
final class UnknownParameters {
    /** Parameters whose value is one of our configuration classes, checked one level down. */
    private static final Map<String, Class<?>> OBJECTS = Map.of(
            "to", ToConfiguration.class,
            "container", ContainerConfiguration.class,
            "outputPaths", OutputPathsConfiguration.class,
            "dockerClient", DockerClientConfiguration.class,
            "extraDirectories", ExtraDirectoriesConfiguration.class,
            "signing", SigningConfiguration.class);

    /** jib-maven-plugin's names that have no counterpart here, and what to use instead. */
    private static final Map<String, String> JIB = Map.of(
            "from", "<from> is Jib's base image; a scratch image has none. What a base image brings comes from the"
                    + " runtime essentials (<caCertificates>, <timezones>, <users>, <tmp>) and your own files from"
                    + " <rootfsArchives> and <extraDirectories>",
            "container.jvmFlags", "<container><jvmFlags> is a JVM setting of Jib's; a native executable has no JVM",
            "container.mainClass", "<container><mainClass> is a JVM setting of Jib's; the entrypoint is the"
                    + " executable itself (or <container><entrypoint>)",
            "container.extraClasspath", "<container><extraClasspath> is a JVM setting of Jib's; a native executable"
                    + " has no class path",
            "containerizingMode", "<containerizingMode> is Jib's choice between classes and a jar; the image holds"
                    + " the native executable",
            "pluginExtensions", "<pluginExtensions> are Jib's extensions; this plugin has none");

    private UnknownParameters() {
    }

    /** One message per unknown name, in the order the POM has them. */
    static List<String> find(MojoExecution execution, MavenProject project) {
        if (execution == null || execution.getMojoDescriptor() == null) {
            return List.of();
        }
        PluginDescriptor plugin = execution.getMojoDescriptor().getPluginDescriptor();
        Set<String> known = knownParameters(plugin, execution.getMojoDescriptor());
        Set<String> messages = new LinkedHashSet<>();
        for (Xpp3Dom configuration : configurations(execution, project, plugin)) {
            for (Xpp3Dom child : configuration.getChildren()) {
                String name = child.getName();
                if (!known.contains(name)) {
                    messages.add(message("", name, known));
                } else if (OBJECTS.containsKey(name)) {
                    Set<String> fields = fields(OBJECTS.get(name));
                    for (Xpp3Dom grandchild : child.getChildren()) {
                        if (!fields.contains(grandchild.getName())) {
                            messages.add(message(name, grandchild.getName(), fields));
                        }
                    }
                }
            }
        }
        return List.copyOf(messages);
    }

    private static String message(String parent, String name, Set<String> known) {
        String key = parent.isEmpty() ? name : parent + "." + name;
        if (JIB.containsKey(key)) {
            return JIB.get(key) + ": <" + name + "> is ignored.";
        }
        String element = (parent.isEmpty() ? "" : "<" + parent + ">") + "<" + name + ">";
        String prefix = element + " is not a parameter of scratch-maven-plugin and is ignored: ";
        Optional<String> nearest = nearest(name, known);
        if (nearest.isPresent()) {
            return prefix + "did you mean " + (parent.isEmpty() ? "" : "<" + parent + ">") + "<" + nearest.get() + ">?";
        }
        return prefix + "the known names " + (parent.isEmpty() ? "are " : "in <" + parent + "> are ")
                + String.join(", ", new TreeSet<>(known)) + " (scratch:help -Ddetail lists them)";
    }

    /** The closest name by edit distance, when it is close enough to be the one meant. */
    static Optional<String> nearest(String name, Set<String> known) {
        return known.stream()
                .map(k -> Map.entry(k, distance(name.toLowerCase(), k.toLowerCase())))
                .filter(e -> e.getValue() <= Math.max(2, Math.min(name.length(), e.getKey().length()) / 3))
                .min(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static Set<String> knownParameters(PluginDescriptor plugin, MojoDescriptor current) {
        Set<String> known = new TreeSet<>();
        List<MojoDescriptor> mojos = plugin != null && plugin.getMojos() != null ? plugin.getMojos() : List.of(current);
        for (MojoDescriptor mojo : mojos) {
            if (mojo.getParameters() == null) {
                continue;
            }
            for (Parameter parameter : mojo.getParameters()) {
                known.add(parameter.getName());
                if (parameter.getAlias() != null) {
                    known.add(parameter.getAlias());
                }
            }
        }
        return known;
    }

    private static List<Xpp3Dom> configurations(MojoExecution execution, MavenProject project,
            PluginDescriptor descriptor) {
        List<Xpp3Dom> configurations = new ArrayList<>();
        if (execution.getConfiguration() != null) {
            configurations.add(execution.getConfiguration());
        }
        if (project == null || descriptor == null) {
            return configurations;
        }
        Plugin plugin = project.getPlugin(descriptor.getPluginLookupKey());
        if (plugin == null) {
            return configurations;
        }
        if (plugin.getConfiguration() instanceof Xpp3Dom dom) {
            configurations.add(dom);
        }
        PluginExecution own = plugin.getExecutionsAsMap().get(execution.getExecutionId());
        if (own != null && own.getConfiguration() instanceof Xpp3Dom dom) {
            configurations.add(dom);
        }
        return configurations;
    }

    private static Set<String> fields(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                names.add(field.getName());
            }
        }
        return names;
    }
}
