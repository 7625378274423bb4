package org.secmlops.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where the engines' native libraries are cached when {@code secmlops.native.cache} is not set:
 * {@code ~/.secmlops/native} where the home folder can hold it, else (container images that run with a random
 * user id and {@code HOME=/}) a folder of this user's own in the temporary directory. A folder in the shared
 * temporary directory is used only if this user owns it and nobody else may write to it, since libraries
 * loaded from it run in the worker; otherwise a new private folder is made for this run.
 */
public final class NativeCacheLocation {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private NativeCacheLocation() {
    }

    /**
     * @param home      the user's home folder
     * @param temporary the temporary directory
     * @param user      the user name, to name the folder in the temporary directory
     */
    public static Path choose(Path home, Path temporary, String user) throws IOException {
        Path preferred = home.resolve(".secmlops").resolve("native");
        if (canHold(preferred)) {
            return preferred;
        }
        Path shared = temporary.resolve("secmlops-native-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            Files.createDirectory(shared, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made by an earlier run, or by someone else: checked below
        } catch (UnsupportedOperationException e) {
            return Files.createTempDirectory(temporary, "secmlops-native-");
        }
        if (ownedByMeAndPrivate(shared)) {
            return shared;
        }
        return Files.createTempDirectory(temporary, "secmlops-native-",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    private static boolean canHold(Path folder) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
    }

    private static boolean ownedByMeAndPrivate(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path probe = Files.createTempFile(folder.getParent(), "secmlops-owner", ".tmp");
        try {
            boolean mine = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS)
                    .equals(Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS));
            return mine && Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
