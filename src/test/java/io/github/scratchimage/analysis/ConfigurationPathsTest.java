package io.github.scratchimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.ConfigurationPaths.NamedPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paths a configuration file names, and what does not read as one. */
class ConfigurationPathsTest {
    @TempDir
    Path work;

    private static List<String> paths(String text) {
        return ConfigurationPaths.scan(text).stream().map(NamedPath::path).toList();
    }

    @Test
    void anNginxConfigurationNamesItsPidLogAndTemporaryPaths() {
        String conf = """
                # the pid goes to /var/run/old.pid in the default configuration
                user www-data;
                pid /run/nginx.pid;
                error_log /var/log/nginx/error.log warn;
                include /etc/nginx/modules-enabled/*.conf;
                http {
                    client_body_temp_path /tmp/body 1 2;   # nginx creates it at start
                    access_log /var/log/nginx/$host.log;
                    server {
                        listen unix:/run/nginx.sock;
                        root "/srv/www/";
                        location /api/v1/ { proxy_pass http://backend/etc/x; }
                        location /static/ { alias /srv/static/; }
                        return 301 https://example.com/var/lib/page;
                    }
                }
                """;
        assertThat(ConfigurationPaths.scan(conf)).containsExactly(
                new NamedPath(3, "/run/nginx.pid"), new NamedPath(4, "/var/log/nginx/error.log"),
                new NamedPath(7, "/tmp/body"), new NamedPath(10, "/run/nginx.sock"), new NamedPath(11, "/srv/www"),
                new NamedPath(13, "/srv/static"));
    }

    @Test
    void otherSyntaxesAndTheirComments() {
        assertThat(paths("dir /var/lib/redis\n  # logfile /var/log/redis.log\nlogfile \"\"\n"))
                .containsExactly("/var/lib/redis");
        assertThat(paths("[cache]\n; path=/var/cache/ini\npath=/var/cache/app\nPATH=/usr/bin:/bin\n"))
                .containsExactly("/var/cache/app", "/usr/bin", "/bin");
        assertThat(paths("<dir>/opt/app/data</dir>\n{\"socket\": \"/run/app/app.sock\"}\n"))
                .containsExactly("/opt/app/data", "/run/app/app.sock");
        assertThat(paths("pid /run/a.pid; # was /run/b.pid\nhash=/run/c#d\n"))
                .as("a # after a blank starts a comment; inside a word it makes no path").containsExactly("/run/a.pid");
    }

    @Test
    void urlsGlobsVariablesDotsAndNonRootPathsAreNotPaths() {
        assertThat(paths("""
                upstream = http://127.0.0.1:8080/var/lib/x
                file = file:///etc/passwd
                logs = /var/log/*.log
                home = /home/${USER}
                cache = /var/cache/%s
                up = /etc/../var/x
                here = /etc/./x
                route = /api/v1/users
                ratio = 3/4
                root = /
                """)).isEmpty();
    }

    @Test
    void aPathTwiceOnALineCountsOnceAndCrLfEndsLines() {
        assertThat(ConfigurationPaths.scan("a /tmp/x /tmp/x\r\nb /tmp/x\r\n"))
                .containsExactly(new NamedPath(1, "/tmp/x"), new NamedPath(2, "/tmp/x"));
    }

    @Test
    void binaryAndLargeFilesAreNotRead() throws Exception {
        Path binary = Files.write(work.resolve("font.bin"), "pid /run/x.pid\0\1\2".getBytes());
        assertThat(ConfigurationPaths.read(binary)).isEmpty();

        byte[] large = new byte[ConfigurationPaths.MAX_BYTES + 1];
        byte[] line = "pid /run/x.pid\n".getBytes();
        for (int i = 0; i < large.length; i++) {
            large[i] = line[i % line.length];
        }
        assertThat(ConfigurationPaths.read(Files.write(work.resolve("huge.conf"), large))).isEmpty();

        Path text = Files.writeString(work.resolve("app.conf"), "pid /run/x.pid\n");
        assertThat(ConfigurationPaths.read(text)).containsExactly(new NamedPath(1, "/run/x.pid"));
    }
}
