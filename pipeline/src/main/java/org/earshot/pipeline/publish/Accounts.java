package org.earshot.pipeline.publish;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.earshot.schemas.Json;

/**
 * The accounts file: a JSON list of {@link Account}s, readable by its owner only. {@code earshot accounts} writes it;
 * the Publish job reads it again whenever it changes, so an account added while the job runs is used at once.
 */
public final class Accounts {
    private final Path file;
    private FileTime readAt;
    private TreeMap<String, Account> byName = new TreeMap<>();

    public Accounts(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The account of this name, as the file says now. */
    public synchronized Optional<Account> find(String name) {
        refresh();
        return Optional.ofNullable(byName.get(name));
    }

    public synchronized List<Account> all() {
        refresh();
        return new ArrayList<>(byName.values());
    }

    /** Adds or replaces an account (refused, naming the field, when it cannot work). */
    public synchronized void put(Account account) throws IOException {
        String problem = account.problem();
        if (problem != null) throw new IllegalArgumentException(problem);
        refresh();
        byName.put(account.name, account);
        write();
    }

    /** Removes an account; false when there is none. */
    public synchronized boolean remove(String name) throws IOException {
        refresh();
        if (byName.remove(name) == null) return false;
        write();
        return true;
    }

    private void refresh() {
        try {
            if (!Files.exists(file)) {
                byName = new TreeMap<>();
                readAt = null;
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(readAt)) return;
            List<Account> list = Json.mapper().readValue(file.toFile(), new TypeReference<List<Account>>() {});
            TreeMap<String, Account> read = new TreeMap<>();
            for (Account a : list) read.put(a.name, a);
            byName = read;
            readAt = modified;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the accounts file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(new ArrayList<>(byName.values())));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        readAt = null;
    }
}
