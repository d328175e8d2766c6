package org.earshot.jobs.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only their owner may read: created with those permissions in the same call,
 * so that no other user can open them in the moment between creating and restricting.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates {@code dir} and its missing parents as 0700, and makes {@code dir} itself 0700 if it existed. */
    static void createDirectories(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Path parent = dir.getParent();
            if (parent != null && !Files.isDirectory(parent)) Files.createDirectories(parent);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } catch (FileAlreadyExistsException raced) {
                // Another process made it first: restrict it below.
            }
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIRECTORY)) Files.setPosixFilePermissions(dir, DIRECTORY);
    }

    /** Creates a new file (failing if it exists) that only its owner may read and write. */
    static void createFile(Path file) throws IOException {
        if (posix(file.getParent())) Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        else Files.createFile(file);
    }

    /** The attribute that creates a file 0600, or none where the file system has no POSIX permissions. */
    static FileAttribute<?>[] fileAttributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path anyPath) {
        Path p = anyPath == null ? Path.of(".") : anyPath;
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
