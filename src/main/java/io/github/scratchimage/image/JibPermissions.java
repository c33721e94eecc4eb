package io.github.scratchimage.image;

import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Jib permissions for a mode that may carry the setuid, setgid or sticky bit.
 *
 * <p>Why reflection: jib-build-plan 0.4.0's public factories accept only {@code 000}-{@code 777}
 * ({@code fromOctalString} checks {@code [0-7][0-7][0-7]}; {@code fromPosixFilePermissions} has no
 * special bits), yet its layer writer does {@code mode & ~0777 | getPermissionBits()}, so bits
 * above 0777 reach the tar unchanged. The package-private {@code FilePermissions(int)} constructor
 * is the only way to hand it those bits; TarTargetTest-like tests check the tar keeps them. Plain
 * modes take the public factory.
 */
final class JibPermissions {
    private JibPermissions() {
    }

    static FilePermissions of(int mode) {
        if ((mode & ~0777) == 0) {
            return FilePermissions.fromOctalString(String.format("%03o", mode));
        }
        try {
            Constructor<FilePermissions> constructor = FilePermissions.class.getDeclaredConstructor(int.class);
            constructor.setAccessible(true);
            return constructor.newInstance(mode & 07777);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException | RuntimeException e) {
            throw new IllegalStateException("this Jib version cannot write mode " + Integer.toOctalString(mode)
                    + " (FilePermissions(int) is gone or inaccessible); setuid, setgid and sticky bits need it", e);
        }
    }
}
