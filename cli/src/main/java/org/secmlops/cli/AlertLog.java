package org.secmlops.cli;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.secmlops.core.monitor.FollowListener;
import org.secmlops.core.monitor.MonitorAlert;

/**
 * The live monitor's alerts as JSON Lines, appended to a file and flushed after each, so that a reader sees every
 * alert as soon as the request it is about was decided.
 */
final class AlertLog implements FollowListener, AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    private AlertLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens the file for appending, creating it and its folder where missing. */
    static AlertLog open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a FileOutputStream, not a channel: an interrupt while the monitor stops must not close it
        return new AlertLog(file, new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.toFile(), true),
                StandardCharsets.UTF_8)));
    }

    @Override
    public void alert(MonitorAlert alert) {
        try {
            out.write(alert.jsonLine());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the alert to " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
