package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.PreprocessingSpec;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.run.Measurement;
import org.secmlops.testsupport.ExternalData;

/**
 * Fashion-MNIST (Debian dataset-fashion-mnist): the 60,000 training images, 8-bit pixels mapped onto 0..1, are the
 * reference; test images are served, 784 values per request. Drift is found in a noisy, darker window only.
 */
class FashionMonitorTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindDriftInCorruptedImagesOnly() throws Exception {
        Path fashion = ExternalData.fashionMnist();
        DataSpec reference = DataSpec.of(fashion.resolve("train-images-idx3-ubyte.gz"));
        PreprocessingSpec range = PreprocessingSpec.builder().inputRange(0f, 1f).build();
        List<float[]> served = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (SampleSource test = Datasets.open(DataSpec.of(fashion.resolve("t10k-images-idx3-ubyte.gz")))) {
            Preprocessing preprocessing = range.preprocessing(test);
            Batch batch = test.next(1_200);
            for (int i = 0; i < batch.size(); i++) {
                served.add(preprocessing.apply(batch.features()[i], test.sampleShape()));
                labels.add(batch.labels()[i]);
            }
        }
        SplittableRandom random = new SplittableRandom(9);
        TrafficFile clean = new TrafficFile();
        TrafficFile corrupted = new TrafficFile();
        for (int i = 0; i < served.size(); i++) {
            float[] x = served.get(i);
            float[] noisy = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                noisy[j] = (float) Math.min(1, Math.max(0, 0.7 * x[j] + 0.15 * random.nextGaussian() + 0.1));
            }
            clean.add("client-" + i % 40, x, null, labels.get(i));
            corrupted.add("client-" + i % 40, noisy, null, labels.get(i));
        }
        MonitorRequest.Builder request = MonitorRequest.builder(clean.write(dir.resolve("clean.jsonl.gz")), reference)
                .preprocessing(range).referenceCache(dir.resolve("reference.cache"));

        Measurement benign = MonitorRun.run(request.build(), line -> { });
        Measurement drifted = MonitorRun.run(MonitorRequest.builder(corrupted.write(dir.resolve("noisy.jsonl.gz")),
                reference).preprocessing(range).referenceCache(dir.resolve("reference.cache")).build(), line -> { });

        assertThat(benign.metrics().get(MonitorCapability.INPUT_DRIFT_PSI)).isLessThan(0.25);
        assertThat(benign.metrics().get(MonitorCapability.EMBEDDING_DRIFT_P)).isGreaterThan(0.005);
        assertThat(benign.metrics().get(MonitorCapability.ATTACK_CLIENTS)).isZero();
        assertThat(drifted.metrics().get(MonitorCapability.INPUT_DRIFT_PSI)).isGreaterThan(0.25);
        assertThat(drifted.metrics().get(MonitorCapability.EMBEDDING_DRIFT_P)).isLessThan(0.005);
        assertThat(MonitorCapability.report(drifted.details()).driftedFeatures()).isGreaterThan(100);
        assertThat(MonitorCapability.report(benign.details()).width()).isEqualTo(784);
    }
}
