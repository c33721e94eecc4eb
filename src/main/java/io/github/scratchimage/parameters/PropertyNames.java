package io.github.scratchimage.parameters;



/** Every user property the plugin reads, in one place: they are part of the documented contract. */
public final class PropertyNames {
    public static final String SKIP = "scratch.skip";
    public static final String EXECUTABLE = "scratch.executable";
    public static final String EXECUTABLES = "scratch.executables";
    public static final String LINKAGE = "scratch.linkage";
    public static final String SYSROOT = "scratch.sysroot";
    public static final String TO_IMAGE = "scratch.to.image";
    public static final String TO_TAGS = "scratch.to.tags";
    public static final String TO_CRED_HELPER = "scratch.to.credHelper";
    public static final String TO_AUTH_USERNAME = "scratch.to.auth.username";
    public static final String TO_AUTH_PASSWORD = "scratch.to.auth.password";
    public static final String CONTAINER_FORMAT = "scratch.container.format";
    public static final String CONTAINER_USER = "scratch.container.user";
    public static final String CONTAINER_LABELS = "scratch.container.labels";
    public static final String CONTAINER_ENVIRONMENT = "scratch.container.environment";
    public static final String CONTAINER_ENTRYPOINT = "scratch.container.entrypoint";
    public static final String CONTAINER_ARGS = "scratch.container.args";
    public static final String CONTAINER_PORTS = "scratch.container.ports";
    public static final String CONTAINER_WORKING_DIRECTORY = "scratch.container.workingDirectory";
    public static final String CONTAINER_VOLUMES = "scratch.container.volumes";
    public static final String ALLOW_INSECURE_REGISTRIES = "scratch.allowInsecureRegistries";
    public static final String SEND_CREDENTIALS_OVER_HTTP = "scratch.sendCredentialsOverHttp";
    public static final String OUTPUT_TAR = "scratch.outputPaths.tar";
    public static final String DOCKER_EXECUTABLE = "scratch.dockerClient.executable";
    public static final String CACHE_DIRECTORY = "scratch.cacheDirectory";
    public static final String COMPRESSION_LEVEL = "scratch.compressionLevel";
    public static final String COMPRESSION = "scratch.compression";
    public static final String CACHE_MAX_SIZE = "scratch.cacheMaxSize";
    public static final String CA_CERTIFICATES = "scratch.caCertificates";
    public static final String TIMEZONES = "scratch.timezones";
    public static final String USERS = "scratch.users";
    public static final String TMP = "scratch.tmp";
    public static final String FAIL_ON_WARNINGS = "scratch.failOnWarnings";
    public static final String ACKNOWLEDGE = "scratch.acknowledge";
    public static final String ALLOW_SETUID = "scratch.allowSetuid";
    public static final String ARCHIVE_MAX_SIZE = "scratch.archiveMaxSize";
    public static final String ARCHIVE_MAX_ENTRIES = "scratch.archiveMaxEntries";
    public static final String EXTRA_DIRECTORIES_PATHS = "scratch.extraDirectories.paths";
    public static final String EXTRA_DIRECTORIES_PERMISSIONS = "scratch.extraDirectories.permissions";
    /** The {@code index} goal's {@code <images>}: the pushed images merged into one index. */
    public static final String IMAGES = "scratch.images";
    public static final String HARDENING = "scratch.hardening";
    public static final String SBOM = "scratch.sbom";
    public static final String ATTACH_SBOM = "scratch.attachSbom";
    public static final String SIGNING_KEY_FILE = "scratch.signing.keyFile";

    private PropertyNames() {
    }
}
