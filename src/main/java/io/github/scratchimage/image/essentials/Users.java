package io.github.scratchimage.image.essentials;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users essential: {@code /etc/passwd} and {@code /etc/group} with the three accounts
 * distroless images define, same ids, names and homes, so images and Kubernetes
 * {@code runAsUser} settings move between the two unchanged. The home directories themselves are
 * not created: owners are always 0:0 in our layers, so a {@code /home/nonroot} would not be
 * writable by nonroot anyway.
 */
public final class Users {
    public static final String LAYER_NAME = "users";

    /** One account: user and group share the name and the id, as in distroless. */
    public record Account(String name, int id, String home) {
    }

    public static final List<Account> ACCOUNTS = List.of(
            new Account("root", 0, "/root"),
            new Account("nobody", 65534, "/nonexistent"),
            new Account("nonroot", 65532, "/home/nonroot"));

    private Users() {
    }

    public static EssentialLayer layer(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        StringBuilder passwd = new StringBuilder();
        StringBuilder group = new StringBuilder();
        for (Account account : ACCOUNTS) {
            passwd.append(account.name()).append(":x:").append(account.id()).append(':').append(account.id())
                    .append(':').append(account.name()).append(':').append(account.home()).append(":/sbin/nologin\n");
            group.append(account.name()).append(":x:").append(account.id()).append(":\n");
        }
        Path passwdFile = Files.writeString(workDir.resolve("passwd"), passwd, StandardCharsets.US_ASCII);
        Path groupFile = Files.writeString(workDir.resolve("group"), group, StandardCharsets.US_ASCII);
        LayerSpec layer = new LayerSpec(LAYER_NAME, List.of(
                new LayerFile(passwdFile, "/etc/passwd", "644"),
                new LayerFile(groupFile, "/etc/group", "644")));
        return new EssentialLayer(layer, Map.of(), "root (0), nonroot (65532), nobody (65534)");
    }

    /**
     * Checks that the image's {@code user} ({@code 65532:65532}, {@code nonroot}, {@code 0},
     * {@code root:root}, {@code uid:gid}) names accounts {@link #layer} defines.
     */
    public static void check(String user) throws EssentialsException {
        Accounts ours = new Accounts(ACCOUNTS.stream().map(Account::name).toList(),
                ACCOUNTS.stream().map(a -> String.valueOf(a.id())).toList());
        check(user, ours, Optional.of(ours), "the image's /etc/passwd and /etc/group ("
                + ACCOUNTS.stream().map(a -> a.name() + " " + a.id()).toList() + ")",
                "use nonroot or 65532:65532 (or root/0, nobody/65534), or provide your own /etc/passwd"
                        + " through a rootfs archive or an extra directory");
    }

    /**
     * Checks {@code user} against an {@code /etc/passwd} (and {@code /etc/group}, when there is one)
     * that the user's own content brings, described by {@code where} for the message. Without a
     * group file a numeric group passes: runtimes need the file only to resolve names.
     */
    public static void check(String user, String passwd, Optional<String> group, String where)
            throws EssentialsException {
        check(user, Accounts.parse(passwd), group.map(Accounts::parse), where,
                "add the account to that file, or set <container><user> to one it defines");
    }

    private static void check(String user, Accounts users, Optional<Accounts> groups, String where, String fix)
            throws EssentialsException {
        String[] parts = user.split(":", -1);
        if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            throw new EssentialsException(user, "is not a user", "write user, uid, user:group or uid:gid");
        }
        if (!users.has(parts[0])) {
            throw new EssentialsException(user, "names the user " + parts[0] + ", which is not in " + where, fix);
        }
        if (parts.length == 2 && (groups.isPresent() ? !groups.get().has(parts[1]) : !parts[1].matches("\\d+"))) {
            throw new EssentialsException(user, "names the group " + parts[1] + ", which is not in " + where, fix);
        }
    }

    /** The first user or group name (not a numeric id) in {@code user:group}; empty for {@code uid:gid}. */
    public static Optional<String> firstName(String user) {
        return java.util.Arrays.stream(user.split(":", -1)).filter(part -> !part.matches("\\d+")).findFirst();
    }

    /** {@code user} names at least one account by name, and every name is one {@link #layer} defines. */
    public static boolean definesEveryName(String user) {
        List<String> names = ACCOUNTS.stream().map(Account::name).toList();
        String[] parts = user.split(":", -1);
        return firstName(user).isPresent() && parts.length <= 2
                && java.util.Arrays.stream(parts).allMatch(p -> p.matches("\\d+") || names.contains(p));
    }

    /** Names and numeric ids of the accounts in a passwd or group file. */
    private record Accounts(List<String> names, List<String> ids) {
        static Accounts parse(String file) {
            List<String> names = new java.util.ArrayList<>();
            List<String> ids = new java.util.ArrayList<>();
            for (String line : file.split("\n")) {
                String[] fields = line.split(":", -1);
                if (!line.startsWith("#") && fields.length >= 3) {
                    names.add(fields[0]);
                    ids.add(fields[2]);
                }
            }
            return new Accounts(names, ids);
        }

        boolean has(String nameOrId) {
            return names.contains(nameOrId) || ids.contains(nameOrId);
        }
    }
}
