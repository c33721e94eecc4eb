package io.github.scratchimage.analysis;

import java.util.List;
import java.util.stream.Stream;

/**
 * The glibc functions that go through NSS (and so dlopen {@code libnss_*} modules and read
 * {@code /etc/nsswitch.conf}): the one list the advisor's evidence and the bundler's companions
 * both use, so that what the check warns about and what {@code linkage=bundle} adds agree.
 */
public final class GlibcNss {
    /** Host name and address lookups: the {@code hosts} database (files, dns). */
    public static final List<String> HOST_LOOKUPS = List.of("getaddrinfo", "getnameinfo", "gethostbyname",
            "gethostbyname_r", "gethostbyname2", "gethostbyname2_r", "gethostbyaddr", "gethostbyaddr_r",
            "gethostent", "gethostent_r");
    /** Users, groups, shadow, services and protocols: the {@code files} databases. */
    public static final List<String> FILE_LOOKUPS = List.of("getpwnam", "getpwnam_r", "getpwuid", "getpwuid_r",
            "getpwent", "getpwent_r", "getgrnam", "getgrnam_r", "getgrgid", "getgrgid_r", "getgrent", "getgrent_r",
            "getgrouplist", "initgroups", "getspnam", "getspnam_r", "getservbyname", "getservbyname_r",
            "getservbyport", "getservbyport_r", "getprotobyname", "getprotobyname_r", "getprotobynumber",
            "getprotobynumber_r");
    public static final List<String> ALL = Stream.concat(HOST_LOOKUPS.stream(), FILE_LOOKUPS.stream()).toList();

    private GlibcNss() {
    }
}
