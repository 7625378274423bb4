package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.DatasetException;

/** Following a log as a model server writes it: growth, partial lines, truncation, rotation. */
class LogTailTest {
    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> drain(LogTail tail) throws Exception {
        List<String> out = new ArrayList<>();
        for (LogTail.Line line = tail.next(); line != null; line = tail.next()) {
            out.add(line.number() + ":" + (line.text() != null ? line.text() : "!" + line.problem()));
        }
        return out;
    }

    @Test
    void shouldHandOutCompleteLinesOnlyAndTheRestWhenItsNewlineArrives() throws Exception {
        Path log = dir.resolve("traffic.jsonl");
        append(log, "first\nsec");
        try (LogTail tail = LogTail.open(log, false, progress::add)) {
            assertThat(drain(tail)).containsExactly("1:first");
            append(log, "ond\r\n\nthird");
            assertThat(drain(tail)).containsExactly("2:second", "3:");
            append(log, "\n");
            assertThat(drain(tail)).containsExactly("4:third");
            assertThat(drain(tail)).isEmpty();
        }
    }

    @Test
    void shouldStartAfterTheCompleteLinesWhenAskedToStartAtTheEnd() throws Exception {
        Path log = dir.resolve("traffic.jsonl");
        append(log, "old 1\nold 2\nbeing writ");
        try (LogTail tail = LogTail.open(log, true, progress::add)) {
            assertThat(drain(tail)).isEmpty();
            append(log, "ten\nnew\n");
            assertThat(drain(tail)).containsExactly("3:being written", "4:new");
        }
    }

    @Test
    void shouldReadATruncatedLogFromItsStart() throws Exception {
        Path log = dir.resolve("traffic.jsonl");
        append(log, "one\ntwo\n");
        try (LogTail tail = LogTail.open(log, false, progress::add)) {
            assertThat(drain(tail)).containsExactly("1:one", "2:two");
            Files.writeString(log, "x\n");
            assertThat(drain(tail)).containsExactly("1:x");
            assertThat(progress).anyMatch(p -> p.contains("was truncated"));
        }
    }

    @Test
    void shouldFinishTheRotatedFileAndFollowTheNewOne() throws Exception {
        Path log = dir.resolve("traffic.jsonl");
        append(log, "one\n");
        try (LogTail tail = LogTail.open(log, false, progress::add)) {
            assertThat(drain(tail)).containsExactly("1:one");
            append(log, "two\nunterminated");
            Files.move(log, dir.resolve("traffic.jsonl.1"));
            assertThat(drain(tail)).as("no new file yet: the old one is kept").containsExactly("2:two");
            append(log, "fresh\n");
            assertThat(drain(tail)).containsExactly("3:unterminated", "1:fresh");
            assertThat(progress).anyMatch(p -> p.contains("was rotated"));
            append(log, "more\n");
            assertThat(drain(tail)).containsExactly("2:more");
        }
    }

    @Test
    void shouldReportBadTextAndOverlongLinesAsProblems() throws Exception {
        Path log = dir.resolve("traffic.jsonl");
        try (OutputStream out = Files.newOutputStream(log)) {
            out.write(new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
            byte[] big = new byte[(8 << 20) + 10];
            java.util.Arrays.fill(big, (byte) 'a');
            out.write(big);
            out.write("\nafter\n".getBytes(StandardCharsets.UTF_8));
        }
        try (LogTail tail = LogTail.open(log, false, progress::add)) {
            assertThat(drain(tail)).containsExactly("1:ok", "2:!not UTF-8 text", "3:!line longer than 8 MiB",
                    "4:after");
        }
    }

    @Test
    void shouldRefuseAGzipLogAndAMissingOne() throws Exception {
        Path gz = dir.resolve("traffic.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("{}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> LogTail.open(gz, false, progress::add)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("gzip-compressed");
        assertThatThrownBy(() -> LogTail.open(dir.resolve("none.jsonl"), false, progress::add))
                .isInstanceOf(DatasetException.class).hasMessageContaining("not found");
    }
}
