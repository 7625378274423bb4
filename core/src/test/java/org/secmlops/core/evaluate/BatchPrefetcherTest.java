package org.secmlops.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.data.ShardedBatches;
import org.secmlops.core.result.Shard;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.SampleSource;

class BatchPrefetcherTest {
    @TempDir
    Path dir;

    private SampleSource csv(String content) throws Exception {
        return Datasets.open(DataSpec.of(Files.writeString(dir.resolve("d.csv"), content)).withLabelColumn("y"));
    }

    @Test
    void shouldHandOverEveryBatchInOrderWithItsPreparedInputs() throws Exception {
        StringBuilder data = new StringBuilder("x,y\n");
        for (int i = 0; i < 10; i++) {
            data.append(i).append(',').append(i % 2).append('\n');
        }
        List<String> ids = new ArrayList<>();
        List<Float> inputs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (SampleSource source = csv(data.toString());
             BatchPrefetcher prefetcher = new BatchPrefetcher(source, new ShardedBatches(source, Shard.WHOLE, 4, Long.MAX_VALUE), batch -> {
                 float[][] doubled = new float[batch.size()][1];
                 for (int i = 0; i < batch.size(); i++) {
                     doubled[i][0] = batch.features()[i][0] * 2;
                 }
                 return doubled;
             })) {
            for (BatchPrefetcher.Prepared p = prefetcher.next(); p != null; p = prefetcher.next()) {
                sizes.add(p.batch().size());
                ids.addAll(p.batch().ids());
                for (float[] row : p.inputs()) {
                    inputs.add(row[0]);
                }
            }
            assertThat(prefetcher.next()).isNull();
        }

        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(ids).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8",
                "line 9", "line 10", "line 11");
        assertThat(inputs).containsExactly(0f, 2f, 4f, 6f, 8f, 10f, 12f, 14f, 16f, 18f);
    }

    @Test
    void shouldReportAMalformedRowAtTheBatchThatHoldsItAfterTheGoodOnes() throws Exception {
        try (SampleSource source = csv("x,y\n1,0\n2,1\nNaN,0\n4,1\n");
             BatchPrefetcher prefetcher = new BatchPrefetcher(source, new ShardedBatches(source, Shard.WHOLE, 2, Long.MAX_VALUE), batch -> batch.features())) {
            assertThat(prefetcher.next().batch().ids()).containsExactly("line 2", "line 3");
            assertThatThrownBy(prefetcher::next).isInstanceOf(DatasetException.class).hasMessageContaining("line 4");
            assertThat(prefetcher.next()).isNull();
        }
    }

    @Test
    void shouldPassOnAPreparationFailure() throws Exception {
        try (SampleSource source = csv("x,y\n1,0\n2,1\n");
             BatchPrefetcher prefetcher = new BatchPrefetcher(source, new ShardedBatches(source, Shard.WHOLE, 2, Long.MAX_VALUE), batch -> {
                 throw new IllegalStateException("preprocessing refused the batch");
             })) {
            assertThatThrownBy(prefetcher::next).isInstanceOf(IllegalStateException.class)
                    .hasMessage("preprocessing refused the batch");
        }
    }
}
