package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.BadRecord;
import org.secmlops.core.data.DatasetException;

class TrafficLogTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadEveryFieldOfAGzipLogInOrder() throws Exception {
        Path log = new TrafficFile()
                .raw("{\"timestamp\":\"2026-12-02T10:15:00Z\",\"client\":\"10.1.2.3\",\"input\":[0.0,0.5,1],"
                        + "\"output\":[2.1,-0.3],\"label\":1,\"extra\":{\"a\":[1,2]}}")
                .raw("")
                .raw("{\"input\":[1,2,3]}")
                .write(dir.resolve("traffic.jsonl.gz"));
        List<TrafficRecord> records = new ArrayList<>();

        TrafficWindow window = TrafficLog.read(log, 3, records::add);

        assertThat(window.lines()).isEqualTo(2);
        assertThat(window.records()).isEqualTo(2);
        assertThat(window.badRecords()).isZero();
        TrafficRecord first = records.get(0);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.timestamp()).isEqualTo("2026-12-02T10:15:00Z");
        assertThat(first.client()).isEqualTo("10.1.2.3");
        assertThat(first.input()).containsExactly(0f, 0.5f, 1f);
        assertThat(first.output()).containsExactly(2.1f, -0.3f);
        assertThat(first.label()).isEqualTo(1);
        TrafficRecord second = records.get(1);
        assertThat(second.line()).isEqualTo(3);
        assertThat(second.client()).isEmpty();
        assertThat(second.output()).isNull();
        assertThat(second.label()).isEqualTo(-1);
    }

    @Test
    void shouldCountBadRecordsWithTheirLineNumbers() throws Exception {
        TrafficFile file = new TrafficFile();
        for (int i = 0; i < 70; i++) {
            file.add("c" + i, new float[] {i, i, i}, null, -1);
        }
        file.raw("not json").raw("{\"input\":[1,2]}").raw("{\"input\":[1,\"x\",3]}")
                .raw("{\"client\":\"a\"}").raw("{\"input_path\":\"a.png\"}").raw("[1,2,3]")
                .raw("{\"input\":[1,2,3],\"label\":-4}");
        List<TrafficRecord> records = new ArrayList<>();

        TrafficWindow window = TrafficLog.read(file.write(dir.resolve("t.jsonl")), 3, records::add);

        assertThat(records).hasSize(70);
        assertThat(window.badRecords()).isEqualTo(7);
        assertThat(window.badExamples()).extracting(BadRecord::line).containsExactly(71L, 72L, 73L, 74L, 75L, 76L,
                77L);
        assertThat(window.badExamples()).extracting(BadRecord::reason).containsExactly(
                window.badExamples().get(0).reason(), "input has 2 values, the reference 3",
                "input value 2 is not a number", "no input",
                "input_path needs a reference of images (a folder of class folders); log the input values",
                "not a JSON object",
                "label is not a class index 0..9999");
        assertThat(window.badExamples().get(0).reason()).startsWith("not valid JSON");
    }

    @Test
    void shouldRefuseAWindowWithMoreThanTenPercentBadRecords() throws Exception {
        TrafficFile file = new TrafficFile();
        for (int i = 0; i < 17; i++) {
            file.add("c", new float[] {1, 2, 3}, null, -1);
        }
        file.raw("{\"input\":[1,2]}").raw("{broken");
        Path log = file.write(dir.resolve("t.jsonl"));

        assertThatThrownBy(() -> TrafficLog.read(log, 3, r -> { }))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 of 19 lines")
                .hasMessageContaining("line 18: input has 2 values, the reference 3");
        file.add("c", new float[] {1, 2, 3}, null, -1);
        assertThat(TrafficLog.read(file.write(dir.resolve("u.jsonl")), 3, r -> { }).badRecords()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnEmptyWindowAndAWrongInputWidthClearly() throws Exception {
        Path empty = new TrafficFile().raw("").write(dir.resolve("empty.jsonl"));
        assertThatThrownBy(() -> TrafficLog.read(empty, 3, r -> { }))
                .isInstanceOf(DatasetException.class).hasMessageContaining("holds no valid record (0 non-blank lines)");

        TrafficFile wide = new TrafficFile();
        for (int i = 0; i < 5; i++) {
            wide.add("c", new float[784], null, -1);
        }
        Path log = wide.write(dir.resolve("wide.jsonl"));
        assertThatThrownBy(() -> TrafficLog.read(log, 64, r -> { }))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds no valid record")
                .hasMessageContaining("line 1: input has 784 values, the reference 64");
        assertThatThrownBy(() -> TrafficLog.read(dir.resolve("missing.jsonl"), 3, r -> { }))
                .isInstanceOf(DatasetException.class).hasMessageContaining("Traffic log not found");
    }
}
